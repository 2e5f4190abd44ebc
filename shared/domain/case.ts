import { z } from 'zod';
import { ApplicationSchema } from './application';
import { CaseNumberSchema } from './case-number';
import { executionNameFor } from './case-workflow';
import { ClassificationProposalSchema } from './classification';
import { isMessageKey } from '../i18n';
import {
  BodyIdSchema,
  CaseStatusSchema,
  FINAL_STATUSES,
  FinalStatusSchema,
  LanguageSchema,
  NivaaSchema,
  RecipientSchema,
  UnitOutcomeSchema,
} from '../kernel/ids';

/** The outcome's status; defined with the other status codes. */
export { type FinalStatus, FinalStatusSchema } from '../kernel/ids';

/**
 * Case ids: 26 characters of lowercase RFC 4648 base32 (a–z, 2–7) = 130 random bits.
 * /sak/{caseId} is reachable "behind an unguessable link", so ids must carry at least 128
 * bits of randomness; a UUIDv4 has only 122. Adapters generate them with
 * encodeCaseId(crypto.randomBytes(CASE_ID_RANDOM_BYTES)).
 */
export const CASE_ID_LENGTH = 26;
export const CASE_ID_RANDOM_BYTES = 17;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const CASE_ID_PATTERN = /^[a-z2-7]{26}$/;

export function isValidCaseId(value: string): boolean {
  return CASE_ID_PATTERN.test(value);
}

/** Encodes the first 130 bits of at least 17 random bytes as a case id. */
export function encodeCaseId(randomBytes: Uint8Array): string {
  if (randomBytes.length < CASE_ID_RANDOM_BYTES) {
    throw new RangeError(`encodeCaseId needs ${CASE_ID_RANDOM_BYTES} random bytes`);
  }
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of randomBytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < CASE_ID_LENGTH) {
      out += BASE32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === CASE_ID_LENGTH) break;
  }
  return out;
}

export const CaseIdSchema = z.string().regex(CASE_ID_PATTERN, { error: 'error.field.invalidFormat' });
export type CaseId = z.infer<typeof CaseIdSchema>;

/** ISO 8601 timestamp in UTC with a Z suffix (as Date.prototype.toISOString writes it). */
export const UtcTimestampSchema = z.iso.datetime();

export const ACTOR_KINDS = ['applicant', 'member', 'secretariat', 'system'] as const;

/**
 * Who did something. `id` is a roster member id or a secretariat user id, never an e-mail
 * address: audit events are kept for the life of the case and must not hold contact data.
 */
export const ActorSchema = z
  .object({
    kind: z.enum(ACTOR_KINDS),
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^@\s]+$/)
      .optional(),
  })
  .strict()
  .refine((actor) => actor.kind !== 'member' || actor.id !== undefined, {
    error: 'A member actor needs a member id',
    path: ['id'],
  });
export type Actor = z.infer<typeof ActorSchema>;

export const AUDIT_EVENT_TYPES = [
  'submitted',
  'triage_started',
  'triaged',
  'nivaa_overridden',
  'lifted',
  'step_started',
  'step_completed',
  'statement_given',
  'vote_cast',
  'decided',
  'returned',
  'amended',
  'withdrawn',
  'notified',
  'reminder_sent',
  'deadline_passed',
  'workflow_failed',
  'workflow_resumed',
  'email_undeliverable',
] as const;
export const AuditEventTypeSchema = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof AuditEventTypeSchema>;

/** A member id or e-mail kind as carried in SES tags ([A-Za-z0-9_-]). */
const EmailRefSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** Shape of a message key; stored events keep old keys readable even if a catalog changes. */
const MessageKeyLikeSchema = z.string().regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/);
/** A key of the current catalogs: the outcome's reason is shown in each reader's language. */
const MessageKeySchema = z.string().refine(isMessageKey);
export const MAX_COMMENT_LENGTH = 2000;

export const AuditEventSchema = z
  .object({
    at: UtcTimestampSchema,
    actor: ActorSchema,
    type: AuditEventTypeSchema,
    /** Status change (lifecycle.transition); the initial 'submitted' event has only `to`. */
    from: CaseStatusSchema.optional(),
    to: CaseStatusSchema.optional(),
    /** Set on nivå changes (secretariat override, styret lifting a case to nivå 1). */
    fromNivaa: NivaaSchema.optional(),
    toNivaa: NivaaSchema.optional(),
    stepId: z.string().min(1).max(100).optional(),
    bodyId: BodyIdSchema.optional(),
    /** A body's answer in a step (vote, statement, decision, no_answer, ...). */
    result: UnitOutcomeSchema.optional(),
    recipients: z.array(RecipientSchema).optional(),
    reasonKey: MessageKeyLikeSchema.optional(),
    comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
    /** email_undeliverable: whose e-mail it was (a member id, never the address). */
    memberId: EmailRefSchema.optional(),
    /** email_undeliverable: which notice (the once-key's kind, e.g. 'receipt'). */
    emailKind: EmailRefSchema.optional(),
    /** email_undeliverable: the SES message id, so a repeated SES event is recorded once. */
    messageId: z.string().min(1).max(200).regex(/^[^@\s]+$/).optional(),
  })
  .strict();
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** The final outcome, set when the case reaches a final status. */
export const CaseOutcomeSchema = z
  .object({
    status: FinalStatusSchema,
    at: UtcTimestampSchema,
    /** Nivå the case had when it was closed. */
    nivaa: NivaaSchema,
    /** Deciding body; absent when the applicant withdrew. */
    bodyId: BodyIdSchema.optional(),
    reasonKey: MessageKeySchema.optional(),
  })
  .strict();
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

/** The secretariat's override of the proposed nivå during triage (history is in events). */
export const NivaaOverrideSchema = z
  .object({
    from: NivaaSchema,
    to: NivaaSchema,
    reason: z.string().min(1).max(MAX_COMMENT_LENGTH),
    at: UtcTimestampSchema,
    actor: ActorSchema,
  })
  .strict();
export type NivaaOverride = z.infer<typeof NivaaOverrideSchema>;

/** How a Step Functions execution ended without finishing (the status-change event's status). */
export const WORKFLOW_STOP_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export const WorkflowStopStatusSchema = z.enum(WORKFLOW_STOP_STATUSES);
export type WorkflowStopStatus = z.infer<typeof WorkflowStopStatusSchema>;

/**
 * The case's current workflow execution. The execution name is not secret (it shows in
 * CloudTrail and the console, unlike the case id, which opens the applicant's page): it is
 * the case number and a generation (shared/domain/case-workflow.ts). A resume starts the next
 * generation. Optional so records written before it still parse.
 */
export const CaseWorkflowSchema = z
  .object({
    generation: z.number().int().min(1),
    executionName: z.string().min(1).max(80),
    /** Set when this generation's execution failed, timed out or was aborted. */
    stoppedAt: UtcTimestampSchema.optional(),
    stopStatus: WorkflowStopStatusSchema.optional(),
  })
  .strict();
export type CaseWorkflow = z.infer<typeof CaseWorkflowSchema>;

export const CaseSchema = z
  .object({
    caseId: CaseIdSchema,
    caseNumber: CaseNumberSchema,
    status: CaseStatusSchema,
    /** Current nivå: the proposal's, unless overridden in triage or lifted by styret. */
    nivaa: NivaaSchema,
    proposal: ClassificationProposalSchema,
    application: ApplicationSchema,
    /** The applicant's preferred language for e-mails and pages (from the application). */
    language: LanguageSchema,
    submittedAt: UtcTimestampSchema,
    updatedAt: UtcTimestampSchema,
    /** Optimistic concurrency: every change writes version + 1 conditioned on version. */
    version: z.number().int().min(1),
    events: z.array(AuditEventSchema).min(1),
    outcome: CaseOutcomeSchema.optional(),
    nivaaOverride: NivaaOverrideSchema.optional(),
    workflow: CaseWorkflowSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const final = FINAL_STATUSES.includes(c.status);
    if (final !== (c.outcome !== undefined) || (c.outcome && c.outcome.status !== c.status)) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'outcome must be present exactly when the status is final, with that status',
      });
    }
  });
export type Case = z.infer<typeof CaseSchema>;

export interface NewCaseInput {
  caseId: CaseId;
  caseNumber: string;
  application: Case['application'];
  proposal: Case['proposal'];
  at: Date;
}

/** A freshly submitted case: status submitted, version 1, one 'submitted' event. */
export function createCase(input: NewCaseInput): Case {
  const at = input.at.toISOString();
  // Parse so a malformed id or number fails here, before anything is stored.
  return CaseSchema.parse({
    caseId: input.caseId,
    caseNumber: input.caseNumber,
    status: 'submitted',
    nivaa: input.proposal.nivaa,
    proposal: input.proposal,
    application: input.application,
    language: input.application.preferredLanguage,
    submittedAt: at,
    updatedAt: at,
    version: 1,
    events: [{ at, actor: { kind: 'applicant' }, type: 'submitted', to: 'submitted' }],
    workflow: { generation: 1, executionName: executionNameFor(input.caseNumber, 1) },
  });
}
