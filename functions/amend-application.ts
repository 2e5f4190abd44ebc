import { type AmendApplicationDeps, amendApplication } from '../shared/use-cases/amend-application';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import { caseCommand } from './http/request';
import type { Deps } from './lazy';

/** POST /api/cases/{caseId}/amendment with a complete application → 200 { caseId, caseNumber, nivaa, ... }. */
export function makeHandler(deps: Deps<AmendApplicationDeps>) {
  return useCaseApi(deps, amendApplication, caseCommand);
}

export const handler = makeHandler(caseApiDeps);
