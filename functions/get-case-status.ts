import { type GetCaseStatusDeps, getCaseStatus } from '../shared/use-cases/get-case-status';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import { pathParam } from './http/request';
import type { Deps } from './lazy';

/** GET /api/cases/{caseId} → 200 the case's current state (README "API"); unknown or malformed id → 404. */
export function makeHandler(deps: Deps<GetCaseStatusDeps>) {
  return useCaseApi(deps, getCaseStatus, (event, lang) => ({ caseId: pathParam(event, 'caseId'), lang }));
}

export const handler = makeHandler(caseApiDeps);
