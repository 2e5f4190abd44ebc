import { z } from 'zod';
import type { Actor } from '../domain/case';
import { isFinalStatus } from '../domain/lifecycle';
import { findUnit } from '../domain/step';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import { appendAudit, loadCase } from './case-writes';
import { type ActionLinkDeps, issueActionLinks } from './issue-action-links';

export interface RemindUnitDeps extends ActionLinkDeps {
  cases: CaseRepository;
}

/** Which waiting body to chase: a step and one of its units. */
export const RemindRequestSchema = z.strictObject({
  stepId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  unitId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
});
export type RemindRequest = z.infer<typeof RemindRequestSchema>;

export interface RemindUnitResult {
  caseNumber: string;
  /** Reminders sent (one per member who has not answered). */
  sent: number;
}

const NOT_OPEN = 'secretariat.remind.notOpen';

/**
 * The secretariat chases a late answer by hand (following up late answers is the
 * secretariat's task): every member of the unit who has not answered gets a reminder with a
 * fresh personal link, exactly like the workflow's scheduled reminders (issueActionLinks), and
 * the case's audit trail records who sent it. The scheduled reminder rounds and the deadline
 * are unchanged. A closed unit or a final case → 409 and nothing is sent.
 */
export async function remindUnit(
  deps: RemindUnitDeps,
  input: { caseId: string | undefined; body: unknown; actor: Actor },
): Promise<RemindUnitResult> {
  const parsed = RemindRequestSchema.safeParse(input.body);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, input.body);
  const { stepId, unitId } = parsed.data;
  const c = await loadCase(deps.cases, input.caseId);
  const step = await deps.steps.get(c.caseId, stepId);
  const unit = step && findUnit(step, unitId);
  if (!step || !unit) throw new NotFoundError(`Unit ${unitId} of step ${stepId} not found`, { messageKey: 'secretariat.remind.unknownUnit' });
  if (isFinalStatus(c.status) || step.status !== 'open' || unit.status !== 'open') {
    throw new ConflictError('The unit no longer waits for answers', { messageKey: NOT_OPEN });
  }
  const sent = await issueActionLinks(deps, c, step, unit, 'reminder');
  const at = deps.clock.now();
  await appendAudit(deps.cases, c.caseId, 'reminder_sent', { actor: input.actor, at, stepId, bodyId: unit.bodyId });
  return { caseNumber: c.caseNumber, sent };
}
