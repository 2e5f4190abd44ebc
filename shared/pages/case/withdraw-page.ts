import { MAX_COMMENT_LENGTH } from '../../domain/case';
import type { Language } from '../../kernel/ids';
import { html, type SafeHtml } from '../../email/html';
import { type MessageKey, t } from '../../i18n';
import { PAGE_CSRF_FIELD } from '../kit/page-csrf';
import { errorSummary, fieldId, hiddenInputs, type PageFieldError, textArea } from '../kit/widgets';
import { renderDocument } from '../kit/layout';
import { paths } from '../../config/routes';

/**
 * Withdrawal with a confirmation: GET /sak/{id}/trekk asks, POST does it. Without
 * JavaScript the confirmation is its own page; nothing changes until its button is pressed.
 */
export const WITHDRAW_REASON_FIELD = 'reason';

export interface WithdrawPageInput {
  lang: Language;
  caseId: string;
  caseNumber: string;
  csrf: string;
  reason?: string;
  errors?: readonly PageFieldError[];
}

export function withdrawConfirmPage(input: WithdrawPageInput): string {
  const { lang } = input;
  const errors = input.errors ?? [];
  const heading = t(lang, 'pages.withdraw.heading', { caseNumber: input.caseNumber });
  const summary = errorSummary(
    t(lang, 'pages.withdraw.errors.heading'),
    errors.map((e) => ({ href: e.field === 'form' ? '#submit' : `#${fieldId(e.field)}`, text: e.text })),
  );
  const formErrors = errors.filter((e) => e.field === 'form');
  const main = html`${summary}
<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${t(lang, 'pages.withdraw.body')}</p>
<form method="post" novalidate>
${hiddenInputs({ [PAGE_CSRF_FIELD]: input.csrf })}
${textArea({
  name: WITHDRAW_REASON_FIELD,
  label: t(lang, 'pages.withdraw.reason.label'),
  hint: t(lang, 'pages.withdraw.reason.hint', { max: MAX_COMMENT_LENGTH }),
  values: { [WITHDRAW_REASON_FIELD]: input.reason },
  errors,
  rows: 4,
  maxlength: MAX_COMMENT_LENGTH,
})}
${formErrors.map((e) => html`<p class="ds-validation-message" data-field="validation">${e.text}</p>`)}
<div class="app-actions">
<button class="ds-button" data-variant="primary" data-color="danger" type="submit" id="submit">${t(lang, 'pages.withdraw.submit')}</button>
<a class="ds-button" data-variant="secondary" href="${paths.caseStatus(input.caseId)}">${t(lang, 'pages.withdraw.cancel')}</a>
</div>
</form>`;
  return renderDocument({ lang, title: heading, main });
}

/** A page with a heading, a message and a way on (results, refusals, not found). */
export function noticePage(input: {
  lang: Language;
  heading: string;
  body: string;
  color?: 'success' | 'info' | 'warning' | 'danger';
  link?: { href: string; text: string };
}): string {
  const link: SafeHtml | string = input.link
    ? html`<p class="ds-paragraph"><a class="ds-link" href="${input.link.href}">${input.link.text}</a></p>`
    : '';
  const main = input.color
    ? html`<div class="ds-alert" data-color="${input.color}"><h1 class="ds-heading" data-size="lg">${input.heading}</h1><p class="ds-paragraph">${input.body}</p></div>${link}`
    : html`<h1 class="ds-heading" data-size="lg">${input.heading}</h1><p class="ds-paragraph">${input.body}</p>${link}`;
  return renderDocument({ lang: input.lang, title: input.heading, main });
}

export function caseNotFoundPage(lang: Language): string {
  return noticePage({ lang, heading: t(lang, 'pages.case.notFound.heading'), body: t(lang, 'pages.case.notFound.body') });
}

/** A notice about one case, with the way back to its status page. */
export function caseNoticePage(
  lang: Language,
  caseId: string,
  keys: { heading: MessageKey; body: MessageKey },
  params: Record<string, string>,
  color?: 'success' | 'info' | 'warning',
): string {
  return noticePage({
    lang,
    heading: t(lang, keys.heading, params),
    body: t(lang, keys.body, params),
    ...(color ? { color } : {}),
    link: { href: paths.caseStatus(caseId), text: t(lang, 'pages.case.backLink') },
  });
}
