import { showJournal } from '../shared/pages/journal/journal-page';
import { pickLanguage } from '../shared/pages/kit/language';
import { pageResponse } from '../shared/pages/kit/response';
import type { GetJournalDeps } from '../shared/use-cases/get-journal';
import { caseApiDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { htmlPage, remember } from './http/html-page';

/** GET /journal?cursor= → the public journal page; no personal data. */
export function makeHandler(deps: Deps<GetJournalDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-journal', async (event, signals) => {
    const lang = pickLanguage(signals);
    const result = await showJournal(get(), { cursor: event.queryStringParameters?.cursor, lang });
    return pageResponse(result.status, result.body, lang, remember(signals));
  });
}

export const handler = makeHandler(caseApiDeps);
