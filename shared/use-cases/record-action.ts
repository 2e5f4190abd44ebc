import type { ActionTokenRecord } from '../domain/action-token';
import { type AuditEventType, type Case, MAX_COMMENT_LENGTH as MAX_COMMENT } from '../domain/case';
import type { Choice, UnitOutcome } from '../kernel/ids';
import { appendEvent } from '../domain/lifecycle';
import { type Answer, findUnit, hasAnswered, type StepRecord, type UnitRef } from '../domain/step';
import { ConflictError, GoneError, NotFoundError, VersionConflictError } from '../errors';
import type {
  ActionFormView,
  ActionReceiptView,
  FormError,
  FormValues,
  LinkProblem,
  NextStep,
} from '../pages/action/view';
import { csrfMatches, originAllowed } from '../pages/kit/csrf';
import { TaskClosedError, type WorkflowPort } from '../ports/workflow';
import type { UnitResult } from '../workflow/contract';
import { actionFormView, resolveActionLink, type ShowActionDeps } from './show-action';

export interface RecordActionDeps extends ShowActionDeps {
  workflow: WorkflowPort;
  /** Origin of the configured public base URL: the only origin allowed to post the form. */
  allowedOrigin: string;
  /** Reports what could not be finished after the answer was stored (ids and codes only). */
  onSettleError?: (what: 'markUsed' | 'sendTaskSuccess', error: unknown) => void;
}

export interface RecordActionInput {
  rawToken: string;
  /** The Origin header, when the browser sent one. */
  origin?: string | undefined;
  form: { choice?: string | null; comment?: string | null; csrf?: string | null };
}

export type RecordActionResult =
  | { kind: 'recorded'; view: ActionReceiptView; recipientLanguage: ActionTokenRecord['language'] }
  | {
      kind: 'invalid';
      view: ActionFormView;
      errors: FormError[];
      values: FormValues;
      recipientLanguage: ActionTokenRecord['language'];
    }
  | { kind: 'problem'; problem: LinkProblem; recipientLanguage?: ActionTokenRecord['language'] };

const AUDIT_RETRIES = 5;
const CLOSE_RETRIES = 5;
const ANSWER_EVENTS: readonly AuditEventType[] = ['vote_cast', 'statement_given', 'decided', 'triaged'];
// As application texts: no control characters except tab/newline, no bidi overrides.
const COMMENT_PATTERN = /^(?:[\t\n]|[^\p{Cc}\u202a-\u202e\u2066-\u2069])*$/u;

/**
 * POST /handling/{token} (issue 3): records one member's statement, vote or decision once.
 * The step's conditional write is what makes it exactly-once (one answer per member); the
 * token is then marked used, the case's audit trail gets the answer, and if the body's rule
 * now makes the unit's outcome certain the unit is closed first and the waiting task
 * completed second, with the task token read from the step as stored (it changes after
 * every reminder round; shared/workflow/contract.ts).
 */
export async function recordAction(deps: RecordActionDeps, input: RecordActionInput): Promise<RecordActionResult> {
  const now = deps.clock.now();
  const resolution = await resolveActionLink(deps, input.rawToken, now);
  const tokenHash = resolution.ok ? resolution.context.tokenHash : resolution.tokenHash;
  const csrfOk =
    tokenHash !== undefined &&
    // Under Referrer-Policy no-referrer browsers send `Origin: null` for the form post; the
    // HMAC CSRF value is the real check, a foreign origin is refused outright.
    originAllowed(input.origin, deps.allowedOrigin) &&
    csrfMatches(deps.hmacSha256Hex, await deps.secrets.getActionKey(), tokenHash, input.form.csrf);

  if (!resolution.ok) {
    // A retry after a half-finished POST: the answer is stored, finish what depends on it.
    if (csrfOk && resolution.problem === 'answered' && resolution.token) {
      await settleStoredAnswer(deps, resolution.token, now);
    }
    return problem(resolution.problem, resolution.token);
  }
  const { context } = resolution;
  const values = formValues(input.form);
  const errors: FormError[] = csrfOk ? validate(context.token, values) : [{ field: 'csrf', key: 'pages.action.errors.formExpired' }];
  if (errors.length > 0) {
    return {
      kind: 'invalid',
      view: await actionFormView(deps, context),
      errors,
      values,
      recipientLanguage: context.token.language,
    };
  }

  const choice = values.choice as Choice;
  const comment = normaliseComment(values.comment);
  const answer: Answer = { memberId: context.token.memberId, choice, at: now.toISOString(), ...(comment ? { comment } : {}) };
  let stored: StepRecord;
  try {
    stored = await deps.steps.recordAnswer(refOf(context.token), answer);
  } catch (error) {
    // Lost a race (a double click, another completion): say what is true now.
    if (error instanceof NotFoundError) return problem('invalid', context.token);
    if (!(error instanceof ConflictError)) throw error;
    const fresh = await deps.steps.get(context.token.caseId, context.token.stepId);
    const unit = fresh && findUnit(fresh, context.token.unitId);
    return problem(unit && hasAnswered(unit, context.token.memberId) ? 'answered' : 'closed', context.token);
  }
  const next = await settle(deps, context.caseRecord, context.token, stored, answer, now);
  return {
    kind: 'recorded',
    view: {
      caseNumber: context.caseRecord.caseNumber,
      title: context.caseRecord.application.title,
      ask: deps.rules.requestKind(context.step.definitionId),
      choice,
      ...(comment ? { comment } : {}),
      next,
      deadline: context.unit.deadline,
    },
    recipientLanguage: context.token.language,
  };
}

function problem(p: LinkProblem, token: ActionTokenRecord | undefined): RecordActionResult {
  return { kind: 'problem', problem: p, ...(token ? { recipientLanguage: token.language } : {}) };
}

function refOf(token: ActionTokenRecord): UnitRef {
  return { caseId: token.caseId, stepId: token.stepId, unitId: token.unitId };
}

function formValues(form: RecordActionInput['form']): FormValues {
  return {
    ...(typeof form.choice === 'string' && form.choice !== '' ? { choice: form.choice } : {}),
    ...(typeof form.comment === 'string' ? { comment: form.comment } : {}),
  };
}

/** NFC, CRLF → LF, trimmed; empty means no comment. */
function normaliseComment(comment: string | undefined): string | undefined {
  const text = comment?.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : text;
}

function validate(token: ActionTokenRecord, values: FormValues): FormError[] {
  const errors: FormError[] = [];
  if (values.choice === undefined) errors.push({ field: 'choice', key: 'pages.action.errors.choiceRequired' });
  else if (!(token.allowedChoices as readonly string[]).includes(values.choice)) {
    errors.push({ field: 'choice', key: 'pages.action.errors.choiceNotAllowed' });
  }
  const comment = normaliseComment(values.comment);
  if (comment !== undefined && comment.length > MAX_COMMENT) {
    errors.push({ field: 'comment', key: 'pages.action.errors.commentTooLong', params: { max: MAX_COMMENT } });
  } else if (comment !== undefined && !COMMENT_PATTERN.test(comment)) {
    errors.push({ field: 'comment', key: 'pages.action.errors.commentInvalid' });
  }
  return errors;
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
  for (let attempt = 1; ; attempt++) {
    const c = await deps.cases.get(token.caseId);
    if (!c) throw new NotFoundError(`Case ${token.caseId} not found`);
    const logged = c.events.some(
      (e) =>
        ANSWER_EVENTS.includes(e.type) &&
        e.stepId === step.stepId &&
        e.bodyId === unit?.bodyId &&
        e.actor.kind === 'member' &&
        e.actor.id === token.memberId,
    );
    if (logged) return;
    const next = appendEvent(c, type, {
      actor: { kind: 'member', id: token.memberId },
      at: new Date(answer.at),
      stepId: step.stepId,
      ...(unit ? { bodyId: unit.bodyId } : {}),
      result: answer.choice,
      ...(answer.comment ? { comment: answer.comment } : {}),
    });
    try {
      await deps.cases.save(next, c.version);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= AUDIT_RETRIES) throw error;
    }
  }
}

/**
 * Closes the unit if its outcome is certain, then completes the waiting task. Closing is
 * conditioned on the step version the tally was made on, so a concurrent answer or a new
 * task token (reminder round) makes it re-read and tally again rather than close on stale data.
 * Returns the unit's outcome if it is closed now (by this call or by another), else undefined.
 */
async function closeIfCertain(
  deps: RecordActionDeps,
  c: Case,
  token: ActionTokenRecord,
  step: StepRecord,
  now: Date,
): Promise<UnitOutcome | undefined> {
  const ref = refOf(token);
  let current: StepRecord | undefined = step;
  for (let attempt = 1; attempt <= CLOSE_RETRIES; attempt++) {
    const unit = current && findUnit(current, token.unitId);
    if (!current || !unit) throw new NotFoundError(`Unit ${token.unitId} not found`);
    if (unit.status === 'closed') return unit.outcome;
    const outcome = deps.rules.outcome(c, current, unit, false);
    if (outcome === undefined) return undefined;
    try {
      await deps.steps.closeUnit(ref, outcome, now, current.version);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Changed (VersionConflictError) or closed by someone else: look again.
      current = await deps.steps.get(ref.caseId, ref.stepId);
      continue;
    }
    // Without a stored token the unit's task has not started waiting yet; start-step-unit
    // finds the closed unit when it stores the token and completes the task itself.
    if (unit.taskToken !== undefined) await complete(deps, unit.taskToken, { unitId: unit.unitId, outcome });
    return outcome;
  }
  throw new VersionConflictError(`Unit ${token.unitId} kept changing while closing`, current?.version ?? 0);
}

async function complete(deps: RecordActionDeps, taskToken: string, result: UnitResult): Promise<void> {
  try {
    await deps.workflow.sendTaskSuccess(taskToken, result);
  } catch (error) {
    // Another completion or a reminder round won; the unit is closed, so whoever waits next
    // (start-step-unit, handle-unit-timeout) reads the outcome from the step.
    if (error instanceof TaskClosedError) return;
    // The answer and the outcome are stored; the workflow picks the outcome up at its next
    // timeout. Failing the request would only make the member retry into "already answered".
    deps.onSettleError?.('sendTaskSuccess', error);
  }
}
