import { type AuditEventType, type Case, isValidCaseId } from '../domain/case';
import { appendEvent } from '../domain/lifecycle';
import { findUnit, type StepRecord, type StepUnitRecord, type UnitRef } from '../domain/step';
import { ConflictError, NotFoundError, VersionConflictError } from '../errors';
import type { MessageKey } from '../i18n';
import type { StepKind, UnitOutcome } from '../kernel/ids';
import type { CaseRepository } from '../ports/case-repository';
import type { StepRepository } from '../ports/step-repository';
import { TaskClosedError, type WorkflowPort } from '../ports/workflow';
import { CASE_WITHDRAWN_ERROR, type UnitResult } from '../workflow/contract';

/**
 * The one write protocol of the system. Every state change is one conditional single-item
 * write (DynamoDB has no transactions here), so every writer follows the same rules:
 *
 * - A case is changed by read → change → save conditioned on the version read; on a version
 *   conflict it is read again and the change decides again on the fresh case (updateCase).
 * - A unit is closed conditioned on the step version its outcome was decided on, and the task
 *   token it held at that version is the one completed (closeUnit). Closing comes first: the
 *   step item is the truth, the task completion only wakes the workflow.
 * - A task that no longer waits (timed out, completed by a racing call) is not an error: the
 *   other completion won and whoever waits next reads the closed unit (ignoreClosedTask).
 * - A create or close that finds the work done already is idempotent success (ignoreDone).
 */

/** Bounded re-read-and-retry for optimistic concurrency; a real conflict storm ends in a 409. */
export const WRITE_ATTEMPTS = 5;

/** A malformed id is answered like an unknown one: the API never says whether an id is well-formed. */
export async function loadCase(cases: CaseRepository, caseId: string | undefined): Promise<Case> {
  const found = caseId !== undefined && isValidCaseId(caseId) ? await cases.get(caseId) : undefined;
  if (!found) throw new NotFoundError('Case not found', { messageKey: 'error.not_found.case' });
  return found;
}

/**
 * Applies `change` to the current case and saves it conditioned on the version it read;
 * on VersionConflictError it re-reads and tries again (change re-validates the fresh case).
 * `change` returns the case unchanged (the same object) when there is nothing to save.
 */
export async function updateCase(
  cases: CaseRepository,
  caseId: string,
  change: (current: Case) => Case,
): Promise<Case> {
  for (let attempt = 1; ; attempt++) {
    const current = await loadCase(cases, caseId);
    const next = change(current);
    if (next === current) return current;
    try {
      await cases.save(next, current.version);
      return next;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Appends one audit event; with `unless`, not when the fresh case already shows it (a retried
 * task or request must not log the same thing twice).
 */
export function appendAudit(
  cases: CaseRepository,
  caseId: string,
  type: AuditEventType,
  input: Parameters<typeof appendEvent>[2],
  unless?: (current: Case) => boolean,
): Promise<Case> {
  return updateCase(cases, caseId, (current) => (unless?.(current) ? current : appendEvent(current, type, input)));
}

/** Resolves when `write` succeeded or found its work already done (ConflictError). */
export async function ignoreDone(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

/** Resolves when the task completed or no longer waits (TaskClosedError: another completion won). */
export async function ignoreClosedTask(completion: Promise<void>): Promise<void> {
  try {
    await completion;
  } catch (error) {
    if (!(error instanceof TaskClosedError)) throw error;
  }
}

/** Completes a waiting unit task with its outcome; a task that no longer waits is fine. */
export function completeTask(workflow: WorkflowPort, taskToken: string, result: UnitResult): Promise<void> {
  return ignoreClosedTask(workflow.sendTaskSuccess(taskToken, result));
}

export interface OpenUnit {
  step: StepRecord;
  unit: StepUnitRecord;
}

/** The step and one of its units; NotFoundError if either is missing (a workflow bug). */
export async function loadUnit(steps: StepRepository, ref: UnitRef): Promise<OpenUnit> {
  const step = await steps.get(ref.caseId, ref.stepId);
  const unit = step && findUnit(step, ref.unitId);
  if (!step || !unit) throw new NotFoundError(`Unit ${ref.unitId} of step ${ref.stepId} not found`);
  return { step, unit };
}

/** The open unit of the latest open step of this kind (triage or amendment have one unit). */
export async function findOpenUnit(
  steps: StepRepository,
  caseId: string,
  kind: StepKind,
): Promise<OpenUnit | undefined> {
  const open = (await steps.listByCase(caseId)).filter((s) => s.kind === kind && s.status === 'open');
  const step = open[open.length - 1];
  const unit = step?.units.find((u) => u.status === 'open');
  return step && unit ? { step, unit } : undefined;
}

/** How a unit ended up: closed by this call (with the token it held then), or found closed. */
export type ClosedUnit =
  | { by: 'this'; outcome: UnitOutcome; taskToken: string | undefined }
  | { by: 'other'; outcome: UnitOutcome };

/**
 * Closes the unit with the outcome `decide` gives for it, conditioned on the step version that
 * outcome was decided on: a concurrent answer or a new task token (a reminder round) makes it
 * read again and decide again rather than close on stale data. Returns undefined while `decide`
 * gives no outcome (the unit stays open). `from` is a step already read, to save a read.
 */
export async function closeUnit(
  steps: StepRepository,
  ref: UnitRef,
  decide: (step: StepRecord, unit: StepUnitRecord) => UnitOutcome | undefined,
  at: Date,
  from?: StepRecord,
): Promise<ClosedUnit | undefined> {
  let step = from;
  for (let attempt = 1; ; attempt++) {
    const read = step ? { step, unit: findUnit(step, ref.unitId) } : await loadUnit(steps, ref);
    if (!read.unit) throw new NotFoundError(`Unit ${ref.unitId} of step ${ref.stepId} not found`);
    if (read.unit.status !== 'open') {
      if (!read.unit.outcome) throw new NotFoundError(`Unit ${ref.unitId} is closed without an outcome`);
      return { by: 'other', outcome: read.unit.outcome };
    }
    const outcome = decide(read.step, read.unit);
    if (outcome === undefined) return undefined;
    try {
      await steps.closeUnit(ref, outcome, at, read.step.version);
      return { by: 'this', outcome, taskToken: read.unit.taskToken };
    } catch (error) {
      // Any failed condition is decided again on a fresh read (closed by now → 'other').
      if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
      step = undefined;
    }
  }
}

export interface UnitDeps {
  steps: StepRepository;
  workflow: WorkflowPort;
}

/**
 * Closes the unit with `outcome` and completes its waiting task. Throws ConflictError
 * (`alreadyKey`) if the unit is, or becomes, closed by someone else: a double submit. A unit
 * without a token yet is fine: start-step-unit finds it closed when it stores the token.
 */
export async function closeUnitAndComplete(
  deps: UnitDeps,
  ref: UnitRef,
  outcome: UnitOutcome,
  at: Date,
  alreadyKey: MessageKey,
): Promise<void> {
  const closed = await closeUnit(deps.steps, ref, () => outcome, at);
  if (closed?.by !== 'this') throw new ConflictError('Unit is already closed', { messageKey: alreadyKey });
  if (closed.taskToken !== undefined) await completeTask(deps.workflow, closed.taskToken, { unitId: ref.unitId, outcome });
}

/**
 * Withdrawal (lifecycle: any open case may be withdrawn): closes every open unit of every open
 * step as 'withdrawn', fails its waiting task with CASE_WITHDRAWN_ERROR and closes the step, so
 * the workflow stops and the step leaves the secretariat's deadline list. Idempotent.
 */
export async function withdrawOpenSteps(deps: UnitDeps, caseId: string, at: Date): Promise<void> {
  const open = (await deps.steps.listByCase(caseId)).filter((s) => s.status === 'open');
  for (const step of open) {
    for (const unit of step.units.filter((u) => u.status === 'open')) {
      const ref = { caseId, stepId: step.stepId, unitId: unit.unitId };
      const closed = await closeUnit(deps.steps, ref, () => 'withdrawn', at);
      if (closed?.by === 'this' && closed.taskToken) {
        await ignoreClosedTask(deps.workflow.sendTaskFailure(closed.taskToken, CASE_WITHDRAWN_ERROR, 'The applicant withdrew the case'));
      }
    }
    await ignoreDone(deps.steps.closeStep(caseId, step.stepId, at));
  }
}
