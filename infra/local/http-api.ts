/**
 * Local API Gateway HTTP API: routes exactly the route keys of the synthesized template to
 * in-process handlers, with payload format 2.0 events and response mapping
 * (docs: "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway").
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_AWS } from './intrinsics';
import { authorize, fetchJwks, type JwksSource, type JwtAuthorizerConfig } from './jwt-authorizer';
import { closeServer, LOCAL_HOST, listenOnLoopback } from './ports';

/** A route as read from the template (cloud-assembly.ts HttpRoute fits). */
export interface HttpApiRoute {
  /** "POST /api/cases/{caseId}", "ANY /{proxy+}" or "$default". */
  routeKey: string;
  functionLogicalId: string;
  apiLogicalId?: string;
  /** The route's JWT authorizer: requests without a valid token never reach the function. */
  authorizer?: JwtAuthorizerConfig;
}

/** Runs the function behind a route with the event and returns what its handler returned. */
export type InvokeFunction = (functionLogicalId: string, event: APIGatewayProxyEventV2) => Promise<unknown>;

export interface StartHttpApiOptions {
  /** 0 picks a free port. */
  port: number;
  routes: readonly HttpApiRoute[];
  invoke: InvokeFunction;
  /** API Gateway gives up on an integration after 30 s (503). */
  integrationTimeoutMs?: number;
  /** The JWKS of an authorizer's issuer; default: fetched from <issuer>/.well-known/jwks.json. */
  jwks?: JwksSource;
  /** Called when a handler throws or returns something API Gateway would reject. */
  onError?: (error: unknown, routeKey: string) => void;
}

export interface LocalHttpApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** HTTP API's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startHttpApi(options: StartHttpApiOptions): Promise<LocalHttpApi> {
  const router = new Router(options.routes);
  const timeoutMs = options.integrationTimeoutMs ?? 30_000;
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      options.onError?.(error, '(server)');
      send(response, gatewayError(500, 'Internal Server Error'));
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
    const match = router.match(request.method ?? 'GET', rawPath);
    if (match === undefined) return send(response, gatewayError(404, 'Not Found'));
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) return send(response, gatewayError(413, 'Request Entity Too Large'));
    const event = buildEvent(request, {
      rawPath,
      rawQueryString: queryStart < 0 ? '' : url.slice(queryStart + 1),
      routeKey: match.route.routeKey,
      apiId: match.route.apiLogicalId ?? 'local',
      pathParameters: match.pathParameters,
      body,
    });
    const { authorizer } = match.route;
    if (authorizer !== undefined) {
      const outcome = await authorize(authorizer, event.headers, options.jwks ?? fetchJwks, Math.floor(Date.now() / 1000));
      if (!outcome.ok) return send(response, gatewayError(outcome.statusCode, outcome.message));
      // Payload 2.0 carries the verified claims (APIGatewayProxyEventV2WithJWTAuthorizer).
      Object.assign(event.requestContext, { authorizer: outcome.authorizer });
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const result = await Promise.race([options.invoke(match.route.functionLogicalId, event), timeout]);
      if (result === 'timeout') return send(response, gatewayError(503, 'Service Unavailable'));
      send(response, mapResult(result));
    } catch (error) {
      options.onError?.(error, match.route.routeKey);
      send(response, gatewayError(500, 'Internal Server Error'));
    } finally {
      clearTimeout(timer);
    }
  }

  const port = await listenOnLoopback(server, options.port);
  return { url: `http://${LOCAL_HOST}:${port}`, port, close: () => closeServer(server) };
}

interface ParsedRoute {
  route: HttpApiRoute;
  /** Upper-case method, or "ANY"; undefined for $default. */
  method: string | undefined;
  segments: string[];
}

export interface RouteMatch {
  route: HttpApiRoute;
  pathParameters: Record<string, string>;
}

/** API Gateway route selection: most specific path, then exact method over ANY, then $default. */
export class Router {
  private readonly routes: ParsedRoute[];
  private readonly fallback: HttpApiRoute | undefined;

  constructor(routes: readonly HttpApiRoute[]) {
    this.fallback = routes.find((route) => route.routeKey === '$default');
    this.routes = routes
      .filter((route) => route.routeKey !== '$default')
      .map((route) => {
        const match = /^([A-Z]+) (\/.*)$/.exec(route.routeKey);
        if (match?.[1] === undefined || match[2] === undefined) throw new Error(`Unsupported route key ${route.routeKey}`);
        const segments = match[2].split('/').slice(1);
        if (segments.slice(0, -1).some((segment) => /^\{.+\+\}$/.test(segment))) {
          throw new Error(`Greedy path variable must be last in ${route.routeKey}`);
        }
        return { route, method: match[1], segments };
      });
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const pathSegments = rawPath.split('/').slice(1);
    let best: { match: RouteMatch; score: number[] } | undefined;
    for (const candidate of this.routes) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const pathParameters = matchSegments(candidate.segments, pathSegments);
      if (pathParameters === undefined) continue;
      const score = [
        ...candidate.segments.map((segment) => (!segment.startsWith('{') ? 2 : segment.endsWith('+}') ? 0 : 1)),
        candidate.method === 'ANY' ? 0 : 1,
      ];
      if (best === undefined || compareScores(score, best.score) > 0) {
        best = { match: { route: candidate.route, pathParameters }, score };
      }
    }
    if (best !== undefined) return best.match;
    return this.fallback === undefined ? undefined : { route: this.fallback, pathParameters: {} };
  }
}

function matchSegments(template: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of template.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(segment)?.[1];
    if (greedy !== undefined) {
      const rest = path.slice(index).join('/');
      if (rest === '') return undefined;
      parameters[greedy] = decode(rest);
      return parameters;
    }
    const actual = path[index];
    if (actual === undefined) return undefined;
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined) {
      if (actual === '') return undefined;
      parameters[name] = decode(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return template.length === path.length ? parameters : undefined;
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * HTTP API passes these bodies as text; everything else (including form posts) arrives
 * base64-encoded with isBase64Encoded: true.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    ['application/json', 'application/javascript', 'application/xml'].includes(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

export interface EventParts {
  rawPath: string;
  rawQueryString: string;
  routeKey: string;
  apiId: string;
  pathParameters: Record<string, string>;
  body: Buffer;
}

/** Builds the payload format 2.0 event for a request. */
export function buildEvent(request: IncomingMessage, parts: EventParts): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    // Format 2.0 moves cookies out of the headers into `cookies`.
    if (name === 'cookie') cookies.push(...value.split(';').map((c) => c.trim()).filter((c) => c !== ''));
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const sourceIp = request.socket.remoteAddress ?? LOCAL_HOST;
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const query = queryParameters(parts.rawQueryString);
  const domainName = headers.host ?? LOCAL_HOST;
  const now = new Date();
  const textBody = isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: parts.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: parts.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query === undefined ? {} : { queryStringParameters: query }),
    ...(Object.keys(parts.pathParameters).length > 0 ? { pathParameters: parts.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_AWS.accountId,
      apiId: parts.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: (request.method ?? 'GET').toUpperCase(),
        path: parts.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: parts.routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(parts.body.length > 0 ? { body: parts.body.toString(textBody ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: parts.body.length > 0 && !textBody,
  };
}

/** Query parameters decoded, duplicates joined with commas (format 2.0); absent when empty. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", the format of requestContext.time. */
function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

export interface HttpResponse {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/**
 * Maps a handler result as API Gateway does for format 2.0: an object with statusCode is a
 * structured response; anything else is serialized as a 200 application/json body.
 */
export function mapResult(result: unknown): HttpResponse {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(result) ?? 'null'),
    };
  }
  const structured = result as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const { statusCode } = structured;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`Malformed Lambda proxy response: statusCode ${String(statusCode)}`);
  }
  if (structured.body !== undefined && typeof structured.body !== 'string') {
    throw new TypeError('Malformed Lambda proxy response: body must be a string');
  }
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(structured.cookies) && structured.cookies.length > 0) {
    headers['set-cookie'] = structured.cookies.map(String);
  }
  const text = structured.body ?? '';
  return {
    statusCode,
    headers,
    body: structured.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}

function gatewayError(statusCode: number, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

function send(response: ServerResponse, result: HttpResponse): void {
  if (response.headersSent) return;
  response.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': result.body.length,
    'apigw-requestid': randomUUID(),
  });
  response.end(result.body);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
