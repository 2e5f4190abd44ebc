import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Actor, ActorSchema } from '../shared/domain/case';
import { ValidationError } from '../shared/errors';
import { type TriageCaseDeps, triageCase } from '../shared/use-cases/triage-case';
import { triageDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { jsonBody, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/**
 * POST /api/secretariat/cases/{caseId}/triage with { choice: 'confirm', nivaa?, reason? }
 * → 200 { caseId, caseNumber, nivaa, status }. Already triaged → 409. A nivå whose path cannot
 * be planned for the case (e.g. nivå 3 without a service with a brukerråd) → 400 at /nivaa.
 */
export function makeHandler(deps: Deps<TriageCaseDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    const body = jsonBody(event);
    if (!body.ok) throw new ValidationError([{ pointer: '', code: 'error.body.malformedJson' }]);
    const result = await triageCase(get(), {
      caseId: pathParam(event, 'caseId'),
      body: body.value,
      actor: secretariatActor(event),
      lang,
    });
    return json(200, result, { 'content-language': lang });
  });
}

/**
 * The secretariat user from the HTTP API's JWT authorizer (`sub` claim). Without an authorizer
 * (local runtime) or with a subject that is not a plain id, the actor is the secretariat role.
 */
export function secretariatActor(event: APIGatewayProxyEventV2): Actor {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const sub = context.authorizer?.jwt?.claims?.sub;
  const actor = ActorSchema.safeParse({ kind: 'secretariat', id: sub });
  return actor.success ? actor.data : { kind: 'secretariat' };
}

export const handler = makeHandler(triageDeps);
