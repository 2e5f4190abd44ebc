import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { UnauthorizedError } from '../../shared/errors';
import type { AuthorizeRequest, CompleteSignIn, OidcSignIn, SignedInUser } from '../../shared/ports/secretariat-sign-in';

export interface CognitoSignInOptions {
  /** Hosted UI base URL, https://<prefix>.auth.<region>.amazoncognito.com */
  domainUrl: string;
  /** The pages' app client (authorization code + PKCE, no secret). */
  clientId: string;
  /** https://cognito-idp.<region>.amazonaws.com/<userPoolId>; the JWKS is served under it. */
  issuer: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Both Cognito endpoints answer in well under a second; a hung request must not hold the page. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Tolerated difference between Cognito's clock and ours. */
const CLOCK_SKEW_SECONDS = 60;
/** A JWKS refetch for an unknown key id happens at most this often (rotation is rare). */
const JWKS_REFETCH_INTERVAL_MS = 60_000;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** OAuth error codes (RFC 6749 §5.2) are safe to log; anything else from the body is not. */
const OAUTH_ERROR_CODE = /^[a-z_]{1,64}$/;

type Claims = Record<string, unknown>;

/**
 * Cognito hosted UI sign-in (authorization code flow with PKCE, public client). The ID token
 * is verified here with node:crypto against the user pool's JWKS (RS256 only). Errors say what
 * failed but never carry the code, the tokens or claim values: they end up in logs.
 */
export function makeCognitoSignIn(options: CognitoSignInOptions): OidcSignIn {
  const domainUrl = options.domainUrl.replace(/\/+$/, '');
  const { clientId, issuer } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const keys = makeKeyCache(`${issuer}/.well-known/jwks.json`, fetchImpl, now);

  return {
    authorizeUrl(request: AuthorizeRequest): string {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: request.redirectUri,
        scope: 'openid email',
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
      });
      return `${domainUrl}/oauth2/authorize?${query}`;
    },

    async completeSignIn(request: CompleteSignIn): Promise<SignedInUser> {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        code: request.code,
        redirect_uri: request.redirectUri,
        code_verifier: request.codeVerifier,
      });
      const tokens = await fetchJson(fetchImpl, `${domainUrl}/oauth2/token`, 'Token endpoint', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
      });
      const idToken = isRecord(tokens) ? tokens.id_token : undefined;
      if (typeof idToken !== 'string') throw new UnauthorizedError('Token response has no ID token');
      const claims = await verifySignature(idToken, keys);
      return checkClaims(claims, { issuer, clientId, nowSeconds: now().getTime() / 1000 });
    },

    logoutUrl(logoutUri: string): string {
      const query = new URLSearchParams({ client_id: clientId, logout_uri: logoutUri });
      return `${domainUrl}/logout?${query}`;
    },
  };
}

async function verifySignature(token: string, keys: KeyCache): Promise<Claims> {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature || !parts.every((p) => BASE64URL.test(p))) {
    throw new UnauthorizedError('ID token is not a signed JWT');
  }
  const head = decodeJson(header, 'header');
  // Only RS256, whatever the token asks for: no `none`, no HMAC keyed with the public key.
  if (head.alg !== 'RS256') throw new UnauthorizedError('ID token algorithm is not RS256');
  if (typeof head.kid !== 'string' || head.kid === '') throw new UnauthorizedError('ID token has no key id');
  const key = await keys.get(head.kid);
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  if (!valid) throw new UnauthorizedError('ID token signature is invalid');
  return decodeJson(payload, 'payload');
}

function checkClaims(
  claims: Claims,
  expected: { issuer: string; clientId: string; nowSeconds: number },
): SignedInUser {
  const { nowSeconds } = expected;
  if (claims.iss !== expected.issuer) throw new UnauthorizedError('ID token issuer mismatch');
  if (claims.aud !== expected.clientId) throw new UnauthorizedError('ID token audience mismatch');
  // An access token from the same pool has a valid signature too; only the ID token names the user.
  if (claims.token_use !== 'id') throw new UnauthorizedError('ID token token_use is not id');
  if (typeof claims.exp !== 'number') throw new UnauthorizedError('ID token has no expiry');
  if (claims.exp + CLOCK_SKEW_SECONDS <= nowSeconds) throw new UnauthorizedError('ID token has expired');
  if (typeof claims.iat !== 'number') throw new UnauthorizedError('ID token has no issue time');
  if (claims.iat - CLOCK_SKEW_SECONDS > nowSeconds) throw new UnauthorizedError('ID token is issued in the future');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_SKEW_SECONDS > nowSeconds)) {
    throw new UnauthorizedError('ID token is not valid yet');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new UnauthorizedError('ID token has no subject');
  const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : undefined;
  return email === undefined ? { sub: claims.sub } : { sub: claims.sub, email };
}

interface KeyCache {
  get(kid: string): Promise<KeyObject>;
}

/**
 * The pool's signing keys, kept for the life of the container. An unknown key id (Cognito
 * rotated its keys) refetches the JWKS once, but not more often than JWKS_REFETCH_INTERVAL_MS,
 * so tokens with made-up key ids cannot turn into a stream of requests. Failures are not cached.
 */
function makeKeyCache(jwksUrl: string, fetchImpl: typeof fetch, now: () => Date): KeyCache {
  let cached: Promise<Map<string, KeyObject>> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;

  const load = (): Promise<Map<string, KeyObject>> => {
    fetchedAt = now().getTime();
    const loading = fetchJson(fetchImpl, jwksUrl, 'JWKS endpoint', { method: 'GET' }).then(parseJwks);
    cached = loading;
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
    return loading;
  };

  return {
    async get(kid) {
      const key = (await (cached ?? load())).get(kid);
      if (key !== undefined) return key;
      if (now().getTime() - fetchedAt >= JWKS_REFETCH_INTERVAL_MS) {
        const rotated = (await load()).get(kid);
        if (rotated !== undefined) return rotated;
      }
      throw new UnauthorizedError('ID token key id is not in the JWKS');
    },
  };
}

function parseJwks(body: unknown): Map<string, KeyObject> {
  const entries = isRecord(body) && Array.isArray(body.keys) ? body.keys : undefined;
  if (entries === undefined) throw new UnauthorizedError('JWKS response has no keys');
  const keys = new Map<string, KeyObject>();
  for (const jwk of entries) {
    if (!isRecord(jwk) || jwk.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
    if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
    if ((jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
    } catch {
      // A malformed entry does not spoil the others; a token naming it fails as an unknown kid.
    }
  }
  return keys;
}

async function fetchJson(fetchImpl: typeof fetch, url: string, what: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new UnauthorizedError(`${what} request failed`, { cause: error });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // No cause: a parse error quotes the body it could not parse.
    if (!response.ok) throw new UnauthorizedError(`${what} answered HTTP ${response.status}`);
    throw new UnauthorizedError(`${what} response is not JSON`);
  }
  if (!response.ok) {
    const code = isRecord(body) && typeof body.error === 'string' && OAUTH_ERROR_CODE.test(body.error) ? ` (${body.error})` : '';
    throw new UnauthorizedError(`${what} answered HTTP ${response.status}${code}`);
  }
  return body;
}

function decodeJson(part: string, what: string): Claims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    // No cause: the parse error would quote the token.
    throw new UnauthorizedError(`ID token ${what} is not JSON`);
  }
  if (!isRecord(value)) throw new UnauthorizedError(`ID token ${what} is not a JSON object`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
