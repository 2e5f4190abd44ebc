import { type GetJournalDeps, getJournal } from '../shared/use-cases/get-journal';
import { caseApiDeps } from './adapters/handler-deps';
import { useCaseApi } from './http/response';
import type { Deps } from './lazy';

/** GET /api/journal?cursor=&limit= → 200 { items, nextCursor? }: the public journal, no personal data. */
export function makeHandler(deps: Deps<GetJournalDeps>) {
  return useCaseApi(deps, getJournal, (event, lang) => ({ query: event.queryStringParameters ?? {}, lang }));
}

export const handler = makeHandler(caseApiDeps);
