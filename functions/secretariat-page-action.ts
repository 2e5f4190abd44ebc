import { routeName } from '../shared/config/routes';
import { postCaseAction, type SecretariatActionDeps } from '../shared/pages/secretariat/flows';
import { SESSION_COOKIE } from '../shared/pages/secretariat/session';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { pickLanguage } from '../shared/pages/kit/language';
import { secretariatPageDeps } from './adapters/handler-deps';
import { cookies, formBody, header, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';
import { htmlPage, remember } from './http/html-page';

/**
 * POST /sekretariat/sak/{caseId}/triage (confirm or override the nivå) and
 * POST /sekretariat/sak/{caseId}/purring (remind a body) and
 * POST /sekretariat/sak/{caseId}/start-saksflyt (resume a stopped workflow), urlencoded with the session's CSRF
 * token. The route key, never the raw path, says which.
 */
export function makeHandler(deps: Deps<SecretariatActionDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('secretariat-page-action', async (event, signals) => {
    const lang = pickLanguage(signals);
    const route = routeName(event.routeKey);
    const action = route === 'secretariatTriage' ? 'triage' : route === 'secretariatResume' ? 'resume' : 'remind';
    const result = await postCaseAction(get(), {
      lang,
      sessionCookie: cookies(event)[SESSION_COOKIE],
      caseId: pathParam(event, 'caseId'),
      action,
      form: formBody(event),
      origin: header(event, 'origin'),
    });
    logger.info('secretariat action handled', { action, status: result.status });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(secretariatPageDeps);
