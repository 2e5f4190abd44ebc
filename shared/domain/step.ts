import { z } from 'zod';
import { CaseIdSchema, MAX_COMMENT_LENGTH, UtcTimestampSchema } from './case';
import {
  BodyIdSchema,
  ChoiceSchema,
  LanguageSchema,
  StepKindSchema,
  TokenHashSchema,
  type UnitOutcome,
  UnitOutcomeSchema,
} from '../kernel/ids';

/**
 * The persisted step model (table item CASE#<caseId> / STEP#<stepId>, shared/config/deployment.ts
 * TABLE_KEYS). A step is one stage of a case's process path (triage, a consultation round, a
 * decision); each unit is one body's part of it and one Map iteration of the workflow.
 *
 * Every change is one conditional single-item write (StepRepository). Answers are keyed by
 * member so "one answer per member" is a condition the database checks, not a read-then-write.
 */

/** Step ids sort as strings within a case, so they are zero-padded sequence numbers. */
export const STEP_ID_PATTERN = /^\d{3,6}$/;
export const StepIdSchema = z.string().regex(STEP_ID_PATTERN);

/** The n-th step of a case (1-based) → "001". */
export function formatStepId(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999) {
    throw new RangeError(`Step sequence out of range: ${seq}`);
  }
  return String(seq).padStart(3, '0');
}

/** Unit ids and member ids become DynamoDB map keys and appear in logs: keep them plain. */
const PlainIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/);
export const UnitIdSchema = PlainIdSchema;
/** A roster member id, or 'applicant' / 'secretariat' for those roles. Never an e-mail address. */
export const MemberIdSchema = PlainIdSchema;

/**
 * The one action link of a member that still works: a re-issued link (a reminder, or a request
 * sent again after a crash) supersedes the one before it, and the old one then points here.
 * Absent for links issued before links were tracked, which stay valid until the deadline.
 */
export const CurrentLinkSchema = z
  .object({
    tokenHash: TokenHashSchema,
    sentAt: UtcTimestampSchema,
    /** Subject of the e-mail that carried it, as sent (sanitised, at most 150 characters). */
    subject: z.string().min(1).max(200),
    /** The workflow round that issued it ('request', 'reminder-2', …); none for a manual reminder. */
    round: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  })
  .strict();
export type CurrentLink = z.infer<typeof CurrentLinkSchema>;

export const StepRecipientSchema = z
  .object({ memberId: MemberIdSchema, language: LanguageSchema, currentLink: CurrentLinkSchema.optional() })
  .strict();
export type StepRecipient = z.infer<typeof StepRecipientSchema>;

export const AnswerSchema = z
  .object({
    memberId: MemberIdSchema,
    choice: ChoiceSchema,
    comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
    at: UtcTimestampSchema,
  })
  .strict();
export type Answer = z.infer<typeof AnswerSchema>;

export const OPEN_CLOSED = ['open', 'closed'] as const;
export const OpenClosedSchema = z.enum(OPEN_CLOSED);

export const StepUnitRecordSchema = z
  .object({
    unitId: UnitIdSchema,
    bodyId: BodyIdSchema,
    status: OpenClosedSchema,
    outcome: UnitOutcomeSchema.optional(),
    closedAt: UtcTimestampSchema.optional(),
    /**
     * The current Step Functions task token (it changes after every reminder round). A
     * credential for completing the unit: never log it, never return it from an API.
     */
    taskToken: z.string().min(1).optional(),
    remindersLeft: z.number().int().min(0),
    deadline: UtcTimestampSchema,
    recipients: z.array(StepRecipientSchema),
    /** Answers (votes, statements, decisions), ordered by compareAnswers (time, then member). */
    answers: z.array(AnswerSchema),
  })
  .strict()
  .superRefine((unit, ctx) => {
    if ((unit.status === 'closed') !== (unit.outcome !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'outcome exactly when closed' });
    }
    const members = new Set<string>();
    for (const answer of unit.answers) {
      if (members.has(answer.memberId)) {
        ctx.addIssue({ code: 'custom', path: ['answers'], message: 'one answer per member' });
      }
      members.add(answer.memberId);
    }
  });
export type StepUnitRecord = z.infer<typeof StepUnitRecordSchema>;

export const StepRecordSchema = z
  .object({
    caseId: CaseIdSchema,
    stepId: StepIdSchema,
    /** Id of the step definition in the governance process configuration that produced it. */
    definitionId: z.string().min(1).max(100),
    kind: StepKindSchema,
    status: OpenClosedSchema,
    startedAt: UtcTimestampSchema,
    closedAt: UtcTimestampSchema.optional(),
    /** Final deadline of the step (the latest unit deadline); drives the open-steps list. */
    deadline: UtcTimestampSchema,
    units: z.array(StepUnitRecordSchema).min(1),
    /** Optimistic concurrency: every write increments it. */
    version: z.number().int().min(1),
  })
  .strict()
  .superRefine((step, ctx) => {
    const ids = new Set(step.units.map((u) => u.unitId));
    if (ids.size !== step.units.length) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'unit ids must be unique' });
    }
  });
export type StepRecord = z.infer<typeof StepRecordSchema>;

/** Identifies one unit of one step. */
export interface UnitRef {
  caseId: string;
  stepId: string;
  unitId: string;
}

export interface NewStepUnit {
  unitId: string;
  bodyId: StepUnitRecord['bodyId'];
  remindersLeft: number;
  deadline: string;
  recipients: StepRecipient[];
}

export interface NewStepInput {
  caseId: string;
  stepId: string;
  definitionId: string;
  kind: StepRecord['kind'];
  startedAt: Date;
  units: NewStepUnit[];
}

/** A fresh step: open, every unit open without answers, version 1, deadline = latest unit's. */
export function createStep(input: NewStepInput): StepRecord {
  const latest = Math.max(...input.units.map((u) => Date.parse(u.deadline)));
  // An invalid or missing deadline leaves '' here and fails the schema below.
  const deadline = Number.isFinite(latest) ? new Date(latest).toISOString() : '';
  return StepRecordSchema.parse({
    caseId: input.caseId,
    stepId: input.stepId,
    definitionId: input.definitionId,
    kind: input.kind,
    status: 'open',
    startedAt: input.startedAt.toISOString(),
    deadline,
    units: input.units.map((u) => ({ ...u, status: 'open', answers: [] })),
    version: 1,
  });
}

export function findUnit(step: StepRecord, unitId: string): StepUnitRecord | undefined {
  return step.units.find((u) => u.unitId === unitId);
}

export function hasAnswered(unit: StepUnitRecord, memberId: string): boolean {
  return unit.answers.some((a) => a.memberId === memberId);
}

/** The unit's recipients who have not answered yet (they get reminders; the secretariat chases them). */
export function pendingRecipients(unit: StepUnitRecord): StepRecipient[] {
  return unit.recipients.filter((r) => !hasAnswered(unit, r.memberId));
}

/** The member's current action link on the unit, if one is recorded. */
export function currentLinkOf(unit: StepUnitRecord, memberId: string): CurrentLink | undefined {
  return unit.recipients.find((r) => r.memberId === memberId)?.currentLink;
}

/** A unit that closed without an answer: nobody answered, or too few took part to decide. */
export function isUnanswered(outcome: UnitOutcome | undefined): boolean {
  return outcome === 'no_answer' || outcome === 'no_quorum';
}

/** Answer order: by time, then member id (stable across stores that keep answers as a map). */
export function compareAnswers(a: Answer, b: Answer): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}
