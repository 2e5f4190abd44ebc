import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../../shared/kernel/ids';
import { LANGUAGE_COOKIE } from '../../shared/http/language';
import type { ActionPageResult } from '../../shared/pages/action/flows';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../shared/errors';
import { internalErrorPage, requestRejectedPage } from '../../shared/pages/action/result-pages';
import { type PageLanguage, pageLanguage, pickLanguage } from '../../shared/pages/kit/language';
import { toPageResponse } from '../../shared/pages/kit/page-result';
import { type PageResponse, pageResponse } from '../../shared/pages/kit/response';
import { logger } from '../logger';
import { cookies, header } from './request';
import { errorSummary, guarded } from './response';

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

/**
 * Wraps an HTML page handler: an unexpected error becomes the generic 500 page in the
 * request's language, and the log gets the error's name and stack (no request data: the
 * path of an action page holds the token).
 */
export function htmlPage(
  name: string,
  fn: (event: APIGatewayProxyEventV2, signals: PageLanguage) => Promise<PageResponse>,
): (event: APIGatewayProxyEventV2) => Promise<PageResponse> {
  return guarded(languageSignals, fn, (error, _event, signals) => {
    const lang = pickLanguage(signals);
    // An unreadable form body (wrong media type, too large) is the sender's, not ours.
    if (error instanceof UnsupportedMediaTypeError || error instanceof PayloadTooLargeError) {
      logger.info('page request rejected', { handler: name, code: error.code });
      return pageResponse(error.status, requestRejectedPage(error, lang), lang);
    }
    logger.error('page failed', { handler: name, error: errorSummary(error) });
    return pageResponse(500, internalErrorPage(lang), lang);
  });
}

/** An action page as the response; the log says what happened by its codes only. */
export function actionPageResponse(result: ActionPageResult, signals: PageLanguage): PageResponse {
  const { outcome } = result;
  if (outcome.kind === 'refused') logger.info('action link refused', { problem: outcome.problem });
  if (outcome.kind === 'rejected') logger.info('action form rejected', { fields: outcome.fields });
  if (outcome.kind === 'recorded') logger.info('action recorded', { next: outcome.next });
  return toPageResponse(result, result.lang, remember(signals).rememberLanguage);
}
