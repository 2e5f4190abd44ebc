import { type ListCasesDeps, listCases } from '../shared/use-cases/list-cases';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import type { Deps } from './lazy';

/**
 * GET /api/secretariat/cases?status=&view=&before=&cursor=&limit= → 200 { view, items, nextCursor? }
 * (the secretariat's work queue; the route is behind the secretariat's authorizer).
 */
export function makeHandler(deps: Deps<ListCasesDeps>) {
  return useCaseApi(deps, listCases, (event, lang) => ({ query: event.queryStringParameters ?? {}, lang }));
}

export const handler = makeHandler(caseApiDeps);
