import type { Language } from '../../kernel/ids';
import { FINAL_STATUSES } from '../../kernel/ids';
import { formatDateTime, formatList } from '../../email/format';
import { html, type SafeHtml } from '../../email/html';
import { bodyName } from '../../email/labels';
import { t } from '../../i18n';
import type { CaseStatusView, StatementView, StepView } from '../../use-cases/get-case-status';
import { renderDocument } from '../kit/layout';
import { paths } from '../../config/routes';

/**
 * The applicant's status page, /sak/{caseId}: where the case is now, the nivå and
 * why, each step with the bodies asked, deadlines and outcomes, the statements, every event,
 * and the ways to act on it (amend when returned, withdraw while open). Everything comes from
 * the get-case-status use case, the same view the JSON API returns.
 */
const h2 = (text: string): SafeHtml => html`<h2 class="ds-heading" data-size="sm">${text}</h2>`;

function returnedNotice(view: CaseStatusView, lang: Language): SafeHtml | string {
  if (view.status !== 'returned') return '';
  return html`<div class="ds-alert" data-color="warning">
<h2 class="ds-heading" data-size="xs">${t(lang, 'pages.case.returned.heading')}</h2>
<p class="ds-paragraph">${t(lang, 'pages.case.returned.body')}</p>
<p class="ds-paragraph"><a class="ds-link" href="${paths.caseAmend(view.caseId)}">${t(lang, 'pages.case.returned.link')}</a></p>
</div>`;
}

function outcome(view: CaseStatusView, lang: Language): SafeHtml | string {
  const o = view.outcome;
  if (!o) return '';
  const color = o.status === 'approved' ? 'success' : o.status === 'refused' ? 'danger' : 'info';
  return html`<div class="ds-alert" data-color="${color}">
<h2 class="ds-heading" data-size="xs">${t(lang, 'pages.case.outcome.heading')}</h2>
<p class="ds-paragraph">${t(lang, 'pages.case.outcome.text', { status: o.statusText, date: formatDateTime(o.at, lang) })}</p>
${o.bodyId ? html`<p class="ds-paragraph">${t(lang, 'pages.case.outcome.by', { body: bodyName(o.bodyId, lang) })}</p>` : ''}
${o.reason ? html`<p class="ds-paragraph">${o.reason.text}</p>` : ''}
</div>`;
}

function facts(view: CaseStatusView, lang: Language): SafeHtml {
  const rows: Array<[string, string]> = [
    [t(lang, 'pages.case.fact.title'), view.title],
    [t(lang, 'pages.case.fact.organisation'), view.organisation.name],
    [t(lang, 'pages.case.fact.status'), view.statusText],
    [t(lang, 'pages.case.fact.nivaa'), t(lang, 'common.nivaa', { nivaa: view.nivaa })],
    [t(lang, 'pages.case.fact.submitted'), formatDateTime(view.submittedAt, lang)],
    [t(lang, 'pages.case.fact.updated'), formatDateTime(view.updatedAt, lang)],
  ];
  return html`<dl class="app-facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function current(view: CaseStatusView, lang: Language): SafeHtml {
  const step = view.currentStep;
  const text = step
    ? t(lang, 'pages.case.current.waiting', {
        step: step.kindText,
        bodies: formatList(
          step.bodies.map((b) => bodyName(b, lang)),
          lang,
        ),
        deadline: formatDateTime(step.deadline, lang),
      })
    : t(lang, 'pages.case.current.none');
  return html`${h2(t(lang, 'pages.case.current.heading'))}<p class="ds-paragraph" id="current-step">${text}</p>`;
}

function proposal(view: CaseStatusView, lang: Language): SafeHtml {
  const o = view.nivaaOverride;
  return html`${h2(t(lang, 'pages.case.proposal.heading'))}
<p class="ds-paragraph">${t(lang, 'pages.case.proposal.nivaa', { nivaa: t(lang, 'common.nivaa', { nivaa: view.proposal.nivaa }) })}</p>
<ul class="ds-list">${view.proposal.reasons.map((r) => html`<li>${r.text}</li>`)}</ul>
${o ? html`<p class="ds-paragraph">${t(lang, 'pages.case.proposal.override', { from: t(lang, 'common.nivaa', { nivaa: o.from }), to: t(lang, 'common.nivaa', { nivaa: o.to }), reason: o.reason })}</p>` : ''}`;
}

function step(s: StepView, lang: Language): SafeHtml {
  const state = s.status === 'open' ? t(lang, 'pages.case.step.open') : t(lang, 'pages.case.step.closed');
  const dates = [
    t(lang, 'pages.case.step.started', { date: formatDateTime(s.startedAt, lang) }),
    s.closedAt
      ? t(lang, 'pages.case.step.closedAt', { date: formatDateTime(s.closedAt, lang) })
      : t(lang, 'pages.case.step.deadline', { date: formatDateTime(s.deadline, lang) }),
  ];
  const units = s.units.map(
    (u) => html`<li>${u.bodyText}: ${u.outcomeText ?? t(lang, 'pages.case.unit.waiting')}</li>`,
  );
  return html`<li class="app-step" data-status="${s.status}">
<h3 class="ds-heading" data-size="2xs">${s.kindText} <span class="ds-tag" data-color="${s.status === 'open' ? 'info' : 'neutral'}">${state}</span></h3>
<p class="ds-paragraph">${dates.join('. ')}.</p>
<ul class="ds-list">${units}</ul>
</li>`;
}

function steps(view: CaseStatusView, lang: Language): SafeHtml {
  const body =
    view.steps.length === 0
      ? html`<p class="ds-paragraph">${t(lang, 'pages.case.steps.none')}</p>`
      : html`<ol class="app-timeline">${view.steps.map((s) => step(s, lang))}</ol>`;
  return html`${h2(t(lang, 'pages.case.steps.heading'))}${body}`;
}

function statements(list: readonly StatementView[], lang: Language): SafeHtml {
  if (list.length === 0) {
    return html`${h2(t(lang, 'pages.case.statements.heading'))}<p class="ds-paragraph">${t(lang, 'pages.case.statements.none')}</p>`;
  }
  const rows = list.map(
    (s) => html`<tr><td>${bodyName(s.bodyId, lang)}</td><td>${s.choiceText}</td><td class="app-pre-line">${s.comment ?? ''}</td><td>${formatDateTime(s.at, lang)}</td></tr>`,
  );
  return html`${h2(t(lang, 'pages.case.statements.heading'))}
<div class="app-table-scroll" role="region" aria-labelledby="statements-caption" tabindex="0"><table class="ds-table">
<caption id="statements-caption">${t(lang, 'pages.case.statements.caption')}</caption>
<thead><tr><th scope="col">${t(lang, 'pages.case.statements.body')}</th><th scope="col">${t(lang, 'pages.case.statements.answer')}</th><th scope="col">${t(lang, 'pages.case.statements.comment')}</th><th scope="col">${t(lang, 'pages.case.statements.date')}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function history(view: CaseStatusView, lang: Language): SafeHtml {
  const rows = view.events.map(
    (e) => html`<tr><td>${formatDateTime(e.at, lang)}</td><td>${e.typeText}${e.bodyId ? html` (${bodyName(e.bodyId, lang)})` : ''}</td><td>${e.actorText}</td></tr>`,
  );
  return html`${h2(t(lang, 'pages.case.history.heading'))}
<div class="app-table-scroll" role="region" aria-labelledby="history-caption" tabindex="0"><table class="ds-table">
<caption id="history-caption">${t(lang, 'pages.case.history.caption')}</caption>
<thead><tr><th scope="col">${t(lang, 'pages.case.history.date')}</th><th scope="col">${t(lang, 'pages.case.history.event')}</th><th scope="col">${t(lang, 'pages.case.history.actor')}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function withdraw(view: CaseStatusView, lang: Language): SafeHtml | string {
  if (FINAL_STATUSES.includes(view.status)) return '';
  return html`${h2(t(lang, 'pages.case.withdraw.heading'))}
<p class="ds-paragraph">${t(lang, 'pages.case.withdraw.body')}</p>
<p class="ds-paragraph"><a class="ds-button" data-variant="secondary" href="${paths.caseWithdraw(view.caseId)}" id="withdraw-link">${t(lang, 'pages.case.withdraw.link')}</a></p>`;
}

export function statusPage(view: CaseStatusView, lang: Language): string {
  const heading = t(lang, 'pages.case.heading', { caseNumber: view.caseNumber });
  const main = html`<h1 class="ds-heading" data-size="lg">${heading}</h1>
${returnedNotice(view, lang)}
${outcome(view, lang)}
${facts(view, lang)}
${current(view, lang)}
${proposal(view, lang)}
${steps(view, lang)}
${statements(view.statements, lang)}
${history(view, lang)}
${withdraw(view, lang)}
<p class="ds-paragraph"><a class="ds-link" href="/journal">${t(lang, 'pages.case.journalLink')}</a></p>`;
  return renderDocument({ lang, title: heading, main });
}

/** The steps timeline and the statements table, shared with the secretariat's case page. */
export { statements as statementsSection, steps as stepsSection };
