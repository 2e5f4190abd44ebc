import { formatDateTime } from '../../email/format';
import { html, type SafeHtml } from '../../email/html';
import { bodyName, choiceLabel } from '../../email/labels';
import { answerLabel } from '../kit/labels';
import type { Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { ActionStatement } from '../../use-cases/show-action';
import type { ActionFormView, FormError, FormField, FormValues } from './view';
import { CSRF_FIELD } from '../kit/csrf';
import { renderDocument } from '../kit/layout';

/**
 * The confirmation page behind an action link: it shows the case and the choices (GET changes
 * nothing) and works without JavaScript, in Designsystemet's patterns. With errors it is the
 * same page again, with an error summary that links to each field.
 */
export interface ActionFormPageInput {
  view: ActionFormView;
  lang: Language;
  errors?: readonly FormError[];
  values?: FormValues;
}

/** Where the error summary links for each field (a focusable element of that field). */
function fieldAnchor(field: FormField, view: ActionFormView): string {
  if (field === 'comment') return 'comment';
  if (field === 'csrf') return 'submit';
  return `choice-${view.choices[0] ?? 'none'}`;
}

function facts(view: ActionFormView, lang: Language): SafeHtml {
  const rows: Array<[string, string]> = [
    [t(lang, 'pages.action.fact.caseNumber'), view.caseNumber],
    [t(lang, 'pages.action.fact.title'), view.title],
    [t(lang, 'pages.action.fact.organisation'), view.organisationName],
    [t(lang, 'pages.action.fact.nivaa'), t(lang, 'common.nivaa', { nivaa: view.nivaa })],
    [t(lang, 'pages.action.fact.body'), bodyName(view.bodyId, lang)],
    [t(lang, 'pages.action.fact.asked'), t(lang, `pages.action.asked.${view.ask}`)],
    [t(lang, 'pages.action.fact.deadline'), formatDateTime(view.deadline, lang)],
  ];
  return html`<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.action.factsHeading')}</h2>
<dl class="app-facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function statements(list: readonly ActionStatement[] | undefined, lang: Language): SafeHtml | string {
  if (list === undefined) return '';
  const heading = html`<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.action.statements.heading')}</h2>`;
  if (list.length === 0) {
    return html`${heading}<p class="ds-paragraph">${t(lang, 'pages.action.statements.none')}</p>`;
  }
  const rows = list.map(
    (s) => html`<tr><td>${bodyName(s.bodyId, lang)}</td><td>${choiceLabel(s.choice, lang)}</td><td class="app-pre-line">${s.comment ?? ''}</td></tr>`,
  );
  return html`${heading}<table class="ds-table">
<caption>${t(lang, 'pages.action.statements.caption')}</caption>
<thead><tr><th scope="col">${t(lang, 'pages.action.statements.body')}</th><th scope="col">${t(lang, 'pages.action.statements.answer')}</th><th scope="col">${t(lang, 'pages.action.statements.comment')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function errorSummary(errors: readonly FormError[], view: ActionFormView, lang: Language): SafeHtml | string {
  if (errors.length === 0) return '';
  const items = errors.map(
    (e) => html`<li><a class="ds-link" href="#${fieldAnchor(e.field, view)}">${t(lang, e.key, e.params)}</a></li>`,
  );
  return html`<div class="ds-error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1">
<h2 class="ds-heading" data-size="xs" id="error-summary-heading">${t(lang, 'pages.action.errors.heading')}</h2>
<ul class="ds-list">${items}</ul>
</div>`;
}

function inlineError(field: FormField, errors: readonly FormError[], lang: Language): SafeHtml | string {
  const error = errors.find((e) => e.field === field);
  if (!error) return '';
  return html`<p class="ds-validation-message" data-field="validation" id="${field}-error">${t(lang, error.key, error.params)}</p>`;
}

function choiceFieldset(input: Required<ActionFormPageInput>): SafeHtml {
  const { view, lang, errors, values } = input;
  const invalid = errors.some((e) => e.field === 'choice');
  const radios = view.choices.map(
    (choice) => html`<div class="ds-field">
<input class="ds-input" type="radio" name="choice" id="choice-${choice}" value="${choice}" required${values.choice === choice ? html` checked` : ''}${invalid ? html` aria-invalid="true"` : ''}>
<label class="ds-label" data-weight="regular" for="choice-${choice}">${answerLabel(choice, view.ask, lang)}</label>
</div>`,
  );
  return html`<fieldset class="ds-fieldset"${invalid ? html` aria-describedby="choice-error"` : ''}>
<legend class="ds-label">${t(lang, 'pages.action.choice.legend')}</legend>
${inlineError('choice', errors, lang)}
${radios}
</fieldset>`;
}

function commentField(input: Required<ActionFormPageInput>): SafeHtml {
  const { view, lang, errors, values } = input;
  const invalid = errors.some((e) => e.field === 'comment');
  const describedBy = invalid ? 'comment-hint comment-error' : 'comment-hint';
  return html`<div class="ds-field">
<label class="ds-label" for="comment">${t(lang, 'pages.action.comment.label')}</label>
<p class="ds-paragraph" data-field="description" id="comment-hint">${t(lang, 'pages.action.comment.hint', { max: view.commentMax })}</p>
${inlineError('comment', errors, lang)}
<textarea class="ds-input" id="comment" name="comment" rows="5" maxlength="${view.commentMax}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ''}>${values.comment ?? ''}</textarea>
</div>`;
}

export function actionFormPage(input: ActionFormPageInput): string {
  const full: Required<ActionFormPageInput> = { errors: [], values: {}, ...input };
  const { view, lang, errors } = full;
  const heading = t(lang, `pages.action.heading.${view.ask}`, { caseNumber: view.caseNumber });
  // No action attribute: the form posts to this page's own URL (the token stays out of the markup).
  const main = html`${errorSummary(errors, view, lang)}
<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${t(lang, 'pages.action.intro')}</p>
${facts(view, lang)}
${statements(view.statements, lang)}
<h2 class="ds-heading" data-size="sm">${t(lang, 'pages.action.formHeading')}</h2>
<form method="post" novalidate class="app-form">
<input type="hidden" name="${CSRF_FIELD}" value="${view.csrf}">
${choiceFieldset(full)}
${commentField(full)}
${inlineError('csrf', errors, lang)}
<div class="ds-alert" data-color="info"><p class="ds-paragraph">${t(lang, 'pages.action.safeNote')}</p></div>
<button class="ds-button" data-variant="primary" type="submit" id="submit">${t(lang, 'pages.action.submit')}</button>
</form>`;
  return renderDocument({ lang, title: heading, main });
}
