import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type GetCaseStatusDeps, getCaseStatus } from '../shared/use-cases/get-case-status';
import { caseApiDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/** GET /api/cases/{caseId} → 200 the case's current state (README "API"); unknown or malformed id → 404. */
export function makeHandler(deps: Deps<GetCaseStatusDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    const view = await getCaseStatus(get(), { caseId: pathParam(event, 'caseId'), lang });
    return json(200, view, { 'content-language': lang });
  });
}

export const handler = makeHandler(caseApiDeps);
