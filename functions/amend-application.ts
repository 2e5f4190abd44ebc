import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../shared/errors';
import { type AmendApplicationDeps, amendApplication } from '../shared/use-cases/amend-application';
import { caseApiDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { jsonBody, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/** POST /api/cases/{caseId}/amendment with a complete application → 200 { caseId, caseNumber, nivaa, ... }. */
export function makeHandler(deps: Deps<AmendApplicationDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    const body = jsonBody(event);
    if (!body.ok) throw new ValidationError([{ pointer: '', code: 'error.body.malformedJson' }]);
    const result = await amendApplication(get(), { caseId: pathParam(event, 'caseId'), body: body.value, lang });
    return json(200, result, { 'content-language': lang });
  });
}

export const handler = makeHandler(caseApiDeps);
