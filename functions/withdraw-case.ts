import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../shared/errors';
import { type WithdrawCaseDeps, withdrawCase } from '../shared/use-cases/withdraw-case';
import { caseApiDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { jsonBody, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/** POST /api/cases/{caseId}/withdraw (optional body { reason }) → 200 { caseId, caseNumber, status }. */
export function makeHandler(deps: Deps<WithdrawCaseDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    const body = jsonBody(event);
    if (!body.ok) throw new ValidationError([{ pointer: '', code: 'error.body.malformedJson' }]);
    const result = await withdrawCase(get(), { caseId: pathParam(event, 'caseId'), body: body.value, lang });
    return json(200, result, { 'content-language': lang });
  });
}

export const handler = makeHandler(caseApiDeps);
