import { type WithdrawCaseDeps, withdrawCase } from '../shared/use-cases/withdraw-case';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import { caseCommand } from './http/request';
import type { Deps } from './lazy';

/** POST /api/cases/{caseId}/withdraw (optional body { reason }) → 200 { caseId, caseNumber, status }. */
export function makeHandler(deps: Deps<WithdrawCaseDeps>) {
  return useCaseApi(deps, withdrawCase, caseCommand);
}

export const handler = makeHandler(caseApiDeps);
