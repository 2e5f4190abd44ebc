import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ListCasesDeps, listCases } from '../shared/use-cases/list-cases';
import { caseApiDeps } from './adapters/handler-deps';
import { requireJwtClaims } from './http/request';
import { json, jsonApi } from './http/response';
import { type Deps, resolveDeps } from './lazy';

/**
 * GET /api/secretariat/cases?status=&view=&before=&cursor=&limit= → 200 { view, items, nextCursor? }
 * (the secretariat's work queue; the route is behind the secretariat's authorizer, and a
 * request without its verified claims is refused here too).
 */
export function makeHandler(deps: Deps<ListCasesDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    requireJwtClaims(event);
    const list = await listCases(get(), { query: event.queryStringParameters ?? {}, lang });
    return json(200, list, { 'content-language': lang });
  });
}

export const handler = makeHandler(caseApiDeps);
