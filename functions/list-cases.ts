import { type ListCasesDeps, listCases } from '../shared/use-cases/list-cases';
import { caseApiDeps } from './adapters/handler-deps';
import { requireJwtClaims } from './http/request';
import { useCaseApi } from './http/response';
import type { Deps } from './lazy';

/**
 * GET /api/secretariat/cases?status=&view=&before=&cursor=&limit= → 200 { view, items, nextCursor? }
 * (the secretariat's work queue; the route is behind the secretariat's authorizer, and a
 * request without its verified claims is refused here too).
 */
export function makeHandler(deps: Deps<ListCasesDeps>) {
  return useCaseApi(deps, listCases, (event, lang) => {
    requireJwtClaims(event);
    return { query: event.queryStringParameters ?? {}, lang };
  });
}

export const handler = makeHandler(caseApiDeps);
