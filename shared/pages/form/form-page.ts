import {
  APPLICATION_LIMITS,
  MATTER_KINDS,
  NEED_SOURCES,
  ORGANISATION_KINDS,
} from '../../domain/application';
import { LANGUAGES, type Language } from '../../kernel/ids';
import { html, type SafeHtml } from '../../email/html';
import { t } from '../../i18n';
import { renderDocument } from '../kit/layout';
import { FIELD_ORDER, type FieldName, YES_NO_FIELDS } from './application-fields';
import { PAGE_CSRF_FIELD } from '../kit/page-csrf';
import {
  errorSummary,
  type FormValues,
  fieldId,
  hiddenInputs,
  type Option,
  type PageFieldError,
  radioGroup,
  radioId,
  select,
  textArea,
  textField,
} from '../kit/widgets';

/**
 * The application form (GET and POST /) and the same form for an amendment
 * (/sak/{id}/endre). Every field of ApplicationSchema, grouped in plain-language sections,
 * with help texts; on errors, the error summary first and a message at each field.
 */
export const SUBMISSION_FIELD = 'submission';

export interface ServiceOption {
  serviceId: string;
  name: string;
}

export type FormMode = { kind: 'new' } | { kind: 'amend'; caseNumber: string };

export interface ApplicationFormPageInput {
  lang: Language;
  mode: FormMode;
  csrf: string;
  /** Idempotency key of this rendering of the new-application form. */
  submission?: string;
  values: FormValues;
  errors: readonly PageFieldError[];
  services: readonly ServiceOption[];
}

const RADIO_FIRST: Partial<Record<FieldName, string>> = {
  'applicant.kind': ORGANISATION_KINDS[0],
  needSource: NEED_SOURCES[0],
  'matter.kind': MATTER_KINDS[0],
  preferredLanguage: LANGUAGES[0],
  ...Object.fromEntries(YES_NO_FIELDS.map((name) => [name, 'yes'])),
};

/** Where the summary links for a field: the control itself, or a radio group's first option. */
export function errorHref(field: string): string {
  const first = RADIO_FIRST[field as FieldName];
  if (first !== undefined) return `#${radioId(field, first)}`;
  if ((FIELD_ORDER as readonly string[]).includes(field)) return `#${fieldId(field)}`;
  return '#submit';
}

function yesNo(lang: Language): Option[] {
  return [
    { value: 'yes', label: t(lang, 'pages.form.yes') },
    { value: 'no', label: t(lang, 'pages.form.no') },
  ];
}

function sectionHeading(text: string): SafeHtml {
  return html`<h2 class="ds-heading" data-size="sm">${text}</h2>`;
}

function fields(input: ApplicationFormPageInput): SafeHtml {
  const { lang, errors } = input;
  const values: FormValues = { preferredLanguage: lang, ...input.values };
  const common = { values, errors };
  const question = (name: (typeof YES_NO_FIELDS)[number], hint?: string) =>
    radioGroup({ ...common, name, legend: t(lang, `pages.form.${name}.legend`), hint, options: yesNo(lang) });
  return html`${sectionHeading(t(lang, 'pages.form.section.need'))}
${textField({ ...common, name: 'title', label: t(lang, 'pages.form.title.label'), hint: t(lang, 'pages.form.title.hint'), maxlength: APPLICATION_LIMITS.title })}
${textArea({ ...common, name: 'needDescription', label: t(lang, 'pages.form.needDescription.label'), hint: t(lang, 'pages.form.needDescription.hint'), rows: 8, maxlength: APPLICATION_LIMITS.needDescription })}
${radioGroup({ ...common, name: 'needSource', legend: t(lang, 'pages.form.needSource.legend'), hint: t(lang, 'pages.form.needSource.hint'), options: NEED_SOURCES.map((v) => ({ value: v, label: t(lang, `application.option.needSource.${v}`) })) })}
${sectionHeading(t(lang, 'pages.form.section.applicant'))}
${textField({ ...common, name: 'applicant.name', label: t(lang, 'pages.form.applicant.name.label'), autocomplete: 'organization', maxlength: APPLICATION_LIMITS.name })}
${radioGroup({ ...common, name: 'applicant.kind', legend: t(lang, 'pages.form.applicant.kind.legend'), options: ORGANISATION_KINDS.map((v) => ({ value: v, label: t(lang, `application.option.organisationKind.${v}`) })) })}
${textField({ ...common, name: 'applicant.organisationNumber', label: t(lang, 'pages.form.applicant.organisationNumber.label'), hint: t(lang, 'pages.form.applicant.organisationNumber.hint'), inputmode: 'numeric' })}
${sectionHeading(t(lang, 'pages.form.section.contact'))}
${textField({ ...common, name: 'contactPerson.name', label: t(lang, 'pages.form.contactPerson.name.label'), autocomplete: 'name', maxlength: APPLICATION_LIMITS.name })}
${textField({ ...common, name: 'contactPerson.email', type: 'email', label: t(lang, 'pages.form.contactPerson.email.label'), hint: t(lang, 'pages.form.contactPerson.email.hint'), autocomplete: 'email', maxlength: APPLICATION_LIMITS.email })}
${textField({ ...common, name: 'contactPerson.phone', type: 'tel', label: t(lang, 'pages.form.contactPerson.phone.label'), hint: t(lang, 'pages.form.contactPerson.phone.hint'), autocomplete: 'tel' })}
${sectionHeading(t(lang, 'pages.form.section.matter'))}
${radioGroup({ ...common, name: 'matter.kind', legend: t(lang, 'pages.form.matter.kind.legend'), hint: t(lang, 'pages.form.matter.kind.hint'), options: MATTER_KINDS.map((v) => ({ value: v, label: t(lang, `application.option.matterKind.${v}`) })) })}
${select({ ...common, name: 'matter.affectedServiceId', label: t(lang, 'pages.form.matter.affectedServiceId.label'), hint: t(lang, 'pages.form.matter.affectedServiceId.hint'), options: [{ value: '', label: t(lang, 'pages.form.matter.affectedServiceId.none') }, ...input.services.map((s) => ({ value: s.serviceId, label: s.name }))] })}
${question('matter.withinAgreedServicePrice', t(lang, 'pages.form.matter.withinAgreedServicePrice.hint'))}
${question('highRiskOrDrawsResources')}
${question('strategicOrGreatSignificance', t(lang, 'pages.form.strategicOrGreatSignificance.hint'))}
${sectionHeading(t(lang, 'pages.form.section.financing'))}
${question('financing.digifinGrant.requested')}
${textField({ ...common, name: 'financing.digifinGrant.amountNok', label: t(lang, 'pages.form.financing.digifinGrant.amountNok.label'), hint: t(lang, 'pages.form.financing.digifinGrant.amountNok.hint'), inputmode: 'numeric' })}
${question('financing.stateFinancing')}
${question('financing.ownEffort')}
${question('financing.municipalContributions')}
${question('financing.userFinanced')}
${question('financing.firstYearOperationCovered')}
${sectionHeading(t(lang, 'pages.form.section.participants'))}
${textArea({ ...common, name: 'participatingMunicipalities', label: t(lang, 'pages.form.participatingMunicipalities.label'), hint: t(lang, 'pages.form.participatingMunicipalities.hint'), rows: 4 })}
${sectionHeading(t(lang, 'pages.form.section.language'))}
${radioGroup({ ...common, name: 'preferredLanguage', legend: t(lang, 'pages.form.preferredLanguage.legend'), options: LANGUAGES.map((code) => ({ value: code, label: t(code, `pages.language.${code}`), lang: code })) })}`;
}

/** Errors in form order, form-level ones (CSRF, a reused submission) last. */
function ordered(errors: readonly PageFieldError[]): PageFieldError[] {
  const rank = (field: string) => {
    const index = (FIELD_ORDER as readonly string[]).indexOf(field);
    return index < 0 ? FIELD_ORDER.length : index;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

export function applicationFormPage(input: ApplicationFormPageInput): string {
  const { lang, mode } = input;
  const heading =
    mode.kind === 'new' ? t(lang, 'pages.form.heading') : t(lang, 'pages.amend.heading', { caseNumber: mode.caseNumber });
  const intro = mode.kind === 'new' ? t(lang, 'pages.form.intro') : t(lang, 'pages.amend.intro');
  const submit = mode.kind === 'new' ? t(lang, 'pages.form.submit') : t(lang, 'pages.amend.submit');
  const formErrors = input.errors.filter((e) => e.field === 'form');
  const summary = errorSummary(
    t(lang, 'pages.form.errors.heading'),
    ordered(input.errors).map((e) => ({ href: errorHref(e.field), text: e.text })),
  );
  // No action attribute: the form posts to the page's own URL (/ or /sak/{id}/endre).
  const main = html`${summary}
<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${intro}</p>
<p class="ds-paragraph">${t(lang, 'pages.form.requiredNote')}</p>
<form method="post" novalidate class="app-form">
${hiddenInputs({ [PAGE_CSRF_FIELD]: input.csrf, [SUBMISSION_FIELD]: input.submission })}
${fields(input)}
${formErrors.map((e) => html`<p class="ds-validation-message" data-field="validation">${e.text}</p>`)}
<button class="ds-button" data-variant="primary" type="submit" id="submit">${submit}</button>
</form>
${mode.kind === 'new' ? html`<p class="ds-paragraph"><a class="ds-link" href="/journal">${t(lang, 'pages.form.journalLink')}</a></p>` : ''}`;
  return renderDocument({ lang, title: heading, main });
}
