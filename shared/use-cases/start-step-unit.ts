import type { UnitRef } from '../domain/step';
import { findUnit, type StepRecord } from '../domain/step';
import { ConflictError, NotFoundError } from '../errors';
import type { UnitOutcome } from '../kernel/ids';
import type { CaseRepository } from '../ports/case-repository';
import type { WorkflowPort } from '../ports/workflow';
import type { StartUnitInput } from '../workflow/contract';
import { appendAudit, closeUnit, completeTask, loadCase, loadUnit } from './case-writes';
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
  const complete = (outcome: UnitOutcome) => completeTask(deps.workflow, taskToken, { unitId: unit.unitId, outcome });
  const before = await loadUnit(deps.steps, ref);
  if (before.unit.status === 'closed' && before.unit.outcome) return complete(before.unit.outcome);
  let step: StepRecord;
  try {
    step = await deps.steps.setUnitToken(ref, taskToken, unit.remindersLeft);
  } catch (error) {
    // Closed in the meantime: complete with the recorded outcome.
    if (!(error instanceof ConflictError)) throw error;
    const closed = (await loadUnit(deps.steps, ref)).unit;
    if (closed.outcome) await complete(closed.outcome);
    return;
  }
  const stored = findUnit(step, unit.unitId);
  if (!stored) throw new NotFoundError(`Unit ${unit.unitId} not found`);

  const c = await loadCase(deps.cases, unit.caseId);
  const alreadyRequested = c.events.some(
    (e) => e.type === 'notified' && e.stepId === unit.stepId && e.bodyId === unit.bodyId,
  );
  if (!alreadyRequested) {
    await issueActionLinks(deps, c, step, stored, 'request', 'request');
    await appendAudit(deps.cases, c.caseId, 'notified', {
      actor: { kind: 'system' },
      at: deps.clock.now(),
      stepId: unit.stepId,
      bodyId: unit.bodyId,
      recipients: [deps.rules.answeredBy(step.definitionId) === 'applicant' ? 'applicant' : unit.bodyId],
    });
  }

  // Closed by this call or by a racing answer: either way this round's task gets the outcome.
  const closed = await closeUnit(deps.steps, ref, (s, u) => deps.rules.outcome(c, s, u, false), deps.clock.now(), step);
  if (closed) await complete(closed.outcome);
}
