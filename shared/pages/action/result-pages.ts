import { formatDateTime } from '../../email/format';
import { html } from '../../email/html';
import type { Language } from '../../kernel/ids';
import type { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../errors';
import type { ActionReceipt } from '../../use-cases/record-action';
import type { CurrentLink } from '../../domain/step';
import type { LinkProblem } from '../../use-cases/show-action';
import { t } from '../../i18n';
import { answerLabel } from '../kit/labels';
import { renderDocument } from '../kit/layout';

/**
 * The pages after an action or instead of it. None of them links to anything secret: the
 * receipt does not repeat the action link or the applicant's status link.
 */
export function actionReceiptPage(view: ActionReceipt, lang: Language): string {
  const heading = t(lang, 'pages.receipt.heading');
  const next = t(lang, `pages.receipt.next.${view.next}`, { deadline: formatDateTime(view.deadline, lang) });
  const main = html`<div class="ds-alert" data-color="success" role="status">
<h1 class="ds-heading" data-size="lg">${heading}</h1>
</div>
<dl class="app-facts">
<dt>${t(lang, 'pages.action.fact.caseNumber')}</dt><dd>${view.caseNumber}</dd>
<dt>${t(lang, 'pages.action.fact.title')}</dt><dd>${view.title}</dd>
<dt>${t(lang, 'pages.receipt.yourAnswer')}</dt><dd>${answerLabel(view.choice, view.ask, lang)}</dd>
${view.comment ? html`<dt>${t(lang, 'pages.receipt.yourComment')}</dt><dd class="app-pre-line">${view.comment}</dd>` : ''}
</dl>
<p class="ds-paragraph">${next}</p>
<p class="ds-paragraph">${t(lang, 'pages.receipt.close')}</p>`;
  return renderDocument({ lang, title: heading, main });
}

/** HTTP status per problem: 404 unknown, 410 expired or replaced by a newer link, 409 answered or no longer open. */
export const LINK_PROBLEM_STATUS: Readonly<Record<LinkProblem, number>> = {
  invalid: 404,
  expired: 410,
  answered: 409,
  closed: 409,
  superseded: 410,
  caseFinal: 409,
};

/** `newerLink` (for a superseded link) says when and in which e-mail the working link was sent. */
export function linkProblemPage(problem: LinkProblem, lang: Language, newerLink?: CurrentLink): string {
  const heading = t(lang, `pages.problem.${problem}.heading`);
  const body =
    problem === 'superseded' && newerLink
      ? t(lang, 'pages.problem.superseded.newer', {
          sentAt: formatDateTime(newerLink.sentAt, lang),
          subject: newerLink.subject,
        })
      : t(lang, `pages.problem.${problem}.body`);
  const main = html`<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${body}</p>`;
  return renderDocument({ lang, title: heading, main });
}

/**
 * A post the page cannot read (415 not a form, 413 too large): the problem's title and what to
 * do, announced at once like the forms' error summary. Nothing was stored.
 */
export function requestRejectedPage(error: UnsupportedMediaTypeError | PayloadTooLargeError, lang: Language): string {
  const heading = t(lang, `error.${error.code}.title`);
  const main = html`<div class="ds-error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" autofocus>
<h1 class="ds-heading" data-size="lg" id="error-summary-heading">${heading}</h1>
<p class="ds-paragraph">${t(lang, error.messageKey, error.detailParams(lang))}</p>
</div>`;
  return renderDocument({ lang, title: heading, main });
}

/** Generic 500 page: never says what failed (the log has the error, the page has nothing internal). */
export function internalErrorPage(lang: Language): string {
  const heading = t(lang, 'pages.problem.internal.heading');
  const main = html`<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${t(lang, 'pages.problem.internal.body')}</p>`;
  return renderDocument({ lang, title: heading, main });
}
