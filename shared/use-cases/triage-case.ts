import { z } from 'zod';
import { hasUnpairedSurrogate } from '../domain/text';
import { type Actor, MAX_COMMENT_LENGTH } from '../domain/case';
import { type BodyId, type CaseStatus, type Language, type Nivaa, NivaaSchema } from '../kernel/ids';
import { appendEvent, overrideNivaa } from '../domain/lifecycle';
import { ConflictError, type FieldError, ValidationError } from '../errors';
import { t } from '../i18n';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { StepRepository } from '../ports/step-repository';
import type { WorkflowPort } from '../ports/workflow';
import { closeUnit, completeTask, findOpenUnit, loadCase, updateCase } from './case-writes';
import { statusText } from './get-journal';
import type { WorkflowRules } from './workflow-rules';

export interface TriageCaseDeps {
  cases: CaseRepository;
  steps: StepRepository;
  workflow: WorkflowPort;
  clock: Clock;
  /** The planner's dry run: a nivå whose path cannot be planned is refused. */
  rules: Pick<WorkflowRules, 'canPlan'>;
}

/**
 * Body of POST /api/secretariat/cases/{caseId}/triage. The secretariat confirms the proposed
 * nivå or overrides it (the secretariat confirms or overrides the proposed nivå);
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

/** Why a nivå cannot be chosen for the case, as the field error at /nivaa (API and page). */
export function unplannableError(lang: Language, nivaa: Nivaa, bodyId: BodyId): FieldError {
  return bodyId === 'brukerrad'
    ? { pointer: '/nivaa', code: 'governance.unplannable.brukerrad', params: { nivaa } }
    : { pointer: '/nivaa', code: 'governance.unplannable.body', params: { nivaa, body: t(lang, `governance.body.${bodyId}`) } };
}

/**
 * Triage: the case must be in 'triage' with an open triage unit (else 409, so a second
 * submit changes nothing). The nivå and who triaged are saved first, in one conditional write
 * that only one secretary can win, so the workflow's next step reads the nivå; then the unit is
 * closed with 'confirm' and its task completed (shared/use-cases/case-writes.ts). A nivå whose
 * path the planner cannot plan for this case is refused (400 at /nivaa) and nothing changes.
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
  // An escalation (a step nobody answered, sent out again) resumes the path as it was: a
  // different nivå there would switch paths half-way.
  if (open.step.definitionId !== 'triage' && request.nivaa !== undefined && request.nivaa !== existing.nivaa) {
    throw new ValidationError([{ pointer: '/nivaa', code: 'api.triage.noOverrideInEscalation' }]);
  }
  const ref = { caseId: existing.caseId, stepId: open.step.stepId, unitId: open.unit.unitId };
  const definitionId = open.step.definitionId;
  // The case write is the claim: one conditional write holds the nivå (read by the workflow's
  // next step) and who triaged. A second secretary finds the claim and is refused; the same
  // secretary retrying after a failure half-way finishes the job.
  const triaged = await updateCase(deps.cases, existing.caseId, (c) => {
    const claim = c.events.find((e) => e.type === 'triaged' && e.stepId === ref.stepId);
    if (claim) {
      if (claim.actor.kind !== input.actor.kind || claim.actor.id !== input.actor.id) {
        throw new ConflictError('Triaged by someone else', { messageKey: NOT_AWAITING });
      }
      return c;
    }
    if (c.status !== 'triage') throw new ConflictError('Case left triage', { messageKey: NOT_AWAITING });
    const to = request.nivaa;
    const next =
      to === undefined || to === c.nivaa
        ? c
        : overrideNivaa(c, to, { actor: input.actor, at, reason: request.reason ?? '' });
    // Nothing may put the case on a path the workflow cannot plan (e.g. nivå 3 without a
    // service whose brukerråd the roster knows): refused here, before anything is written.
    if (definitionId === 'triage') {
      const plannable = deps.rules.canPlan(next);
      if (!plannable.plannable) throw new ValidationError([unplannableError(input.lang, next.nivaa, plannable.bodyId)]);
    }
    return appendEvent(next, 'triaged', { actor: input.actor, at, stepId: ref.stepId, bodyId: open.unit.bodyId, result: 'confirm' });
  });
  const closed = await closeUnit(deps.steps, ref, () => 'confirm', at);
  if (closed?.by === 'this' && closed.taskToken !== undefined) {
    await completeTask(deps.workflow, closed.taskToken, { unitId: ref.unitId, outcome: 'confirm' });
  }
  return {
    caseId: triaged.caseId,
    caseNumber: triaged.caseNumber,
    nivaa: triaged.nivaa,
    status: triaged.status,
    statusText: statusText(input.lang, triaged.status),
  };
}
