import { z } from 'zod';

/**
 * Governance bodies (Eierstrategi DIF 2023–2027 ch. 6–9 and 12, KommIT-rådets mandat).
 * Stable codes: they appear in the API, the roster and audit events.
 */
export const BODY_IDS = [
  'generalforsamling',
  'styret',
  'daglig_leder',
  'representasjonsradet',
  'samstyringsstrukturen',
  'kommit_radet',
  'ks_adm_dir',
  'brukerrad',
  'tjenesterad',
  'sekretariat',
] as const;
export const BodyIdSchema = z.enum(BODY_IDS);
export type BodyId = z.infer<typeof BodyIdSchema>;

/** Who can be notified: a body, or the applicant's contact person. */
export const RecipientSchema = z.union([BodyIdSchema, z.literal('applicant')]);
export type Recipient = z.infer<typeof RecipientSchema>;

/** DIF decision levels, Eierstrategi ch. 12 "Beslutningsnivåer". */
export const NivaaSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Nivaa = z.infer<typeof NivaaSchema>;
/** Every nivå, highest (1: generalforsamlingen decides) first. */
export const NIVAAER: readonly Nivaa[] = [1, 2, 3];

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
export const DEFAULT_LANGUAGE: Language = 'nb';

/** Case statuses (stable string codes, documented in README). */
export const CASE_STATUSES = [
  'submitted',
  'triage',
  'consultation',
  'decision',
  'returned',
  'approved',
  'refused',
  'withdrawn',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;
/** The statuses a case ends in: it then has an outcome and changes no more. */
export const FinalStatusSchema = CaseStatusSchema.extract(['approved', 'refused', 'withdrawn']);
export type FinalStatus = z.infer<typeof FinalStatusSchema>;
/** Widened so any status can be looked up in it. */
export const FINAL_STATUSES: readonly CaseStatus[] = FinalStatusSchema.options;

/** Step kinds in a process path. */
export const STEP_KINDS = ['triage', 'consultation', 'decision', 'amendment'] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

/**
 * What a step asks of whoever answers it; e-mails and the action page word each kind apart.
 * A step of kind 'triage' asks for 'triage' or, sent again after an unanswered step, for
 * 'escalation'; KommIT-rådet's decision-kind step on a DigiFin grant asks for a
 * 'recommendation' (Eierstrategi ch. 12).
 */
export const REQUEST_KINDS = ['triage', 'escalation', 'consultation', 'decision', 'recommendation', 'amendment'] as const;
export const RequestKindSchema = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKindSchema>;

/**
 * Choices a recipient of an action link can make (stable codes).
 * Decisions: approve / reject / return (for more information) / lift (styret lifts a nivå 2
 * case to nivå 1, Eierstrategi ch. 12 table row 2). Recommendations (KommIT-rådet) use
 * recommend / not_recommend. Consultations: support / object / no_comment.
 * Triage: confirm (secretariat confirms or overrides the nivå; override carries the new nivå).
 */
export const CHOICES = [
  'approve',
  'reject',
  'return',
  'lift',
  'recommend',
  'not_recommend',
  'support',
  'object',
  'no_comment',
  'confirm',
  'amended',
] as const;
export const ChoiceSchema = z.enum(CHOICES);
export type Choice = z.infer<typeof ChoiceSchema>;

/** Outcome of a finished step unit (one body within a step). */
export const UNIT_OUTCOMES = [...CHOICES, 'no_answer', 'no_quorum', 'withdrawn'] as const;
export const UnitOutcomeSchema = z.enum(UNIT_OUTCOMES);
export type UnitOutcome = z.infer<typeof UnitOutcomeSchema>;

/**
 * Stored key of an action link: hex HMAC-SHA256 of the raw token (shared/domain/action-token.ts).
 * Here so that both the token and the step that records a member's current link can name it.
 */
export const TOKEN_HASH_PATTERN = /^[0-9a-f]{64}$/;
export const TokenHashSchema = z.string().regex(TOKEN_HASH_PATTERN);
