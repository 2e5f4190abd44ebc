import { routeName } from '../shared/config/routes';
import { type SecretariatPageDeps, showCase, showOverview } from '../shared/pages/secretariat/flows';
import { SESSION_COOKIE } from '../shared/pages/secretariat/session';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { pickLanguage } from '../shared/pages/kit/language';
import { secretariatPageDeps } from './adapters/handler-deps';
import { cookies, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { htmlPage, remember } from './http/html-page';

/**
 * GET /sekretariat (cases by status or deadline) and GET /sekretariat/sak/{caseId} (one case:
 * triage, reminders, audit trail). Signed-in secretariat only: otherwise 303 to sign in.
 * Never changes anything.
 */
export function makeHandler(deps: Deps<SecretariatPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-secretariat-page', async (event, signals) => {
    const lang = pickLanguage(signals);
    const request = { lang, sessionCookie: cookies(event)[SESSION_COOKIE], query: event.queryStringParameters ?? {} };
    const result = routeName(event.routeKey) === 'secretariatCase'
      ? await showCase(get(), { ...request, caseId: pathParam(event, 'caseId') })
      : await showOverview(get(), request);
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(secretariatPageDeps);
