import { z } from 'zod';
import { type FieldError, ValidationError } from '../errors';
import type { applicationMessages } from '../i18n/catalogs/application';
import { LANGUAGES } from '../kernel/ids';
import { OrganisationNumberSchema } from './org-number';
import { hasControlCharacters, hasUnpairedSurrogate } from './text';

/**
 * The application ("søknad / behovsmelding") a municipal-sector organisation submits through the
 * web form or the API. All objects are strict; every string is NFC-normalised and trimmed
 * before its length is checked; every error message is a key in catalogs/application.ts.
 */
export type { FieldError } from '../errors';

type ApplicationMessageKey = keyof (typeof applicationMessages)['nb'];
/** Makes every error message literal a compile-checked catalog key. */
const key = (k: ApplicationMessageKey): ApplicationMessageKey => k;

/** Applicants are municipal-sector organisations (Eierstrategi ch. 5: ≥ 80 % of activity for them). */
export const ORGANISATION_KINDS = ['kommune', 'fylkeskommune', 'ks', 'kommunalt_selskap'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Eierstrategi ch. 12 "Kilder til ideer og behovsbeskrivelser", items 1–6 in that order. */
export const NEED_SOURCES = [
  'samstyring_dialog',
  'dif_forvaltning_brukerrad',
  'statlige_virksomheter',
  'direkte_innspill',
  'nasjonale_felleslosninger',
  'leverandordialog',
] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

/** What the matter is, in the terms of the Eierstrategi ch. 12 decision table. */
export const MATTER_KINDS = [
  'new_delivery_area',
  'new_service',
  'new_project',
  'significant_further_development',
  'functionality_change',
] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

/** Kinds that concern an existing service, so they name it (nivå 3 consults its brukerråd). */
export const EXISTING_SERVICE_MATTER_KINDS = [
  'significant_further_development',
  'functionality_change',
] as const satisfies readonly MatterKind[];

export const APPLICATION_LIMITS = {
  title: 200,
  needDescription: 10_000,
  name: 200,
  email: 254,
  participatingMunicipalities: 500,
  /** Sanity bound, far above any DigiFin grant; catches unit mistakes (øre for kroner). */
  digifinAmountNok: 1_000_000_000,
} as const;

/** Stable service ids as used in the roster's per-service brukerråd (lowercase slug). */
export const SERVICE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;

function requiredOr(requiredKey: ApplicationMessageKey, invalidKey: ApplicationMessageKey) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? requiredKey : invalidKey);
}

function text(requiredKey: ApplicationMessageKey, max: number, multiline = false) {
  const base = z
    .string({ error: requiredOr(requiredKey, 'application.text.invalidType') })
    .normalize('NFC');
  const lines = multiline ? base.overwrite((s) => s.replace(/\r\n?/g, '\n')) : base;
  return lines
    .trim()
    .min(1, { error: requiredKey, abort: true })
    // Aborting: no character check runs on text that is already too long.
    .max(max, { error: key('application.text.tooLong'), abort: true })
    .refine((s) => !hasUnpairedSurrogate(s), { error: key('application.text.unpairedSurrogate'), abort: true })
    .refine((s) => !hasControlCharacters(s, multiline), { error: key('application.text.controlCharacters') });
}

function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: requiredOr('application.section.required', 'application.section.invalid'),
  });
}

function yesNo() {
  return z.boolean({ error: requiredOr('application.choice.required', 'application.choice.invalid') });
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  requiredKey: ApplicationMessageKey,
) {
  return z.enum(values, { error: requiredOr(requiredKey, 'application.choice.invalid') });
}

const EmailSchema = z
  .string({ error: requiredOr('application.contactPerson.email.required', 'application.text.invalidType') })
  .trim()
  .min(1, { error: key('application.contactPerson.email.required'), abort: true })
  .max(APPLICATION_LIMITS.email, { error: key('application.text.tooLong'), abort: true })
  .regex(z.regexes.email, { error: key('application.contactPerson.email.invalid') });

/** Norwegian numbers: optional +47/0047, 8 digits not starting with 0 or 1; stored as +47XXXXXXXX. */
const NORWEGIAN_PHONE = /^(?:\+47|0047)?([2-9]\d{7})$/;
const PhoneSchema = z
  .string({ error: requiredOr('application.contactPerson.phone.required', 'application.text.invalidType') })
  .overwrite((s) => s.replace(/[\s\u00a0\u202f]/g, ''))
  .min(1, { error: key('application.contactPerson.phone.required'), abort: true })
  .regex(NORWEGIAN_PHONE, { error: key('application.contactPerson.phone.invalid'), abort: true })
  .overwrite((s) => `+47${s.slice(-8)}`);

const ServiceIdSchema = z
  .string({ error: requiredOr('application.affectedServiceId.required', 'application.text.invalidType') })
  .trim()
  .min(1, { error: key('application.affectedServiceId.required'), abort: true })
  .regex(SERVICE_ID_PATTERN, { error: key('application.affectedServiceId.invalid') });

/**
 * The matter, discriminated by kind so that the fields an existing service needs are required
 * exactly where they apply (and rejected as unknown elsewhere).
 */
const MatterSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('new_delivery_area') }),
    z.strictObject({ kind: z.literal('new_service') }),
    z.strictObject({ kind: z.literal('new_project') }),
    z.strictObject({
      kind: z.literal('significant_further_development'),
      affectedServiceId: ServiceIdSchema,
    }),
    z.strictObject({
      kind: z.literal('functionality_change'),
      affectedServiceId: ServiceIdSchema,
      /** Eierstrategi ch. 12 nivå 3: "innenfor avtalt tjenestepris". */
      withinAgreedServicePrice: yesNo(),
    }),
  ],
  { error: key('application.matter.kind.required') },
);

const DigifinGrantSchema = z.discriminatedUnion(
  'requested',
  [
    z.strictObject({
      requested: z.literal(true),
      amountNok: z
        .number({
          error: requiredOr(
            'application.digifinGrant.amountNok.required',
            'application.digifinGrant.amountNok.invalid',
          ),
        })
        .int({ error: key('application.digifinGrant.amountNok.invalid') })
        .positive({ error: key('application.digifinGrant.amountNok.invalid') })
        .max(APPLICATION_LIMITS.digifinAmountNok, {
          error: key('application.digifinGrant.amountNok.tooBig'),
        }),
    }),
    z.strictObject({ requested: z.literal(false) }),
  ],
  { error: key('application.choice.required') },
);

/** Eierstrategi ch. 4 "Finansiering": sources for new services and significant further development. */
const FinancingSchema = section({
  digifinGrant: DigifinGrantSchema,
  /** Skjønnsmidler, medfinansieringsordninger, innovasjonsmidler and other state grants. */
  stateFinancing: yesNo(),
  /** Egeninnsats: resources from municipalities, counties or KS. */
  ownEffort: yesNo(),
  /** "Innskudd" from municipalities to this specific project. */
  municipalContributions: yesNo(),
  /** Existing services are user-financed at cost (selvkost). */
  userFinanced: yesNo(),
  /** Ch. 4: financing of new development should also cover the first year of operation. */
  firstYearOperationCovered: yesNo(),
});

const ParticipatingMunicipalitySchema = section({
  name: text('application.participatingMunicipalities.name.required', APPLICATION_LIMITS.name),
  organisationNumber: OrganisationNumberSchema.optional(),
});

export const ApplicationSchema = z.strictObject(
  {
  title: text('application.title.required', APPLICATION_LIMITS.title),
  needDescription: text('application.needDescription.required', APPLICATION_LIMITS.needDescription, true),
  applicant: section({
    name: text('application.applicant.name.required', APPLICATION_LIMITS.name),
    kind: oneOf(ORGANISATION_KINDS, 'application.applicant.kind.required'),
    organisationNumber: OrganisationNumberSchema,
  }),
  contactPerson: section({
    name: text('application.contactPerson.name.required', APPLICATION_LIMITS.name),
    email: EmailSchema,
    phone: PhoneSchema,
  }),
  needSource: oneOf(NEED_SOURCES, 'application.needSource.required'),
  matter: MatterSchema,
  /** Eierstrategi ch. 12 nivå 2: "høy risiko eller ressurspådrag på bekostning av andre tjenester". */
  highRiskOrDrawsResources: yesNo(),
  financing: FinancingSchema,
  /** Eierstrategi ch. 12 table, nivå 2: "Saker av strategisk eller stor betydning". */
  strategicOrGreatSignificance: yesNo(),
  participatingMunicipalities: z
    .array(ParticipatingMunicipalitySchema, {
      error: requiredOr(
        'application.participatingMunicipalities.required',
        'application.participatingMunicipalities.invalid',
      ),
    })
    .max(APPLICATION_LIMITS.participatingMunicipalities, {
      error: key('application.participatingMunicipalities.tooMany'),
    })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [index, item] of list.entries()) {
        if (item.organisationNumber === undefined) continue;
        if (seen.has(item.organisationNumber)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'organisationNumber'],
            message: key('application.participatingMunicipalities.duplicate'),
          });
        }
        seen.add(item.organisationNumber);
      }
    }),
  preferredLanguage: oneOf(LANGUAGES, 'application.preferredLanguage.required'),
  },
  { error: key('application.body.invalid') },
);

export type Application = z.infer<typeof ApplicationSchema>;
export type Matter = Application['matter'];
export type Financing = Application['financing'];

export type ParseApplicationResult =
  | { ok: true; value: Application }
  | { ok: false; errors: FieldError[] };

/** Validates untrusted input (a request body); never throws on bad input. */
export function parseApplication(input: unknown): ParseApplicationResult {
  const result = ApplicationSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: [...ValidationError.fromZod(result.error, input).fieldErrors] };
}
