import { type CaseActionDeps, postCasePage } from '../shared/pages/case/flows';
import { caseNotFoundPage } from '../shared/pages/case/withdraw-page';
import { FORM_NONCE_COOKIE } from '../shared/pages/kit/page-csrf';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { pickLanguage } from '../shared/pages/kit/language';
import { pageResponse } from '../shared/pages/kit/response';
import { applicantPageDeps } from './adapters/handler-deps';
import { cookies, formBody, header, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';
import { htmlPage, remember } from './http/html-page';
import { subPage } from './show-case-page';

/**
 * POST /sak/{caseId}/endre (amended application) and POST /sak/{caseId}/trekk (withdrawal),
 * both application/x-www-form-urlencoded with the form's CSRF token.
 */
export function makeHandler(deps: Deps<CaseActionDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('case-page-action', async (event, signals) => {
    const lang = pickLanguage(signals);
    const page = subPage(event);
    // Only the two routes above reach this handler; anything else changes nothing.
    if (page === undefined) return pageResponse(404, caseNotFoundPage(lang), lang);
    const result = await postCasePage(get(), {
      caseId: pathParam(event, 'caseId'),
      page,
      lang,
      form: formBody(event),
      cookieNonce: cookies(event)[FORM_NONCE_COOKIE],
      origin: header(event, 'origin'),
    });
    logger.info('case page action handled', { page, status: result.status });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(applicantPageDeps);
