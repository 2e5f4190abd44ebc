import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver, httpRoutes, readCloudAssembly } from '../../../infra/local/cloud-assembly';
import { type HttpApiRoute, type LocalHttpApi, mapResult, Router, startHttpApi } from '../../../infra/local/http-api';

const assembly = readCloudAssembly(join(import.meta.dirname, 'fixtures', 'assembly'));
const templateRoutes = httpRoutes(assembly, createResolver(assembly));
const extraRoutes: HttpApiRoute[] = [
  { routeKey: 'GET /api/cases/list', functionLogicalId: 'ListFn' },
  { routeKey: 'ANY /files/{proxy+}', functionLogicalId: 'FilesFn' },
  { routeKey: 'GET /files/special', functionLogicalId: 'SpecialFn' },
];

const calls: Array<{ functionLogicalId: string; event: APIGatewayProxyEventV2 }> = [];
let respond: (event: APIGatewayProxyEventV2) => unknown = () => ({ statusCode: 204 });
let api: LocalHttpApi;
let withDefault: LocalHttpApi;
const errors: unknown[] = [];

beforeAll(async () => {
  const invoke = async (functionLogicalId: string, event: APIGatewayProxyEventV2) => {
    calls.push({ functionLogicalId, event });
    return respond(event);
  };
  api = await startHttpApi({
    port: 0,
    routes: [...templateRoutes, ...extraRoutes],
    invoke,
    integrationTimeoutMs: 300,
    onError: (error) => errors.push(error),
  });
  withDefault = await startHttpApi({
    port: 0,
    routes: [...templateRoutes, { routeKey: '$default', functionLogicalId: 'DefaultFn' }],
    invoke,
  });
});

afterAll(async () => {
  await api.close();
  await withDefault.close();
});

beforeEach(() => {
  calls.length = 0;
  errors.length = 0;
  respond = () => ({ statusCode: 204 });
});

function lastEvent(): APIGatewayProxyEventV2 {
  const call = calls.at(-1);
  if (call === undefined) throw new Error('no handler was invoked');
  return call.event;
}

describe('local HTTP API: requests', () => {
  it('routes a template route and builds a payload format 2.0 event', async () => {
    const response = await fetch(`${api.url}/api/cases/2026%2F0042?lang=nn&x=1&x=2&flag`, {
      headers: { 'User-Agent': 'vitest', 'X-Multi': 'a', Cookie: 'session=abc; lang=nn' },
    });
    expect(response.status).toBe(204);
    expect(calls.map((call) => call.functionLogicalId)).toEqual(['StatusFn']);
    const event = lastEvent();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/cases/{caseId}',
      rawPath: '/api/cases/2026%2F0042',
      rawQueryString: 'lang=nn&x=1&x=2&flag',
      cookies: ['session=abc', 'lang=nn'],
      queryStringParameters: { lang: 'nn', x: '1,2', flag: '' },
      pathParameters: { caseId: '2026/0042' },
      isBase64Encoded: false,
      requestContext: {
        apiId: 'HttpApi',
        accountId: '000000000000',
        stage: '$default',
        routeKey: 'GET /api/cases/{caseId}',
        domainName: `127.0.0.1:${api.port}`,
        http: { method: 'GET', path: '/api/cases/2026%2F0042', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.headers['x-multi']).toBe('a');
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('passes form posts base64-encoded, as HTTP APIs do for non-text content', async () => {
    await fetch(`${api.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=Ny+tjeneste&kommune=%C3%85s',
    });
    const event = lastEvent();
    expect(event.routeKey).toBe('POST /api/applications');
    expect(event.isBase64Encoded).toBe(true);
    const form = new URLSearchParams(Buffer.from(event.body ?? '', 'base64').toString('utf8'));
    expect(Object.fromEntries(form)).toEqual({ title: 'Ny tjeneste', kommune: 'Ås' });
    expect(event.pathParameters).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
  });

  it('passes JSON bodies as text', async () => {
    await fetch(`${api.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ tittel: 'Æøå' }),
    });
    expect(lastEvent()).toMatchObject({ isBase64Encoded: false, body: '{"tittel":"Æøå"}' });
  });

  it('prefers literal segments over variables and greedy variables, and fills {proxy+}', async () => {
    await fetch(`${api.url}/api/cases/list`);
    await fetch(`${api.url}/files/special`);
    await fetch(`${api.url}/files/special`, { method: 'DELETE' });
    await fetch(`${api.url}/files/a/b%20c`, { method: 'PUT' });
    expect(calls.map((call) => call.functionLogicalId)).toEqual(['ListFn', 'SpecialFn', 'FilesFn', 'FilesFn']);
    expect(lastEvent().pathParameters).toEqual({ proxy: 'a/b c' });
  });

  it('answers unknown routes and methods with API Gateway’s 404', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/api/applications'],
      ['GET', '/api/cases/'],
      ['GET', '/api/cases/1/extra'],
      ['GET', '/files/'],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, { method });
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
    expect(calls).toEqual([]);
  });

  it('sends unmatched requests to $default when the API has one', async () => {
    const response = await fetch(`${withDefault.url}/anything/else?q=1`, { method: 'PATCH' });
    expect(response.status).toBe(204);
    expect(calls.map((call) => call.functionLogicalId)).toEqual(['DefaultFn']);
    expect(lastEvent()).toMatchObject({ routeKey: '$default', rawPath: '/anything/else', requestContext: { routeKey: '$default' } });
  });
});

describe('local HTTP API: responses', () => {
  it('maps a structured result: status, headers, cookies, body', async () => {
    respond = () => ({
      statusCode: 303,
      headers: { Location: '/status/1', 'Content-Type': 'text/html; charset=utf-8', 'X-Count': 3 },
      cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
      body: '<p>Se status</p>',
    });
    const response = await fetch(`${api.url}/api/applications`, { method: 'POST', redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/status/1');
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(await response.text()).toBe('<p>Se status</p>');
  });

  it('decodes base64 bodies', async () => {
    respond = () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 255, 1]).toString('base64'), isBase64Encoded: true });
    const response = await fetch(`${api.url}/api/applications`, { method: 'POST' });
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 255, 1]);
  });

  it('serializes a result without statusCode as a 200 JSON body', async () => {
    respond = () => ({ ok: true, items: [1, 2] });
    const response = await fetch(`${api.url}/api/applications`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true, items: [1, 2] });
    expect(mapResult('hello').body.toString()).toBe('"hello"');
  });

  it('turns handler errors and malformed results into 500 Internal Server Error', async () => {
    respond = () => {
      throw new Error('boom');
    };
    const thrown = await fetch(`${api.url}/api/applications`, { method: 'POST' });
    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toEqual({ message: 'Internal Server Error' });
    respond = () => ({ statusCode: '200', body: 'x' });
    const malformed = await fetch(`${api.url}/api/applications`, { method: 'POST' });
    expect(malformed.status).toBe(500);
    expect(errors).toHaveLength(2);
  });

  it('answers 503 when the integration takes longer than its timeout', async () => {
    respond = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 1_000));
    const response = await fetch(`${api.url}/api/applications`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
  });
});

describe('Router', () => {
  it('rejects route keys API Gateway would reject', () => {
    expect(() => new Router([{ routeKey: 'GET /{proxy+}/x', functionLogicalId: 'F' }])).toThrow(/Greedy/);
    expect(() => new Router([{ routeKey: 'get /x', functionLogicalId: 'F' }])).toThrow(/Unsupported route key/);
  });

  it('prefers an exact method over ANY on the same path', () => {
    const router = new Router([
      { routeKey: 'ANY /x', functionLogicalId: 'Any' },
      { routeKey: 'POST /x', functionLogicalId: 'Post' },
    ]);
    expect(router.match('POST', '/x')?.route.functionLogicalId).toBe('Post');
    expect(router.match('GET', '/x')?.route.functionLogicalId).toBe('Any');
  });
});
