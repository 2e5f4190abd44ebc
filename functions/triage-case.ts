import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Actor, ActorSchema } from '../shared/domain/case';
import { type TriageCaseDeps, triageCase } from '../shared/use-cases/triage-case';
import { triageDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import { caseCommand, jwtClaims, requireJwtClaims } from './http/request';
import type { Deps } from './lazy';

/**
 * POST /api/secretariat/cases/{caseId}/triage with { choice: 'confirm', nivaa?, reason? }
 * → 200 { caseId, caseNumber, nivaa, status }. Already triaged → 409. A nivå whose path cannot
 * be planned for the case (e.g. nivå 3 without a service with a brukerråd) → 400 at /nivaa.
 */
export function makeHandler(deps: Deps<TriageCaseDeps>) {
  return useCaseApi(deps, triageCase, (event, lang) => {
    requireJwtClaims(event);
    return { ...caseCommand(event, lang), actor: secretariatActor(event) };
  });
}

/**
 * The secretariat user from the HTTP API's JWT authorizer (`sub` claim). With a subject that is
 * not a plain id, the actor is the secretariat role.
 */
export function secretariatActor(event: APIGatewayProxyEventV2): Actor {
  const sub = jwtClaims(event)?.sub;
  const actor = ActorSchema.safeParse({ kind: 'secretariat', id: sub });
  return actor.success ? actor.data : { kind: 'secretariat' };
}

export const handler = makeHandler(triageDeps);
