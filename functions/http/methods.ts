import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { allowedMethods } from '../../shared/config/routes';

/** What OPTIONS answers: no body, the path's methods in Allow. */
export interface OptionsResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The methods API Gateway routes beside the table's own (shared/config/routes.ts): HEAD runs
 * the GET route (same route key, so handlers need not know) and drops the body, so it can
 * change nothing GET would not; OPTIONS answers 204 with Allow without running the handler.
 */
export function withRouteMethods<R extends { body?: string | undefined }>(
  fn: (event: APIGatewayProxyEventV2) => Promise<R>,
): (event: APIGatewayProxyEventV2) => Promise<R | OptionsResponse> {
  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    if (method === 'OPTIONS') {
      const allow = allowedMethods(event.routeKey) ?? 'OPTIONS';
      return { statusCode: 204, headers: { allow, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: '' };
    }
    if (method !== 'HEAD') return fn(event);
    const result = await fn(asGet(event));
    return { ...result, body: '' };
  };
}

function asGet(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const routeKey = event.routeKey.replace(/^HEAD /, 'GET ');
  return {
    ...event,
    routeKey,
    requestContext: { ...event.requestContext, routeKey, http: { ...event.requestContext.http, method: 'GET' } },
  };
}
