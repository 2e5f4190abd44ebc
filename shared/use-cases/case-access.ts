import { type Case, isValidCaseId } from '../domain/case';
import type { StepKind, UnitOutcome } from '../kernel/ids';
import { findUnit, type StepRecord, type StepUnitRecord, type UnitRef } from '../domain/step';
import { ConflictError, NotFoundError, VersionConflictError } from '../errors';
import type { MessageKey } from '../i18n';
import type { CaseRepository } from '../ports/case-repository';
import type { StepRepository } from '../ports/step-repository';
import { TaskClosedError, type WorkflowPort } from '../ports/workflow';
import { CASE_WITHDRAWN_ERROR, type UnitResult } from '../workflow/contract';

/**
 * Building blocks shared by the applicant and secretariat API use cases: loading a case by its
 * unguessable id, and completing or failing a waiting step unit by the race rule of
 * shared/workflow/contract.ts (the outcome is written to the step item first, with the token
 * read from that same version; the task is completed after).
 */

/** Bounded re-read-and-retry for optimistic concurrency; a real conflict storm ends in a 409. */
export const MAX_ATTEMPTS = 4;

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
      if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export interface OpenUnit {
  step: StepRecord;
  unit: StepUnitRecord;
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

export interface UnitDeps {
  steps: StepRepository;
  workflow: WorkflowPort;
}

/**
 * Closes the unit with `outcome`, then sends SendTaskSuccess with the token it held at the
 * version that was closed. Throws ConflictError(`alreadyKey`) if the unit is (or becomes)
 * closed by someone else: a double submit. A unit without a token yet, or a token that no
 * longer waits, is fine: start-step-unit and handle-unit-timeout read the closed unit.
 */
export async function completeUnit(
  deps: UnitDeps,
  ref: UnitRef,
  outcome: UnitOutcome,
  at: Date,
  alreadyKey: MessageKey,
): Promise<void> {
  const token = await closeUnitOnce(deps.steps, ref, outcome, at);
  if (token === null) throw new ConflictError('Unit is already closed', { messageKey: alreadyKey });
  if (token === undefined) return;
  const result: UnitResult = { unitId: ref.unitId, outcome };
  await ignoreClosedTask(deps.workflow.sendTaskSuccess(token, result));
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
      const token = await closeUnitOnce(deps.steps, ref, 'withdrawn', at);
      if (token) {
        await ignoreClosedTask(
          deps.workflow.sendTaskFailure(token, CASE_WITHDRAWN_ERROR, 'The applicant withdrew the case'),
        );
      }
    }
    try {
      await deps.steps.closeStep(caseId, step.stepId, at);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

/**
 * One conditional close of an open unit. Returns the task token the unit held when it was
 * closed (undefined if it had none yet), or null if the unit was already closed.
 */
async function closeUnitOnce(
  steps: StepRepository,
  ref: UnitRef,
  outcome: UnitOutcome,
  at: Date,
): Promise<string | undefined | null> {
  for (let attempt = 1; ; attempt++) {
    const step = await steps.get(ref.caseId, ref.stepId);
    const unit = step && findUnit(step, ref.unitId);
    if (!step || !unit) throw new NotFoundError(`Unit ${ref.unitId} of step ${ref.stepId} not found`);
    if (unit.status !== 'open') return null;
    try {
      // Conditioned on the version read: a reminder round that replaced the token fails it.
      await steps.closeUnit(ref, outcome, at, step.version);
      return unit.taskToken;
    } catch (error) {
      // Any failed condition is decided again on a fresh read (closed by now → null).
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function ignoreClosedTask(completion: Promise<void>): Promise<void> {
  try {
    await completion;
  } catch (error) {
    // The task no longer waits (timed out, or completed by a racing call): the step item,
    // already written, is the truth, and the workflow's timeout path reads it.
    if (!(error instanceof TaskClosedError)) throw error;
  }
}
