import type { Case, CaseWorkflow } from './case';

/**
 * Execution names of a case's workflow. Names show in CloudTrail and the Step Functions
 * console, so they never contain the case id (the bearer secret of /sak/{caseId}): they are
 * the case number with '/' replaced (names allow letters, digits, '-' and '_') and the
 * generation, e.g. 2026-0042-g1. Standard workflows keep a name for 90 days, so each resume
 * needs a new generation; a repeated start of the same generation stays idempotent.
 */
export function executionNameFor(caseNumber: string, generation: number): string {
  return `${caseNumber.replace('/', '-')}-g${generation}`;
}

/**
 * The case's current generation. A record from before generations ran one execution named
 * after the case id; that name is kept so a retried submit does not start a second one.
 */
export function currentWorkflow(c: Pick<Case, 'caseId' | 'workflow'>): CaseWorkflow {
  return c.workflow ?? { generation: 1, executionName: c.caseId };
}
