import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routeName } from '../shared/config/routes';
import { type CasePageDeps, type CaseSubPage, showCasePage } from '../shared/pages/case/flows';
import { FORM_NONCE_COOKIE } from '../shared/pages/kit/page-csrf';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { pickLanguage } from '../shared/pages/kit/language';
import { applicantPageDeps } from './adapters/handler-deps';
import { cookies, pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { htmlPage, remember } from './http/html-page';

/**
 * GET /sak/{caseId} (status), /sak/{caseId}/endre (amendment form) and /sak/{caseId}/trekk
 * (withdrawal confirmation): 200, or 404 for an unknown case. Never changes anything.
 */
export function makeHandler(deps: Deps<CasePageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-case-page', async (event, signals) => {
    const lang = pickLanguage(signals);
    const result = await showCasePage(get(), {
      caseId: pathParam(event, 'caseId'),
      page: subPage(event),
      lang,
      cookieNonce: cookies(event)[FORM_NONCE_COOKIE],
    });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(applicantPageDeps);

/** Which of the case's pages the route is (by route key, never by parsing the raw path). */
export function subPage(event: APIGatewayProxyEventV2): CaseSubPage | undefined {
  switch (routeName(event.routeKey)) {
    case 'caseAmend':
      return 'endre';
    case 'caseWithdraw':
      return 'trekk';
    default:
      return undefined;
  }
}
