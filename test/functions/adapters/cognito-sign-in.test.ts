import { createHash, createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCognitoSignIn } from '../../../functions/adapters/cognito-sign-in';
import { UnauthorizedError } from '../../../shared/errors';
import type { OidcSignIn } from '../../../shared/ports/secretariat-sign-in';

const CLIENT_ID = '4r7s0m3cl13nt1d';
const POOL = 'eu-north-1_AbCdEf123';
const REDIRECT_URI = 'https://secretariat.example/secretariat/callback?lang=nb';
const SUB = '0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5';
const EMAIL = 'kari.nordmann@kommune.example';
const START = new Date('2026-03-02T09:00:00Z');

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const rsaKey = (kid: string): SigningKey => ({ kid, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) });

/** What the fake token endpoint answers for one code (registered with its PKCE challenge). */
interface PendingCode {
  challenge: string;
  redirectUri: string;
  idToken: string;
}

/** A local stand-in for the Cognito hosted UI token endpoint and the user pool's JWKS. */
class FakeCognito {
  readonly codes = new Map<string, PendingCode>();
  published: SigningKey[] = [];
  jwksRequests = 0;
  tokenRequests: { contentType: string | undefined; form: URLSearchParams }[] = [];
  /** Replaces the next answer of an endpoint (status, raw body). */
  override: { token?: [number, string]; jwks?: [number, string] } = {};
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((e) => (e ? reject(e) : resolve())));
  }

  get issuer(): string {
    return `${this.url}/${POOL}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown, raw?: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(raw ?? JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === `/${POOL}/.well-known/jwks.json`) {
      this.jwksRequests += 1;
      const override = this.override.jwks;
      this.override.jwks = undefined;
      if (override) return reply(override[0], undefined, override[1]);
      const keys = this.published.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: 'RS256', use: 'sig' }));
      return reply(200, { keys });
    }
    if (req.method === 'POST' && req.url === '/oauth2/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      this.tokenRequests.push({ contentType: req.headers['content-type'], form });
      const override = this.override.token;
      this.override.token = undefined;
      if (override) return reply(override[0], undefined, override[1]);
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return reply(400, { error: 'invalid_request' });
      if (form.get('grant_type') !== 'authorization_code') return reply(400, { error: 'unsupported_grant_type' });
      if (form.get('client_id') !== CLIENT_ID || form.has('client_secret')) return reply(400, { error: 'invalid_client' });
      const pending = this.codes.get(form.get('code') ?? '');
      // Codes are single-use, also when the exchange fails (as in Cognito).
      this.codes.delete(form.get('code') ?? '');
      if (!pending || pending.redirectUri !== form.get('redirect_uri')) return reply(400, { error: 'invalid_grant' });
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== pending.challenge) return reply(400, { error: 'invalid_grant' });
      return reply(200, { id_token: pending.idToken, access_token: 'access.token.value', refresh_token: 'refresh', token_type: 'Bearer', expires_in: 3600 });
    }
    reply(404, { error: 'not_found' });
  }
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: SigningKey): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

const fake = new FakeCognito();
let key1: SigningKey;
let key2: SigningKey;
let clock: Date;
let signIn: OidcSignIn;
/** Everything a sign-in attempt sent or received that must never appear in an error. */
let secrets: string[];

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(clock.getTime() / 1000);
  return {
    sub: SUB,
    email: EMAIL,
    email_verified: true,
    iss: fake.issuer,
    aud: CLIENT_ID,
    token_use: 'id',
    auth_time: iat,
    iat,
    exp: iat + 3600,
    ...overrides,
  };
}

/** Registers a code at the fake for this token and signs in with it (PKCE as the pages do it). */
function attempt(idToken: string, tweak: { verifier?: string; code?: string; redirectUri?: string } = {}) {
  const code = randomBytes(16).toString('hex');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  fake.codes.set(code, { challenge, redirectUri: REDIRECT_URI, idToken });
  secrets.push(code, verifier, ...idToken.split('.').filter((p) => p.length > 0));
  return signIn.completeSignIn({
    code: tweak.code ?? code,
    codeVerifier: tweak.verifier ?? verifier,
    redirectUri: tweak.redirectUri ?? REDIRECT_URI,
  });
}

const signed = (overrides: Record<string, unknown> = {}, key = key1) => signJwt({ alg: 'RS256', kid: key.kid }, claims(overrides), key);

/** The attempt fails with UnauthorizedError whose message matches, and no error in the chain leaks. */
async function expectRejected(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect((error as Error).message).toMatch(message);
  const chain: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(`${e.message} ${e.stack ?? ''}`);
  const text = chain.join('\n');
  for (const secret of [...secrets, EMAIL, SUB]) expect(text).not.toContain(secret);
}

beforeAll(async () => {
  key1 = rsaKey('key-one');
  key2 = rsaKey('key-two');
  await fake.start();
});
afterAll(() => fake.stop());

beforeEach(() => {
  clock = START;
  secrets = [];
  fake.published = [key1];
  fake.jwksRequests = 0;
  fake.tokenRequests = [];
  fake.override = {};
  fake.codes.clear();
  signIn = makeCognitoSignIn({ domainUrl: `${fake.url}/`, clientId: CLIENT_ID, issuer: fake.issuer, now: () => clock });
});

describe('makeCognitoSignIn: URLs', () => {
  it('builds the authorize URL with PKCE S256 and every parameter encoded', () => {
    const url = new URL(signIn.authorizeUrl({ state: 'st&te=1/+', codeChallenge: 'E9Melhoa2Own_vXZ-Fzk', redirectUri: REDIRECT_URI }));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email',
      state: 'st&te=1/+',
      code_challenge: 'E9Melhoa2Own_vXZ-Fzk',
      code_challenge_method: 'S256',
    });
    // The redirect URI's own query must not leak into the authorize query.
    expect(url.search).not.toContain('?lang=nb');
    expect(url.search).not.toContain('&te=1');
  });

  it('builds the logout URL that returns to the given page', () => {
    const url = new URL(signIn.logoutUrl('https://secretariat.example/secretariat?signed-out=1&lang=en'));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: 'https://secretariat.example/secretariat?signed-out=1&lang=en',
    });
  });
});

describe('makeCognitoSignIn: completeSignIn', () => {
  it('exchanges the code with PKCE and returns the verified user; the JWKS is fetched once', async () => {
    expect(await attempt(signed())).toEqual({ sub: SUB, email: EMAIL });
    expect(await attempt(signed({ email: undefined }))).toEqual({ sub: SUB });
    expect(fake.jwksRequests).toBe(1);
    const [request] = fake.tokenRequests;
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect([...(request?.form.keys() ?? [])].sort()).toEqual(['client_id', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
  });

  it('accepts a token just past expiry within the 60 s clock skew, and rejects one beyond it', async () => {
    const now = Math.floor(clock.getTime() / 1000);
    expect(await attempt(signed({ iat: now - 3630, exp: now - 30 }))).toEqual({ sub: SUB, email: EMAIL });
    await expectRejected(attempt(signed({ iat: now - 3700, exp: now - 100 })), /^ID token has expired$/);
  });

  it.each([
    ['another audience', { aud: 'some-other-client' }, /^ID token audience mismatch$/],
    ['an audience list', { aud: [CLIENT_ID, 'other'] }, /^ID token audience mismatch$/],
    ['another issuer', { iss: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Other' }, /^ID token issuer mismatch$/],
    ['an access token', { token_use: 'access' }, /^ID token token_use is not id$/],
    ['no expiry', { exp: undefined }, /^ID token has no expiry$/],
    ['an issue time in the future', { iat: Math.floor(START.getTime() / 1000) + 300 }, /^ID token is issued in the future$/],
    ['not valid yet', { nbf: Math.floor(START.getTime() / 1000) + 300 }, /^ID token is not valid yet$/],
    ['an empty subject', { sub: '' }, /^ID token has no subject$/],
    ['no subject', { sub: undefined }, /^ID token has no subject$/],
  ])('rejects a correctly signed token with %s', async (_name, overrides, message) => {
    await expectRejected(attempt(signed(overrides)), message);
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = signed().split('.');
    const forged = `${header}.${b64url(claims({ sub: 'someone-else' }))}.${signature}`;
    await expectRejected(attempt(forged), /^ID token signature is invalid$/);
  });

  it('rejects a token signed by a key that is not the pool key but claims its kid', async () => {
    const impostor = rsaKey(key1.kid);
    await expectRejected(attempt(signed({}, impostor)), /^ID token signature is invalid$/);
  });

  it('rejects alg none and HS256 keyed with the public key', async () => {
    const none = `${b64url({ alg: 'none', kid: key1.kid })}.${b64url(claims())}.`;
    await expectRejected(attempt(none), /^ID token is not a signed JWT$/);
    const noneWithSignature = `${b64url({ alg: 'none', kid: key1.kid })}.${b64url(claims())}.AAAA`;
    await expectRejected(attempt(noneWithSignature), /^ID token algorithm is not RS256$/);
    const input = `${b64url({ alg: 'HS256', kid: key1.kid })}.${b64url(claims())}`;
    const pem = key1.publicKey.export({ type: 'spki', format: 'pem' });
    const hs256 = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    await expectRejected(attempt(hs256), /^ID token algorithm is not RS256$/);
  });

  it('rejects a token without a kid and a token that is not a JWT', async () => {
    await expectRejected(attempt(signJwt({ alg: 'RS256' }, claims(), key1)), /^ID token has no key id$/);
    await expectRejected(attempt('not-a-jwt'), /^ID token is not a signed JWT$/);
    await expectRejected(attempt(`${b64url('text')}.${b64url(claims())}.AAAA`), /^ID token header is not a JSON object$/);
  });

  it('follows a key rotation with one JWKS refetch; a still unknown kid fails without hammering the JWKS', async () => {
    expect(await attempt(signed())).toEqual({ sub: SUB, email: EMAIL });
    expect(fake.jwksRequests).toBe(1);

    fake.published = [key2];
    clock = new Date(START.getTime() + 5 * 60_000);
    expect(await attempt(signed({}, key2))).toEqual({ sub: SUB, email: EMAIL });
    expect(fake.jwksRequests).toBe(2);

    // Right after a refetch an unknown kid is not worth another one.
    await expectRejected(attempt(signed({}, rsaKey('key-three'))), /^ID token key id is not in the JWKS$/);
    expect(fake.jwksRequests).toBe(2);

    // Later, an unknown kid refetches exactly once and still fails.
    clock = new Date(clock.getTime() + 2 * 60_000);
    await expectRejected(attempt(signed({}, rsaKey('key-four'))), /^ID token key id is not in the JWKS$/);
    expect(fake.jwksRequests).toBe(3);
    // The rotated-out key is gone.
    await expectRejected(attempt(signed({}, key1)), /^ID token key id is not in the JWKS$/);
    expect(fake.jwksRequests).toBe(3);
  });

  it('does not cache a failed JWKS request: the next sign-in fetches it again', async () => {
    fake.override.jwks = [503, '<html>unavailable</html>'];
    await expectRejected(attempt(signed()), /^JWKS endpoint answered HTTP 503$/);
    fake.override.jwks = [200, '{"keys":"none"}'];
    await expectRejected(attempt(signed()), /^JWKS response has no keys$/);
    expect(await attempt(signed())).toEqual({ sub: SUB, email: EMAIL });
    expect(fake.jwksRequests).toBe(3);
  });

  it('turns token endpoint refusals into UnauthorizedError without the code or the verifier', async () => {
    await expectRejected(attempt(signed(), { verifier: randomBytes(32).toString('base64url') }), /^Token endpoint answered HTTP 400 \(invalid_grant\)$/);
    await expectRejected(attempt(signed(), { code: 'unknown-code-123' }), /^Token endpoint answered HTTP 400 \(invalid_grant\)$/);
    await expectRejected(attempt(signed(), { redirectUri: 'https://evil.example/cb' }), /^Token endpoint answered HTTP 400 \(invalid_grant\)$/);
    expect(fake.jwksRequests).toBe(0);
  });

  it('turns malformed token responses into UnauthorizedError without quoting them', async () => {
    fake.override.token = [500, `<html>${EMAIL}</html>`];
    await expectRejected(attempt(signed()), /^Token endpoint answered HTTP 500$/);
    fake.override.token = [400, JSON.stringify({ error: `bad ${EMAIL}` })];
    await expectRejected(attempt(signed()), /^Token endpoint answered HTTP 400$/);
    const token = signed();
    fake.override.token = [200, `{"id_token":"${token}"`];
    await expectRejected(attempt(token), /^Token endpoint response is not JSON$/);
    fake.override.token = [200, JSON.stringify({ access_token: 'a.b.c' })];
    await expectRejected(attempt(signed()), /^Token response has no ID token$/);
  });

  it('fails with UnauthorizedError when Cognito cannot be reached, and sends a timeout signal', async () => {
    const signals: unknown[] = [];
    const unreachable = makeCognitoSignIn({
      domainUrl: 'http://127.0.0.1:1',
      clientId: CLIENT_ID,
      issuer: fake.issuer,
      fetch: (input, init) => {
        signals.push(init?.signal);
        return fetch(input, init);
      },
    });
    const error = await unreachable
      .completeSignIn({ code: 'the-code', codeVerifier: 'the-verifier', redirectUri: REDIRECT_URI })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe('Token endpoint request failed');
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
  });
});
