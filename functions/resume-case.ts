import { type ResumeCaseDeps, resumeCase } from '../shared/use-cases/resume-case';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import { pathParam, requireJwtClaims } from './http/request';
import type { Deps } from './lazy';
import { secretariatActor } from './triage-case';

/**
 * POST /api/secretariat/cases/{caseId}/resume → 200 { caseId, caseNumber, generation }.
 * A workflow not recorded as stopped, or a closed case → 409.
 */
export function makeHandler(deps: Deps<ResumeCaseDeps>) {
  return useCaseApi(deps, resumeCase, (event) => {
    requireJwtClaims(event);
    return { caseId: pathParam(event, 'caseId'), actor: secretariatActor(event) };
  });
}

export const handler = makeHandler(caseApiDeps);
