import { appendEvent } from '../domain/lifecycle';
import { findUnit, type StepRecord, type UnitRef } from '../domain/step';
import { ConflictError, NotFoundError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import { TaskClosedError, type WorkflowPort } from '../ports/workflow';
import type { StartUnitInput } from '../workflow/contract';
import { saveWith } from './advance-case';
import { type ActionLinkDeps, issueActionLinks } from './issue-action-links';

export interface StartStepUnitDeps extends ActionLinkDeps {
  cases: CaseRepository;
  workflow: WorkflowPort;
}

/**
 * AwaitUnit's task (a .waitForTaskToken Lambda): stores this round's task token on the unit,
 * sends the action links on the first round, and then re-checks the unit. Answers recorded
 * while no token was stored (between a reminder round's timeout and this call) are not lost:
 * if they already settle the outcome, the unit is closed and the task completed right here.
 */
export async function startStepUnit(deps: StartStepUnitDeps, input: StartUnitInput): Promise<void> {
  const { unit, taskToken } = input;
  const ref: UnitRef = { caseId: unit.caseId, stepId: unit.stepId, unitId: unit.unitId };
  const before = await mustGetStep(deps, ref);
  const current = findUnit(before, unit.unitId);
  if (!current) throw new NotFoundError(`Unit ${unit.unitId} not found`);
  if (current.status === 'closed' && current.outcome) {
    await complete(deps, taskToken, unit.unitId, current.outcome);
    return;
  }
  let step: StepRecord;
  try {
    step = await deps.steps.setUnitToken(ref, taskToken, unit.remindersLeft);
  } catch (error) {
    // Closed in the meantime: complete with the recorded outcome.
    if (!(error instanceof ConflictError)) throw error;
    const closed = findUnit(await mustGetStep(deps, ref), unit.unitId);
    if (closed?.outcome) await complete(deps, taskToken, unit.unitId, closed.outcome);
    return;
  }
  const stored = findUnit(step, unit.unitId);
  if (!stored) throw new NotFoundError(`Unit ${unit.unitId} not found`);

  const c = await deps.cases.get(unit.caseId);
  if (!c) throw new NotFoundError(`Case ${unit.caseId} not found`);
  const alreadyRequested = c.events.some(
    (e) => e.type === 'notified' && e.stepId === unit.stepId && e.bodyId === unit.bodyId,
  );
  if (!alreadyRequested) {
    await issueActionLinks(deps, c, step, stored, 'request');
    const now = deps.clock.now();
    await saveWith(deps, c.caseId, (latest) =>
      appendEvent(latest, 'notified', {
        actor: { kind: 'system' },
        at: now,
        stepId: unit.stepId,
        bodyId: unit.bodyId,
        recipients: [deps.rules.answeredBy(step.definitionId) === 'applicant' ? 'applicant' : unit.bodyId],
      }),
    );
  }

  const outcome = deps.rules.outcome(c, step, stored, false);
  if (outcome === undefined) return;
  try {
    await deps.steps.closeUnit(ref, outcome, deps.clock.now());
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  const closed = findUnit(await mustGetStep(deps, ref), unit.unitId);
  if (closed?.outcome) await complete(deps, taskToken, unit.unitId, closed.outcome);
}

async function mustGetStep(deps: StartStepUnitDeps, ref: UnitRef): Promise<StepRecord> {
  const step = await deps.steps.get(ref.caseId, ref.stepId);
  if (!step) throw new NotFoundError(`Step ${ref.stepId} of case ${ref.caseId} not found`);
  return step;
}

async function complete(deps: StartStepUnitDeps, token: string, unitId: string, outcome: string): Promise<void> {
  try {
    await deps.workflow.sendTaskSuccess(token, { unitId, outcome });
  } catch (error) {
    if (!(error instanceof TaskClosedError)) throw error;
  }
}
