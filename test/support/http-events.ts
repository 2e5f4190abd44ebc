import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface EventOptions {
  body?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  cookies?: string[];
  isBase64Encoded?: boolean;
  /** The JWT authorizer's verified claims (requestContext.authorizer.jwt), as API Gateway passes them. */
  jwtClaims?: Record<string, unknown>;
}

/** An API Gateway HTTP API (payload format 2.0) event, as the real service sends it. */
export function httpEvent(routeKey: string, path: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const [method = 'GET'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.queryStringParameters ?? {}).toString(),
    headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    ...(options.cookies ? { cookies: options.cookies } : {}),
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '02/Mar/2026:09:00:00 +0000',
      timeEpoch: 1772442000000,
      ...(options.jwtClaims ? { authorizer: { jwt: { claims: options.jwtClaims, scopes: null } } } : {}),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

export function jsonEvent(routeKey: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return httpEvent(routeKey, path, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}
