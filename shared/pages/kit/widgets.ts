import { html, type SafeHtml } from '../../email/html';

/**
 * Form controls in Designsystemet's markup (ds-field, ds-fieldset, ds-validation-message,
 * ds-error-summary), accessible without JavaScript: every control has a label (radio groups a
 * fieldset with a legend), help texts and inline errors are tied to it with aria-describedby,
 * and an invalid control carries aria-invalid.
 */

/** What a field holds as the user typed it (name → raw value). */
export type FormValues = Readonly<Record<string, string | undefined>>;

/** A translated error for one field, or for the whole form (`field: 'form'`). */
export interface PageFieldError {
  field: string;
  text: string;
}

/** `contactPerson.email` → `f-contactPerson-email`: stable ids the error summary links to. */
export function fieldId(name: string): string {
  return `f-${name.replaceAll('.', '-')}`;
}

export interface Option {
  value: string;
  label: string;
  /** The label's language when it differs from the page's (language names). */
  lang?: string;
}

interface Common {
  name: string;
  label: string;
  hint?: string | undefined;
  values: FormValues;
  errors: readonly PageFieldError[];
}

function errorOf(name: string, errors: readonly PageFieldError[]): PageFieldError | undefined {
  return errors.find((e) => e.field === name);
}

function describedBy(id: string, hint: string | undefined, error: PageFieldError | undefined): string | undefined {
  const ids = [hint === undefined ? undefined : `${id}-hint`, error ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function hintOf(id: string, hint: string | undefined): SafeHtml | string {
  return hint === undefined ? '' : html`<p class="ds-paragraph" data-field="description" id="${id}-hint">${hint}</p>`;
}

function messageOf(id: string, error: PageFieldError | undefined): SafeHtml | string {
  return error ? html`<p class="ds-validation-message" data-field="validation" id="${id}-error">${error.text}</p>` : '';
}

function ariaAttrs(id: string, hint: string | undefined, error: PageFieldError | undefined): SafeHtml {
  const ref = describedBy(id, hint, error);
  return html`${ref ? html` aria-describedby="${ref}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

export interface TextFieldInput extends Common {
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email';
  maxlength?: number;
}

/**
 * A labelled control in a ds-field: the label, help text and inline error above it; `control`
 * gets the field's id and the aria attributes that tie the control to them.
 */
function labelledField(input: Common, control: (id: string, aria: SafeHtml) => SafeHtml): SafeHtml {
  const id = fieldId(input.name);
  const error = errorOf(input.name, input.errors);
  return html`<div class="ds-field">
<label class="ds-label" for="${id}">${input.label}</label>
${hintOf(id, input.hint)}
${messageOf(id, error)}
${control(id, ariaAttrs(id, input.hint, error))}
</div>`;
}

export function textField(input: TextFieldInput): SafeHtml {
  return labelledField(
    input,
    (id, aria) =>
      html`<input class="ds-input" type="${input.type ?? 'text'}" id="${id}" name="${input.name}" value="${input.values[input.name] ?? ''}"${input.autocomplete ? html` autocomplete="${input.autocomplete}"` : ''}${input.inputmode ? html` inputmode="${input.inputmode}"` : ''}${input.maxlength ? html` maxlength="${input.maxlength}"` : ''}${aria}>`,
  );
}

export function textArea(input: Common & { rows?: number; maxlength?: number }): SafeHtml {
  return labelledField(
    input,
    (id, aria) =>
      html`<textarea class="ds-input" id="${id}" name="${input.name}" rows="${input.rows ?? 5}"${input.maxlength ? html` maxlength="${input.maxlength}"` : ''}${aria}>${input.values[input.name] ?? ''}</textarea>`,
  );
}

export function select(input: Common & { options: readonly Option[] }): SafeHtml {
  const current = input.values[input.name] ?? '';
  const options = input.options.map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`,
  );
  return labelledField(
    input,
    (id, aria) => html`<select class="ds-input" id="${id}" name="${input.name}"${aria}>${options}</select>`,
  );
}

/** The id the error summary links to for a radio group: its first option. */
export function radioId(name: string, value: string): string {
  return `${fieldId(name)}-${value}`;
}

export function radioGroup(input: Omit<Common, 'label'> & { legend: string; options: readonly Option[] }): SafeHtml {
  const id = fieldId(input.name);
  const error = errorOf(input.name, input.errors);
  const current = input.values[input.name];
  const ref = describedBy(id, input.hint, error);
  const radios = input.options.map(
    (o) => html`<div class="ds-field">
<input class="ds-input" type="radio" id="${radioId(input.name, o.value)}" name="${input.name}" value="${o.value}"${o.value === current ? html` checked` : ''}${error ? html` aria-invalid="true"` : ''}>
<label class="ds-label" data-weight="regular" for="${radioId(input.name, o.value)}"${o.lang ? html` lang="${o.lang}"` : ''}>${o.label}</label>
</div>`,
  );
  return html`<fieldset class="ds-fieldset" id="${id}"${ref ? html` aria-describedby="${ref}"` : ''}>
<legend class="ds-label">${input.legend}</legend>
${hintOf(id, input.hint)}
${messageOf(id, error)}
${radios}
</fieldset>`;
}

export interface SummaryItem {
  href: string;
  text: string;
}

/**
 * Designsystemet's error summary. It is the first thing in <main> and takes focus on load
 * (autofocus on a tabindex=-1 container needs no script), so keyboard and screen-reader users
 * start at the list of problems; each item links to its field.
 */
export function errorSummary(heading: string, items: readonly SummaryItem[]): SafeHtml | string {
  if (items.length === 0) return '';
  return html`<div class="ds-error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" autofocus>
<h2 class="ds-heading" data-size="xs" id="error-summary-heading">${heading}</h2>
<ul class="ds-list">${items.map((i) => html`<li><a class="ds-link" href="${i.href}">${i.text}</a></li>`)}</ul>
</div>`;
}

/** The hidden inputs every page form carries. */
export function hiddenInputs(fields: Readonly<Record<string, string | undefined>>): SafeHtml {
  return html`${Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}
