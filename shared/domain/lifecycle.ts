import { ConflictError, IllegalTransitionError, ValidationError } from '../errors';
import type { MessageKey } from '../i18n';
import {
  type Actor,
  type AuditEvent,
  type AuditEventType,
  AuditEventSchema,
  type Case,
  type CaseOutcome,
  type FinalStatus,
  MAX_COMMENT_LENGTH,
} from './case';
import type { BodyId, CaseStatus, Nivaa, StepKind } from '../kernel/ids';
import { FINAL_STATUSES } from '../kernel/ids';

/**
 * Allowed status transitions (Eierstrategi DIF 2023–2027 ch. 12). Paths are
 * data-driven sequences of consultation and decision steps, so a step may follow a step of
 * the same kind: the grant path is KommIT-rådet's recommendation then KS adm. dir.'s
 * decision (decision → decision), and nivå 1 starts with styret's proposal (a decision
 * step) before the consultations. A path can start with either kind after triage.
 *
 * "Returned for more information" goes back to triage once the applicant amends. If the
 * applicant never amends, the case closes as withdrawn (not refused): no body has decided
 * on the merits, and the applicant may submit again. Any open case can be withdrawn by the
 * applicant. approved, refused and withdrawn are terminal.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  submitted: ['triage', 'withdrawn'],
  triage: ['consultation', 'decision', 'withdrawn'],
  // → triage: a step nobody answered is escalated to the secretariat (roster onNoAnswer
  // 'escalate'), which sends it out again (shared/domain/planner.ts).
  consultation: ['consultation', 'decision', 'triage', 'withdrawn'],
  decision: ['consultation', 'decision', 'triage', 'approved', 'refused', 'returned', 'withdrawn'],
  returned: ['triage', 'withdrawn'],
  approved: [],
  refused: [],
  withdrawn: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinalStatus(status: CaseStatus): status is FinalStatus {
  return FINAL_STATUSES.includes(status);
}

/** The status a case has while a step of this kind runs (workflow contract StepKind). */
export function statusForStepKind(kind: StepKind): CaseStatus {
  return kind === 'amendment' ? 'returned' : kind;
}

/** The audit event type recorded for a status change unless the caller names one. */
export function defaultEventType(from: CaseStatus, to: CaseStatus): AuditEventType {
  switch (to) {
    case 'triage':
      return from === 'returned' ? 'amended' : 'triage_started';
    case 'consultation':
    case 'decision':
      return from === 'triage' ? 'triaged' : 'step_started';
    case 'approved':
    case 'refused':
      return 'decided';
    case 'returned':
      return 'returned';
    case 'withdrawn':
      return 'withdrawn';
    case 'submitted':
      return 'submitted';
  }
}

/** What callers pass for an event; time comes from the caller's Clock. */
export interface EventInput {
  actor: Actor;
  at: Date;
  reasonKey?: MessageKey;
  comment?: string;
  stepId?: string;
  bodyId?: BodyId;
  result?: AuditEvent['result'];
  recipients?: AuditEvent['recipients'];
  memberId?: AuditEvent['memberId'];
  emailKind?: AuditEvent['emailKind'];
  messageId?: AuditEvent['messageId'];
}

export interface TransitionOptions extends EventInput {
  /** Defaults to defaultEventType(from, to). */
  type?: AuditEventType;
}

function buildEvent(type: AuditEventType, input: EventInput, extra: Partial<AuditEvent>): AuditEvent {
  const { at, ...rest } = input;
  // Absent, not undefined: stored items and JSON output stay free of empty keys.
  const fields = Object.fromEntries(
    Object.entries({ ...rest, ...extra }).filter(([, value]) => value !== undefined),
  );
  // Validate before it can be stored: a bad actor id or an over-long comment is a caller bug.
  return AuditEventSchema.parse({ ...fields, type, at: at.toISOString() });
}

function withEvent(c: Case, event: AuditEvent, changes: Partial<Case> = {}): Case {
  return {
    ...c,
    ...changes,
    version: c.version + 1,
    updatedAt: event.at,
    events: [...c.events, event],
  };
}

/**
 * Moves a case to `to`: returns a new case with the status changed, version + 1, updatedAt
 * set and one audit event appended; on a final status also the outcome. Throws
 * IllegalTransitionError (and changes nothing) if the table does not allow it.
 */
export function transition(c: Case, to: CaseStatus, options: TransitionOptions): Case {
  if (!canTransition(c.status, to)) throw new IllegalTransitionError(c.status, to);
  const { type = defaultEventType(c.status, to), ...input } = options;
  const event = buildEvent(type, input, { from: c.status, to });
  if (!isFinalStatus(to)) return withEvent(c, event, { status: to });
  const outcome: CaseOutcome = {
    status: to,
    at: event.at,
    nivaa: c.nivaa,
    ...(options.bodyId === undefined ? {} : { bodyId: options.bodyId }),
    ...(options.reasonKey === undefined ? {} : { reasonKey: options.reasonKey }),
  };
  return withEvent(c, event, { status: to, outcome });
}

/** Records an event without a status change (votes, statements, reminders, notifications). */
export function appendEvent(c: Case, type: AuditEventType, input: EventInput): Case {
  return withEvent(c, buildEvent(type, input, {}));
}

export interface NivaaOverrideInput {
  actor: Actor;
  at: Date;
  reason: string;
}

/**
 * The secretariat overrides the proposed nivå during triage, with a reason: the classification
 * only proposes a nivå, and the secretariat confirms or overrides it before any body is asked.
 */
export function overrideNivaa(c: Case, to: Nivaa, input: NivaaOverrideInput): Case {
  if (c.status !== 'triage') {
    throw new ConflictError(`Nivå can only be overridden in triage, case is ${c.status}`);
  }
  if (to === c.nivaa) {
    throw new ValidationError([{ pointer: '/nivaa', code: 'lifecycle.override.sameNivaa' }]);
  }
  const reason = input.reason.trim();
  if (reason === '') throw new ValidationError([{ pointer: '/reason', code: 'error.field.required' }]);
  if (reason.length > MAX_COMMENT_LENGTH) {
    throw new ValidationError([
      { pointer: '/reason', code: 'error.field.tooLong', params: { max: MAX_COMMENT_LENGTH } },
    ]);
  }
  const event = buildEvent(
    'nivaa_overridden',
    { actor: input.actor, at: input.at, comment: reason },
    { fromNivaa: c.nivaa, toNivaa: to },
  );
  return withEvent(c, event, {
    nivaa: to,
    nivaaOverride: { from: c.nivaa, to, reason, at: event.at, actor: input.actor },
  });
}

/**
 * Styret lifts a nivå 2 case of strategic or great significance to nivå 1, to be decided
 * by the general meeting (Eierstrategi ch. 12, decision table row 2). Status is unchanged;
 * the workflow continues on the nivå 1 path.
 */
export function liftToNivaa1(c: Case, input: EventInput): Case {
  if (c.status !== 'decision' || c.nivaa !== 2) {
    throw new ConflictError(`Only a nivå 2 case in decision can be lifted (${c.status}, ${c.nivaa})`);
  }
  const event = buildEvent('lifted', input, { fromNivaa: 2, toNivaa: 1 });
  return withEvent(c, event, { nivaa: 1 });
}
