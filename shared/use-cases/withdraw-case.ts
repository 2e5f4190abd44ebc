import { z } from 'zod';
import { hasUnpairedSurrogate } from '../domain/text';
import { MAX_COMMENT_LENGTH } from '../domain/case';
import type { CaseStatus, Language } from '../kernel/ids';
import { isFinalStatus, transition } from '../domain/lifecycle';
import { ConflictError, ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { StepRepository } from '../ports/step-repository';
import type { WorkflowPort } from '../ports/workflow';
import { loadCase, updateCase, withdrawOpenSteps } from './case-writes';
import { statusText } from './get-journal';

export interface WithdrawCaseDeps {
  cases: CaseRepository;
  steps: StepRepository;
  workflow: WorkflowPort;
  clock: Clock;
}

/** Optional body of POST /api/cases/{caseId}/withdraw. */
export const WithdrawRequestSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(MAX_COMMENT_LENGTH, { abort: true })
    .refine((s) => !hasUnpairedSurrogate(s), { error: 'error.field.unpairedSurrogate' })
    .optional(),
});
export type WithdrawRequest = z.infer<typeof WithdrawRequestSchema>;

export interface WithdrawCaseResult {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  statusText: string;
}

/**
 * The applicant withdraws an open case (lifecycle: any open case can be withdrawn). The case
 * becomes 'withdrawn' in one conditional save (retried on a version race), then every open
 * unit is closed and its waiting task failed with CASE_WITHDRAWN_ERROR so the workflow stops.
 * A final case → 409; if it is already withdrawn, the step cleanup is finished first (a retry
 * after a failure half-way leaves no workflow waiting).
 */
export async function withdrawCase(
  deps: WithdrawCaseDeps,
  input: { caseId: string | undefined; body: unknown; lang: Language },
): Promise<WithdrawCaseResult> {
  const parsed = WithdrawRequestSchema.safeParse(input.body ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, input.body);
  const reason = parsed.data.reason || undefined;
  const existing = await loadCase(deps.cases, input.caseId);

  const at = deps.clock.now();
  if (existing.status === 'withdrawn') {
    await withdrawOpenSteps(deps, existing.caseId, at);
    throw closed(existing.status);
  }
  const saved = await updateCase(deps.cases, existing.caseId, (c) => {
    if (isFinalStatus(c.status)) throw closed(c.status);
    return transition(c, 'withdrawn', {
      actor: { kind: 'applicant' },
      at,
      reasonKey: 'lifecycle.reason.withdrawnByApplicant',
      ...(reason === undefined ? {} : { comment: reason }),
    });
  });
  await withdrawOpenSteps(deps, saved.caseId, at);
  return {
    caseId: saved.caseId,
    caseNumber: saved.caseNumber,
    status: saved.status,
    statusText: statusText(input.lang, saved.status),
  };
}

function closed(status: CaseStatus): ConflictError {
  return new ConflictError(`Case is already ${status}`, { messageKey: 'api.withdraw.closed' });
}
