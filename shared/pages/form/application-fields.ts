import { type Application, EXISTING_SERVICE_MATTER_KINDS } from '../../domain/application';
import type { FormValues } from '../kit/widgets';

/**
 * The web form's fields and the Application JSON (shared/domain/application.ts). The form
 * posts flat fields named by their JSON path (`contactPerson.email`); this module builds the
 * same JSON the API takes, so the same parseApplication validates both, and maps the JSON
 * pointers of its errors back to the fields.
 */

/** Questions answered yes/no (radio values `yes` / `no`), in form order. */
export const YES_NO_FIELDS = [
  'matter.withinAgreedServicePrice',
  'highRiskOrDrawsResources',
  'strategicOrGreatSignificance',
  'financing.digifinGrant.requested',
  'financing.stateFinancing',
  'financing.ownEffort',
  'financing.municipalContributions',
  'financing.userFinanced',
  'financing.firstYearOperationCovered',
] as const;

/** Every field, in the order the form shows them (the error summary follows it). */
export const FIELD_ORDER = [
  'title',
  'needDescription',
  'applicant.name',
  'applicant.kind',
  'applicant.organisationNumber',
  'contactPerson.name',
  'contactPerson.email',
  'contactPerson.phone',
  'needSource',
  'matter.kind',
  'matter.affectedServiceId',
  'matter.withinAgreedServicePrice',
  'highRiskOrDrawsResources',
  'strategicOrGreatSignificance',
  'financing.digifinGrant.requested',
  'financing.digifinGrant.amountNok',
  'financing.stateFinancing',
  'financing.ownEffort',
  'financing.municipalContributions',
  'financing.userFinanced',
  'financing.firstYearOperationCovered',
  'participatingMunicipalities',
  'preferredLanguage',
] as const;
export type FieldName = (typeof FIELD_ORDER)[number];

export const MUNICIPALITIES_FIELD = 'participatingMunicipalities';

/** A read-only view of posted form fields (URLSearchParams fits). */
export interface PostedForm {
  get(name: string): string | null;
}

/** The posted fields the form knows, as typed (for showing the form again). */
export function formValues(form: PostedForm): FormValues {
  const values: Record<string, string> = {};
  for (const name of FIELD_ORDER) {
    const value = form.get(name);
    if (value !== null) values[name] = value;
  }
  return values;
}

/** Empty means "not answered": the schema then reports the field's own "required" message. */
function text(values: FormValues, name: FieldName): string | undefined {
  const value = values[name];
  return value === undefined || value === '' ? undefined : value;
}

function yesNo(values: FormValues, name: FieldName): boolean | string | undefined {
  const value = text(values, name);
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return value; // anything else is passed on, so the schema rejects it as an invalid choice
}

/** "1 500 000" → 1500000; anything that is not digits and spaces stays text for the schema to reject. */
function amount(values: FormValues, name: FieldName): number | string | undefined {
  const value = text(values, name)?.replace(/[\s\u00a0\u202f]/g, '');
  if (value === undefined || value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

export interface MunicipalityEntry {
  name: string;
  organisationNumber?: string;
}

/**
 * One municipality per line: "Name" or "Name, 123456789" (comma or semicolon). A trailing
 * group of digits is the organisation number, whatever its length, so a wrong one is reported
 * rather than silently kept in the name. Blank lines are skipped; `lines` keeps each entry's
 * line number so an error can say where it is.
 */
export function parseMunicipalities(textValue: string | undefined): { entries: MunicipalityEntry[]; lines: number[] } {
  const entries: MunicipalityEntry[] = [];
  const lines: number[] = [];
  (textValue ?? '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^(.*?)\s*[,;]\s*(\d[\d\s]*)$/.exec(line);
    entries.push(match ? { name: match[1] ?? '', organisationNumber: (match[2] ?? '').replace(/\s/g, '') } : { name: line });
    lines.push(index + 1);
  });
  return { entries, lines };
}

/** The Application JSON for the posted fields; conditional fields are included only where they apply. */
export function applicationInput(values: FormValues): Record<string, unknown> {
  const kind = text(values, 'matter.kind');
  const matter: Record<string, unknown> = { kind };
  if ((EXISTING_SERVICE_MATTER_KINDS as readonly (string | undefined)[]).includes(kind)) {
    matter.affectedServiceId = text(values, 'matter.affectedServiceId');
  }
  if (kind === 'functionality_change') {
    matter.withinAgreedServicePrice = yesNo(values, 'matter.withinAgreedServicePrice');
  }
  const requested = yesNo(values, 'financing.digifinGrant.requested');
  const digifinGrant: Record<string, unknown> = { requested };
  if (requested === true) digifinGrant.amountNok = amount(values, 'financing.digifinGrant.amountNok');
  return {
    title: values.title ?? '',
    needDescription: values.needDescription ?? '',
    applicant: {
      name: values['applicant.name'] ?? '',
      kind: text(values, 'applicant.kind'),
      organisationNumber: (values['applicant.organisationNumber'] ?? '').replace(/\s/g, ''),
    },
    contactPerson: {
      name: values['contactPerson.name'] ?? '',
      email: values['contactPerson.email'] ?? '',
      phone: values['contactPerson.phone'] ?? '',
    },
    needSource: text(values, 'needSource'),
    matter,
    highRiskOrDrawsResources: yesNo(values, 'highRiskOrDrawsResources'),
    financing: {
      digifinGrant,
      stateFinancing: yesNo(values, 'financing.stateFinancing'),
      ownEffort: yesNo(values, 'financing.ownEffort'),
      municipalContributions: yesNo(values, 'financing.municipalContributions'),
      userFinanced: yesNo(values, 'financing.userFinanced'),
      firstYearOperationCovered: yesNo(values, 'financing.firstYearOperationCovered'),
    },
    strategicOrGreatSignificance: yesNo(values, 'strategicOrGreatSignificance'),
    participatingMunicipalities: parseMunicipalities(values[MUNICIPALITIES_FIELD]).entries,
    preferredLanguage: text(values, 'preferredLanguage'),
  };
}

const yn = (value: boolean): string => (value ? 'yes' : 'no');

/** A stored application as form values (the amendment form starts from it). */
export function applicationFormValues(app: Application): FormValues {
  const values: Record<string, string> = {
    title: app.title,
    needDescription: app.needDescription,
    'applicant.name': app.applicant.name,
    'applicant.kind': app.applicant.kind,
    'applicant.organisationNumber': app.applicant.organisationNumber,
    'contactPerson.name': app.contactPerson.name,
    'contactPerson.email': app.contactPerson.email,
    'contactPerson.phone': app.contactPerson.phone,
    needSource: app.needSource,
    'matter.kind': app.matter.kind,
    highRiskOrDrawsResources: yn(app.highRiskOrDrawsResources),
    strategicOrGreatSignificance: yn(app.strategicOrGreatSignificance),
    'financing.digifinGrant.requested': yn(app.financing.digifinGrant.requested),
    'financing.stateFinancing': yn(app.financing.stateFinancing),
    'financing.ownEffort': yn(app.financing.ownEffort),
    'financing.municipalContributions': yn(app.financing.municipalContributions),
    'financing.userFinanced': yn(app.financing.userFinanced),
    'financing.firstYearOperationCovered': yn(app.financing.firstYearOperationCovered),
    [MUNICIPALITIES_FIELD]: app.participatingMunicipalities
      .map((m) => (m.organisationNumber === undefined ? m.name : `${m.name}, ${m.organisationNumber}`))
      .join('\n'),
    preferredLanguage: app.preferredLanguage,
  };
  if ('affectedServiceId' in app.matter) values['matter.affectedServiceId'] = app.matter.affectedServiceId;
  if ('withinAgreedServicePrice' in app.matter) {
    values['matter.withinAgreedServicePrice'] = yn(app.matter.withinAgreedServicePrice);
  }
  if (app.financing.digifinGrant.requested) {
    values['financing.digifinGrant.amountNok'] = String(app.financing.digifinGrant.amountNok);
  }
  return values;
}

/** Pointers that name a section or a union rather than the field a person answers. */
const POINTER_ALIASES: Readonly<Record<string, FieldName>> = {
  '': 'title',
  '/applicant': 'applicant.name',
  '/contactPerson': 'contactPerson.name',
  '/matter': 'matter.kind',
  '/financing': 'financing.digifinGrant.requested',
  '/financing/digifinGrant': 'financing.digifinGrant.requested',
};

export interface FieldLocation {
  field: FieldName;
  /** 1-based line of the municipalities text, for errors in one of its entries. */
  line?: number;
}

/**
 * The field (and line) a JSON pointer of a validation error belongs to. `lines` maps an entry
 * of the municipalities list to its line in the text (parseMunicipalities).
 */
export function fieldForPointer(pointer: string, lines: readonly number[] = []): FieldLocation {
  const alias = POINTER_ALIASES[pointer];
  if (alias) return { field: alias };
  const segments = pointer.split('/').slice(1);
  if (segments[0] === MUNICIPALITIES_FIELD) {
    const index = Number(segments[1]);
    const line = Number.isInteger(index) ? (lines[index] ?? index + 1) : undefined;
    return line === undefined ? { field: MUNICIPALITIES_FIELD } : { field: MUNICIPALITIES_FIELD, line };
  }
  for (let n = segments.length; n > 0; n--) {
    const name = segments.slice(0, n).join('.');
    if ((FIELD_ORDER as readonly string[]).includes(name)) return { field: name as FieldName };
  }
  return { field: 'title' };
}
