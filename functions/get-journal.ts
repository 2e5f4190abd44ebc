import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type GetJournalDeps, getJournal } from '../shared/use-cases/get-journal';
import { caseApiDeps } from './adapters/handler-deps';
import { json, jsonApi } from './http/response';
import { type Deps, resolveDeps } from './lazy';

/** GET /api/journal?cursor=&limit= → 200 { items, nextCursor? }: the public journal, no personal data. */
export function makeHandler(deps: Deps<GetJournalDeps>) {
  const get = resolveDeps(deps);
  return jsonApi(async (event: APIGatewayProxyEventV2, lang) => {
    const page = await getJournal(get(), { query: event.queryStringParameters ?? {}, lang });
    return json(200, page, { 'content-language': lang });
  });
}

export const handler = makeHandler(caseApiDeps);
