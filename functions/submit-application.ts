import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { paths } from '../shared/config/routes';
import { type SubmitApplicationDeps, submitApplication } from '../shared/use-cases/submit-application';
import { intakeDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { header, jsonBody } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/** POST /api/applications → 201 { caseId, caseNumber, nivaa, statusUrl } (README "API"). */
export function makeHandler(deps: Deps<SubmitApplicationDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2) => {
    const body = jsonBody(event);
    const { response } = await submitApplication(get(), {
      body,
      idempotencyKey: header(event, 'idempotency-key'),
    });
    return json(201, response, { location: paths.apiCase(response.caseId) });
  });
}

export const handler = makeHandler(intakeDeps);
