import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LANGUAGE_COOKIE } from '../shared/http/language';
import { actionFormPage } from '../shared/pages/action/form-page';
import { type PageLanguage, pageLanguage, pickLanguage } from '../shared/pages/kit/language';
import { type PageResponse, pageResponse } from '../shared/pages/kit/response';
import { internalErrorPage, LINK_PROBLEM_STATUS, linkProblemPage } from '../shared/pages/action/result-pages';
import type { LinkProblem } from '../shared/pages/action/view';
import type { Language } from '../shared/kernel/ids';
import { type ShowActionDeps, showAction } from '../shared/use-cases/show-action';
import { actionLinkDeps } from './adapters/handler-deps';
import { cookies, header, pathParam } from './http/request';
import { errorSummary } from './http/response';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';

/**
 * GET /handling/{token} → the confirmation page (200), or 404 unknown link, 410 expired,
 * 409 already answered / closed / superseded (issue 3). Never changes anything: mail
 * scanners fetch links before people do.
 */
export function makeHandler(deps: Deps<ShowActionDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-action', async (event, signals) => {
    const result = await showAction(get(), pathParam(event, 'token') ?? '');
    const lang = pickLanguage(signals, result.recipientLanguage);
    if (result.kind === 'problem') return linkProblemResponse(result.problem, lang, signals);
    return pageResponse(200, actionFormPage({ view: result.view, lang }), lang, remember(signals));
  });
}

export const handler = makeHandler(actionLinkDeps);

/** The request's language signals: ?lang=, the `lang` cookie, Accept-Language. */
export function languageSignals(event: APIGatewayProxyEventV2): PageLanguage {
  return pageLanguage({
    query: event.queryStringParameters?.lang,
    cookie: cookies(event)[LANGUAGE_COOKIE],
    acceptLanguage: header(event, 'accept-language'),
  });
}

export function remember(signals: PageLanguage): { rememberLanguage?: Language } {
  return signals.fromQuery === undefined ? {} : { rememberLanguage: signals.fromQuery };
}

export function linkProblemResponse(problem: LinkProblem, lang: Language, signals: PageLanguage): PageResponse {
  // The problem code only: never the token or anything it points at.
  logger.info('action link refused', { problem });
  return pageResponse(LINK_PROBLEM_STATUS[problem], linkProblemPage(problem, lang), lang, remember(signals));
}

/**
 * Wraps an HTML page handler: an unexpected error becomes the generic 500 page in the
 * request's language, and the log gets the error's name and stack (no request data: the
 * path holds the token).
 */
export function htmlPage(
  name: string,
  fn: (event: APIGatewayProxyEventV2, signals: PageLanguage) => Promise<PageResponse>,
): (event: APIGatewayProxyEventV2) => Promise<PageResponse> {
  return async (event) => {
    const signals = languageSignals(event);
    try {
      return await fn(event, signals);
    } catch (error) {
      logger.error('page failed', { handler: name, error: errorSummary(error) });
      const lang = pickLanguage(signals);
      return pageResponse(500, internalErrorPage(lang), lang);
    }
  };
}
