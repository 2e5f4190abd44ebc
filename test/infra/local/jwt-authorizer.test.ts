import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver, httpRoutes, readCloudAssembly } from '../../../infra/local/cloud-assembly';
import { type LocalHttpApi, startHttpApi } from '../../../infra/local/http-api';
import { type AccessTokenRequest, createLocalUserPool } from '../../../infra/local/local-user-pool';

/** The hand-built template's GET /api/secretariat/cases has a Cognito JWT authorizer, scope "email". */
const assembly = readCloudAssembly(join(import.meta.dirname, 'fixtures', 'assembly'));
const routes = httpRoutes(assembly, createResolver(assembly));
const ISSUER = 'https://cognito-idp.eu-north-1.amazonaws.com/UserPool';
const pool = createLocalUserPool(null);
const otherKey = createLocalUserPool(null);

const calls: APIGatewayProxyEventV2[] = [];
const jwksAsked: string[] = [];
let api: LocalHttpApi;

beforeAll(async () => {
  api = await startHttpApi({
    port: 0,
    routes,
    invoke: async (_fn, event) => {
      calls.push(event);
      return { statusCode: 200, body: 'ok' };
    },
    jwks: async (issuer) => {
      jwksAsked.push(issuer);
      return pool.jwks();
    },
  });
});
afterAll(() => api.close());
beforeEach(() => {
  calls.length = 0;
});

const now = () => Math.floor(Date.now() / 1000);
const token = (overrides: Partial<AccessTokenRequest> = {}, signer = pool) =>
  signer.issueAccessToken({ issuer: ISSUER, clientId: 'UserPoolClient', sub: 'sek-ola', scopes: ['openid', 'email'], ...overrides });
const authorizerOf = (event: APIGatewayProxyEventV2 | undefined) => (event?.requestContext as { authorizer?: unknown } | undefined)?.authorizer;
const queue = (authorization?: string) =>
  fetch(`${api.url}/api/secretariat/cases`, { headers: authorization === undefined ? {} : { authorization } });

describe('local HTTP API: JWT authorizer from the template', () => {
  it('answers 401 {"message":"Unauthorized"} without invoking the function when the token is missing or invalid', async () => {
    const valid = token();
    const [head, payload] = valid.split('.');
    const unsigned = `${head}.${payload}.`;
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'x' })).toString('base64url')}.${valid.split('.')[2]}`;
    const refused = [
      undefined,
      '',
      'Bearer',
      'Bearer not-a-jwt',
      `Bearer ${unsigned}`,
      `Bearer ${tampered}`,
      `Bearer ${token({}, otherKey)}`,
      `Bearer ${token({ issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/OtherPool' })}`,
      `Bearer ${token({ clientId: 'OtherClient' })}`,
      `Bearer ${token({ nowSeconds: now() - 7200 })}`,
      `Bearer ${token({ nowSeconds: now() + 600 })}`,
    ];
    for (const authorization of refused) {
      const response = await queue(authorization);
      expect(response.status, String(authorization).slice(0, 40)).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(calls).toEqual([]);
  });

  it('answers 403 {"message":"Forbidden"} to a valid token without one of the route\'s scopes', async () => {
    const response = await queue(`Bearer ${token({ scopes: ['openid'] })}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Forbidden' });
    expect(calls).toEqual([]);
  });

  it('invokes the function with the claims as strings and the scopes, as payload format 2.0 does', async () => {
    const valid = token();
    for (const authorization of [`Bearer ${valid}`, valid]) {
      const response = await queue(authorization);
      expect(response.status).toBe(200);
    }
    expect(calls).toHaveLength(2);
    const authorizer = authorizerOf(calls[0]);
    expect(authorizer).toEqual({
      jwt: {
        claims: expect.objectContaining({ sub: 'sek-ola', iss: ISSUER, client_id: 'UserPoolClient', token_use: 'access', scope: 'openid email' }),
        scopes: ['openid', 'email'],
      },
    });
    const { claims } = (authorizer as { jwt: { claims: Record<string, unknown> } }).jwt;
    expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
    expect(jwksAsked.every((issuer) => issuer === ISSUER)).toBe(true);
  });

  it('leaves routes without an authorizer open and their events without authorizer context', async () => {
    const response = await fetch(`${api.url}/api/cases/abc`);
    expect(response.status).toBe(200);
    expect(authorizerOf(calls[0])).toBeUndefined();
  });
});
