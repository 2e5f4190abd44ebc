import type { Language, Nivaa } from '../../kernel/ids';
import { pathAhead } from '../../domain/planner';
import { stepNameKey } from '../../domain/process';
import { html } from '../../email/html';
import { isMessageKey, t } from '../../i18n';
import { renderDocument } from '../kit/layout';

/**
 * The receipt after the form is sent: the case number, the proposed nivå with its
 * reasons in plain words (Eierstrategi ch. 12), the path ahead, and the status link. The
 * e-mail receipt to the contact person is the workflow's (notifications on triage start).
 */
export interface ReceiptView {
  caseNumber: string;
  title: string;
  proposal: {
    nivaa: Nivaa;
    /** Message keys (classification catalog). */
    reasons: readonly string[];
    digifinGrantPath: boolean;
    needsConfirmation: boolean;
  };
  statusUrl: string;
}

export function receiptPage(view: ReceiptView, lang: Language): string {
  const heading = t(lang, 'pages.form.receipt.heading');
  const main = html`<div class="ds-alert" data-color="success">
<h1 class="ds-heading" data-size="lg">${heading}</h1>
</div>
<dl class="app-facts">
<dt>${t(lang, 'pages.form.receipt.caseNumber')}</dt><dd>${view.caseNumber}</dd>
<dt>${t(lang, 'pages.form.receipt.title')}</dt><dd>${view.title}</dd>
<dt>${t(lang, 'pages.form.receipt.nivaa')}</dt><dd>${t(lang, 'common.nivaa', { nivaa: view.proposal.nivaa })}</dd>
</dl>
<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.form.receipt.reasonsHeading')}</h2>
<ul class="ds-list">${view.proposal.reasons.map((key) => html`<li>${isMessageKey(key) ? t(lang, key) : key}</li>`)}</ul>
${view.proposal.needsConfirmation ? html`<p class="ds-paragraph">${t(lang, 'pages.form.receipt.confirmNote')}</p>` : ''}
<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.form.receipt.pathHeading')}</h2>
<p class="ds-paragraph">${t(lang, 'pages.form.receipt.pathIntro')}</p>
<ol class="ds-list">${pathAhead(view.proposal).map((id) => html`<li>${t(lang, stepNameKey(id))}</li>`)}</ol>
<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.form.receipt.statusHeading')}</h2>
<p class="ds-paragraph">${t(lang, 'pages.form.receipt.statusIntro')}</p>
<p class="ds-paragraph"><a class="ds-link" href="${view.statusUrl}" id="status-link">${t(lang, 'pages.form.receipt.statusLink', { caseNumber: view.caseNumber })}</a></p>`;
  return renderDocument({ lang, title: heading, main });
}
