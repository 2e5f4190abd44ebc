import type { ActionTokenRecord } from '../domain/action-token';
import type { AuditEventType, Case } from '../domain/case';
import type { Choice, UnitOutcome } from '../kernel/ids';
import { type Answer, findUnit, hasAnswered, type StepRecord, type UnitRef } from '../domain/step';
import { ConflictError, GoneError, NotFoundError } from '../errors';
import type { WorkflowPort } from '../ports/workflow';
import { appendAudit, closeUnit, completeTask } from './case-writes';
import {
  type ActionContext,
  type LinkProblemResult,
  type LinkRefusal,
  linkProblem,
  type ShowActionDeps,
} from './show-action';
import type { RequestKind } from '../kernel/ids';

export interface RecordActionDeps extends ShowActionDeps {
  workflow: WorkflowPort;
  /** Reports what could not be finished after the answer was stored (ids and codes only). */
  onSettleError?: (what: 'markUsed' | 'sendTaskSuccess', error: unknown) => void;
}

/**
 * An answer the caller has checked against the link (a choice it allows; a comment normalised
 * and within bounds) on a request it has verified came from the link's own page.
 */
export interface ValidAnswer {
  choice: Choice;
  comment?: string;
}

/** What happens next: a statement is attached; a decision is made now or when enough answered. */
export type NextStep = 'statement' | 'decided' | 'pending';

/** What the member answered and what follows, as the receipt tells it. */
export interface ActionReceipt {
  caseNumber: string;
  title: string;
  ask: RequestKind;
  choice: Choice;
  comment?: string;
  next: NextStep;
  /** ISO 8601 UTC: the unit's final deadline (for "pending"). */
  deadline: string;
}

export type RecordActionResult = { kind: 'recorded'; receipt: ActionReceipt } | LinkProblemResult;

const ANSWER_EVENTS: readonly AuditEventType[] = ['vote_cast', 'statement_given', 'decided', 'triaged'];

/**
 * POST /handling/{token}: records one member's statement, vote or decision once, on a link
 * resolved at `now` (resolveActionLink). The step's conditional write is what makes it
 * exactly-once (one answer per member); the token is then marked used, the case's audit trail
 * gets the answer, and if the body's rule now makes the unit's outcome certain the unit is
 * closed first and the waiting task completed second, with the task token read from the step
 * as stored (it changes after every reminder round; shared/workflow/contract.ts).
 */
export async function recordAction(
  deps: RecordActionDeps,
  context: ActionContext,
  valid: ValidAnswer,
  now: Date,
): Promise<RecordActionResult> {
  const { choice, comment } = valid;
  const answer: Answer = { memberId: context.token.memberId, choice, at: now.toISOString(), ...(comment ? { comment } : {}) };
  let stored: StepRecord;
  try {
    stored = await deps.steps.recordAnswer(refOf(context.token), answer);
  } catch (error) {
    // Lost a race (a double click, another completion): say what is true now.
    if (error instanceof NotFoundError) return linkProblem('invalid', context.token);
    if (!(error instanceof ConflictError)) throw error;
    const fresh = await deps.steps.get(context.token.caseId, context.token.stepId);
    const unit = fresh && findUnit(fresh, context.token.unitId);
    return linkProblem(unit && hasAnswered(unit, context.token.memberId) ? 'answered' : 'closed', context.token);
  }
  const next = await settle(deps, context.caseRecord, context.token, stored, answer, now);
  return {
    kind: 'recorded',
    receipt: {
      caseNumber: context.caseRecord.caseNumber,
      title: context.caseRecord.application.title,
      ask: deps.rules.requestKind(context.step.definitionId),
      choice,
      ...(comment ? { comment } : {}),
      next,
      deadline: context.unit.deadline,
    },
  };
}

/**
 * A verified POST on a refused link. Refused as already answered it may be a retry after a
 * half-finished POST: the answer is stored, so finish what depends on it. Nothing else changes.
 */
export async function retryRefusedAction(deps: RecordActionDeps, refusal: LinkRefusal, now: Date): Promise<void> {
  if (refusal.problem === 'answered' && refusal.token) await settleStoredAnswer(deps, refusal.token, now);
}

function refOf(token: ActionTokenRecord): UnitRef {
  return { caseId: token.caseId, stepId: token.stepId, unitId: token.unitId };
}

/** Everything that follows a stored answer; each part is safe to run again. */
async function settle(
  deps: RecordActionDeps,
  c: Case,
  token: ActionTokenRecord,
  step: StepRecord,
  answer: Answer,
  now: Date,
  options: { markUsed: boolean } = { markUsed: true },
): Promise<NextStep> {
  const unit = findUnit(step, token.unitId);
  if (!unit) throw new NotFoundError(`Unit ${token.unitId} not found`);
  if (options.markUsed) await markUsed(deps, token, answer.choice, now);
  const certain = deps.rules.outcome(c, step, unit, false);
  await recordInAudit(deps, token, step, answer, answerEventType(step, unit.answers.length, certain));
  const outcome = await closeIfCertain(deps, c, token, step, now);
  if (step.kind === 'consultation') return 'statement';
  return outcome === undefined ? 'pending' : 'decided';
}

/**
 * A retried POST whose answer is already stored (the earlier attempt stopped after the step
 * write): finish the audit entry and the closing. The token is left as it is: the stored
 * answer, not the token, is what counts, and the answer may have come through another link.
 */
async function settleStoredAnswer(deps: RecordActionDeps, token: ActionTokenRecord, now: Date): Promise<void> {
  const [step, c] = await Promise.all([deps.steps.get(token.caseId, token.stepId), deps.cases.get(token.caseId)]);
  const unit = step && findUnit(step, token.unitId);
  const answer = unit?.answers.find((a) => a.memberId === token.memberId);
  if (!step || !c || unit?.status !== 'open' || !answer) return;
  await settle(deps, c, token, step, answer, now, { markUsed: false });
}

async function markUsed(deps: RecordActionDeps, token: ActionTokenRecord, choice: Choice, now: Date): Promise<void> {
  try {
    await deps.tokens.markUsed(token.tokenHash, choice, now);
  } catch (error) {
    // Used or superseded meanwhile: the answer on the step stands either way.
    if (error instanceof ConflictError || error instanceof GoneError) {
      deps.onSettleError?.('markUsed', error);
      return;
    }
    throw error;
  }
}

/**
 * statement_given for consultations; a decision made by one answer alone is `decided`. The
 * secretariat's own steps (triage, escalation) are `triaged`, as when it confirms on its pages.
 */
function answerEventType(step: StepRecord, answers: number, certain: UnitOutcome | undefined): AuditEventType {
  if (step.kind === 'triage') return 'triaged';
  if (step.kind === 'consultation') return 'statement_given';
  return certain !== undefined && answers === 1 ? 'decided' : 'vote_cast';
}

async function recordInAudit(
  deps: RecordActionDeps,
  token: ActionTokenRecord,
  step: StepRecord,
  answer: Answer,
  type: AuditEventType,
): Promise<void> {
  const unit = findUnit(step, token.unitId);
  const logged = (c: Case) =>
    c.events.some(
      (e) =>
        ANSWER_EVENTS.includes(e.type) &&
        e.stepId === step.stepId &&
        e.bodyId === unit?.bodyId &&
        e.actor.kind === 'member' &&
        e.actor.id === token.memberId,
    );
  await appendAudit(
    deps.cases,
    token.caseId,
    type,
    {
      actor: { kind: 'member', id: token.memberId },
      at: new Date(answer.at),
      stepId: step.stepId,
      ...(unit ? { bodyId: unit.bodyId } : {}),
      result: answer.choice,
      ...(answer.comment ? { comment: answer.comment } : {}),
    },
    logged,
  );
}

/**
 * Closes the unit if its outcome is certain (on the step version the tally was made on), then
 * completes the waiting task. Returns the unit's outcome if it is closed now (by this call or
 * by another), else undefined.
 */
async function closeIfCertain(
  deps: RecordActionDeps,
  c: Case,
  token: ActionTokenRecord,
  step: StepRecord,
  now: Date,
): Promise<UnitOutcome | undefined> {
  const closed = await closeUnit(deps.steps, refOf(token), (s, u) => deps.rules.outcome(c, s, u, false), now, step);
  // Without a stored token the unit's task has not started waiting yet; start-step-unit
  // finds the closed unit when it stores the token and completes the task itself.
  if (closed?.by === 'this' && closed.taskToken !== undefined) {
    try {
      await completeTask(deps.workflow, closed.taskToken, { unitId: token.unitId, outcome: closed.outcome });
    } catch (error) {
      // The answer and the outcome are stored; the workflow picks the outcome up at its next
      // timeout. Failing the request would only make the member retry into "already answered".
      deps.onSettleError?.('sendTaskSuccess', error);
    }
  }
  return closed?.outcome;
}
