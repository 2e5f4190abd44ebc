import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Language } from '../../shared/kernel/ids';
import { AppError } from '../../shared/errors';
import { negotiateLanguage } from '../../shared/http/language';
import { toProblem } from '../../shared/http/problem';
import { logger } from '../logger';
import { withRouteMethods } from './methods';
import { header } from './request';

export type HttpResult = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function problem(error: unknown, lang: Language, instance?: string): HttpResult {
  const response = toProblem(error, lang, instance);
  return {
    statusCode: response.status,
    headers: { ...SECURITY_HEADERS, ...response.headers },
    body: JSON.stringify(response.body),
  };
}

export function requestLanguage(event: APIGatewayProxyEventV2): Language {
  return negotiateLanguage({
    query: event.queryStringParameters?.lang ?? null,
    cookie: event.cookies ?? header(event, 'cookie') ?? null,
    acceptLanguage: header(event, 'accept-language') ?? null,
  });
}

/**
 * Wraps a JSON API handler: any thrown error becomes RFC 9457 problem+json in the request's
 * language. Expected (4xx) errors are logged by code only; unexpected ones with the error
 * (stack, no request data) so an operator can find them, while the client sees a generic 500.
 */
export function jsonApi(
  fn: (event: APIGatewayProxyEventV2, lang: Language) => Promise<HttpResult>,
): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  return withRouteMethods(async (event) => {
    const lang = requestLanguage(event);
    try {
      return await fn(event, lang);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        logger.info('request rejected', { code: error.code, routeKey: event.routeKey });
      } else {
        logger.error('request failed', { routeKey: event.routeKey, error: errorSummary(error) });
      }
      return problem(error, lang, event.rawPath);
    }
  });
}

/** Name and stack only: messages of SDK/validation errors can carry user input. */
export function errorSummary(error: unknown): { name: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, stack: error.stack?.split('\n').slice(1, 6).join('\n') };
  return { name: typeof error };
}
