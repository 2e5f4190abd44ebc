import { z } from 'zod';
import { hasUnpairedSurrogate } from '../domain/text';
import { type Actor, MAX_COMMENT_LENGTH } from '../domain/case';
import { type CaseStatus, type Language, type Nivaa, NivaaSchema } from '../kernel/ids';
import { appendEvent, overrideNivaa } from '../domain/lifecycle';
import { ConflictError, ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { StepRepository } from '../ports/step-repository';
import type { WorkflowPort } from '../ports/workflow';
import { completeUnit, findOpenUnit, loadCase, updateCase } from './case-access';
import { statusText } from './get-journal';

export interface TriageCaseDeps {
  cases: CaseRepository;
  steps: StepRepository;
  workflow: WorkflowPort;
  clock: Clock;
}

/**
 * Body of POST /api/secretariat/cases/{caseId}/triage. The secretariat confirms the proposed
 * nivå or overrides it (DOMAIN.md "Who is who": confirm or override the proposed nivå);
 * an override needs a reason, checked against the case's current nivå.
 */
export const TriageRequestSchema = z.strictObject({
  choice: z.literal('confirm'),
  nivaa: NivaaSchema.optional(),
  reason: z
    .string()
    .max(MAX_COMMENT_LENGTH, { abort: true })
    .refine((s) => !hasUnpairedSurrogate(s), { error: 'error.field.unpairedSurrogate' })
    .optional(),
});
export type TriageRequest = z.infer<typeof TriageRequestSchema>;

export interface TriageCaseResult {
  caseId: string;
  caseNumber: string;
  nivaa: Nivaa;
  status: CaseStatus;
  statusText: string;
}

const NOT_AWAITING = 'api.triage.notAwaiting';

/**
 * Triage: the case must be in 'triage' with an open triage unit (else 409, so a second
 * submit changes nothing). A changed nivå is saved first (overrideNivaa, one conditional
 * write) so the workflow's next step reads it; then the unit is closed with 'confirm' and
 * its task completed (shared/workflow/contract.ts race rule).
 */
export async function triageCase(
  deps: TriageCaseDeps,
  input: { caseId: string | undefined; body: unknown; actor: Actor; lang: Language },
): Promise<TriageCaseResult> {
  const parsed = TriageRequestSchema.safeParse(input.body);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, input.body);
  const request = parsed.data;
  const existing = await loadCase(deps.cases, input.caseId);
  const open = existing.status === 'triage' ? await findOpenUnit(deps.steps, existing.caseId, 'triage') : undefined;
  if (!open) {
    throw new ConflictError(`No open triage unit (case ${existing.status})`, { messageKey: NOT_AWAITING });
  }

  const at = deps.clock.now();
  let triaged = existing;
  // An escalation (a step nobody answered, sent out again) resumes the path as it was: a
  // different nivå there would switch paths half-way.
  if (open.step.definitionId !== 'triage' && request.nivaa !== undefined && request.nivaa !== existing.nivaa) {
    throw new ValidationError([{ pointer: '/nivaa', code: 'api.triage.noOverrideInEscalation' }]);
  }
  if (request.nivaa !== undefined && request.nivaa !== existing.nivaa) {
    const to = request.nivaa;
    triaged = await updateCase(deps.cases, existing.caseId, (c) => {
      if (c.status !== 'triage') throw new ConflictError('Case left triage', { messageKey: NOT_AWAITING });
      // Already at the requested nivå (a retry after a failure half-way): nothing to save.
      if (c.nivaa === to) return c;
      return overrideNivaa(c, to, { actor: input.actor, at, reason: request.reason ?? '' });
    });
  }
  const ref = { caseId: existing.caseId, stepId: open.step.stepId, unitId: open.unit.unitId };
  await completeUnit(deps, ref, 'confirm', at, NOT_AWAITING);
  // Who confirmed belongs in the audit trail (an action link records its member the same way,
  // record-action.ts); written after the unit closed, so a refused double submit logs nothing.
  triaged = await updateCase(deps.cases, existing.caseId, (c) =>
    appendEvent(c, 'triaged', { actor: input.actor, at, stepId: ref.stepId, bodyId: open.unit.bodyId, result: 'confirm' }),
  );
  return {
    caseId: triaged.caseId,
    caseNumber: triaged.caseNumber,
    nivaa: triaged.nivaa,
    status: triaged.status,
    statusText: statusText(input.lang, triaged.status),
  };
}
