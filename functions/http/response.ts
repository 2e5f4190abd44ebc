import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Language } from '../../shared/kernel/ids';
import { AppError } from '../../shared/errors';
import { negotiateLanguage } from '../../shared/http/language';
import { toProblem } from '../../shared/http/problem';
import { type Deps, resolveDeps } from '../lazy';
import { logger } from '../logger';
import { type OptionsResponse, withRouteMethods } from './methods';
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
  return guarded(requestLanguage, fn, (error, event, lang) => {
    if (error instanceof AppError && error.status < 500) {
      logger.info('request rejected', { code: error.code, routeKey: event.routeKey });
    } else {
      logger.error('request failed', { routeKey: event.routeKey, error: errorSummary(error) });
    }
    return problem(error, lang, event.rawPath);
  });
}

/**
 * The JSON API handler of most routes: the use case's input from the request (parsed before the
 * deps are built), its result as 200 JSON in the request's language, errors as in jsonApi.
 */
export function useCaseApi<D, I, R>(
  deps: Deps<D>,
  useCase: (deps: D, input: I) => Promise<R>,
  input: (event: APIGatewayProxyEventV2, lang: Language) => I,
): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  const get = resolveDeps(deps);
  return jsonApi(async (event, lang) => {
    const request = input(event, lang);
    return json(200, await useCase(get(), request), { 'content-language': lang });
  });
}

/**
 * Wraps a handler: `context` reads what the handler and its error response both need from the
 * request (its language); a thrown error becomes `onError`'s response.
 */
export function guarded<C, R extends { body?: string | undefined }>(
  context: (event: APIGatewayProxyEventV2) => C,
  fn: (event: APIGatewayProxyEventV2, context: C) => Promise<R>,
  onError: (error: unknown, event: APIGatewayProxyEventV2, context: C) => R,
): (event: APIGatewayProxyEventV2) => Promise<R | OptionsResponse> {
  // HEAD and OPTIONS as API Gateway routes them (functions/http/methods.ts).
  return withRouteMethods(async (event) => {
    const c = context(event);
    try {
      return await fn(event, c);
    } catch (error) {
      return onError(error, event, c);
    }
  });
}

/** Name and stack only: messages of SDK/validation errors can carry user input. */
export function errorSummary(error: unknown): { name: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, stack: error.stack?.split('\n').slice(1, 6).join('\n') };
  return { name: typeof error };
}
