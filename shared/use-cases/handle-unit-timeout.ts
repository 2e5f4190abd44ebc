import type { UnitRef } from '../domain/step';
import { deadlinePassedEmail } from '../email';
import type { CaseRepository } from '../ports/case-repository';
import type { UnitTimeoutInput, UnitTimeoutOutput } from '../workflow/contract';
import { appendAudit, closeUnit, loadCase, loadUnit } from './case-writes';
import { type ActionLinkDeps, issueActionLinks } from './issue-action-links';
import { caseSummary, contactsOf, emailKey, pathStepKind, sendTo } from './notices';

export interface HandleUnitTimeoutDeps extends ActionLinkDeps {
  cases: CaseRepository;
}

/**
 * UnitTimedOut (Catch on States.Timeout of AwaitUnit). Before the deadline the timeout is a
 * reminder point: those who have not answered get a reminder with a fresh link and the unit
 * waits again (a bounded number of rounds: remindersLeft only decreases). At the deadline the
 * configured no-answer rule decides the unit's outcome and the secretariat is told.
 */
export async function handleUnitTimeout(deps: HandleUnitTimeoutDeps, input: UnitTimeoutInput): Promise<UnitTimeoutOutput> {
  const { unit } = input;
  const ref: UnitRef = { caseId: unit.caseId, stepId: unit.stepId, unitId: unit.unitId };
  const { step, unit: stored } = await loadUnit(deps.steps, ref);
  if (stored.status === 'closed' && stored.outcome) {
    return { action: 'closed', result: { unitId: unit.unitId, outcome: stored.outcome } };
  }
  const c = await loadCase(deps.cases, unit.caseId);
  const now = deps.clock.now();

  if (unit.remindersLeft > 0 && now.getTime() < Date.parse(stored.deadline)) {
    const remindersLeft = unit.remindersLeft - 1;
    await issueActionLinks(deps, c, step, stored, 'reminder', `reminder-${unit.remindersLeft}`);
    await appendAudit(deps.cases, c.caseId, 'reminder_sent', {
      actor: { kind: 'system' },
      at: now,
      stepId: unit.stepId,
      bodyId: unit.bodyId,
    });
    return {
      action: 'wait',
      unit: { ...unit, remindersLeft, waitSeconds: deps.rules.waitSeconds(step, stored, remindersLeft, now) },
    };
  }

  const closed = await closeUnit(deps.steps, ref, (fresh, current) => deps.rules.outcome(c, fresh, current, true), now, step);
  if (!closed) throw new Error('No-answer rule gave no outcome'); // a rules bug
  // A last answer closed it first: that outcome stands, and that answer's writer reported it.
  if (closed.by === 'other') return { action: 'closed', result: { unitId: unit.unitId, outcome: closed.outcome } };
  const outcome = closed.outcome;
  await appendAudit(deps.cases, c.caseId, 'deadline_passed', {
    actor: { kind: 'system' },
    at: now,
    stepId: unit.stepId,
    bodyId: unit.bodyId,
    result: outcome,
    recipients: ['sekretariat'],
  });
  const kind = pathStepKind(deps.rules.requestKind(step.definitionId));
  for (const [, contact] of contactsOf(deps.rules, ['sekretariat'], c)) {
    await sendTo(deps.mailer, [contact], (_person, lang) =>
      deadlinePassedEmail(
        {
          baseUrl: deps.baseUrl,
          case: caseSummary(c),
          step: kind,
          bodyId: unit.bodyId,
          deadline: stored.deadline,
          recordedOutcome: outcome,
        },
        lang,
      ),
      emailKey(c.caseId, unit.stepId, unit.unitId, 'deadline-passed'),
    );
  }
  return { action: 'closed', result: { unitId: unit.unitId, outcome } };
}
