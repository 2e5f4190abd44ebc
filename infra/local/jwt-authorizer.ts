/**
 * The JWT authorizer of a local HTTP API route, as API Gateway runs it (docs: "Controlling
 * access to HTTP APIs with JWT authorizers in API Gateway"): the token from the identity
 * source, its RS256 signature against the issuer's JWKS, `iss`, `aud` or `client_id`, `exp`,
 * `nbf`, `iat` and, when the route names scopes, the `scope`/`scp` claim. On success the claims
 * go to the function as payload format 2.0 puts them: `requestContext.authorizer.jwt`.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** AWS::ApiGatewayV2::Authorizer of type JWT, resolved, plus the route's AuthorizationScopes. */
export interface JwtAuthorizerConfig {
  issuer: string;
  audience: readonly string[];
  /** E.g. ["$request.header.Authorization"]. */
  identitySource: readonly string[];
  /** The route's AuthorizationScopes; empty: any valid token. */
  scopes: readonly string[];
}

/** A JWKS document ({ keys: [...] }) for an issuer. */
export type JwksSource = (issuer: string) => Promise<unknown>;

/** What payload format 2.0 puts under requestContext.authorizer. */
export interface JwtAuthorization {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

export type AuthorizerOutcome =
  | { ok: true; authorizer: JwtAuthorization }
  | { ok: false; statusCode: 401 | 403; message: 'Unauthorized' | 'Forbidden' };

const UNAUTHORIZED = { ok: false, statusCode: 401, message: 'Unauthorized' } as const;
const FORBIDDEN = { ok: false, statusCode: 403, message: 'Forbidden' } as const;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The JWKS of an issuer's well-known address: what API Gateway fetches. */
export const fetchJwks: JwksSource = async (issuer) => {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`JWKS of ${issuer} answered HTTP ${response.status}`);
  return response.json();
};

/**
 * Checks one request. `headers` are lower-cased (the event's), `nowSeconds` the gateway's clock.
 * Any failure is the gateway's own 401 (403 for a valid token without a required scope); the
 * reason is never told to the client.
 */
export async function authorize(
  config: JwtAuthorizerConfig,
  headers: Readonly<Record<string, string | undefined>>,
  jwks: JwksSource,
  nowSeconds: number,
): Promise<AuthorizerOutcome> {
  const token = identityToken(config.identitySource, headers);
  if (token === undefined) return UNAUTHORIZED;
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature || !parts.every((p) => BASE64URL.test(p))) return UNAUTHORIZED;
  const head = decode(header);
  const claims = decode(payload);
  // RS256 only, whatever the token asks for (Cognito signs with RS256; no `none`, no HMAC).
  if (!head || !claims || head.alg !== 'RS256' || typeof head.kid !== 'string') return UNAUTHORIZED;
  if (claims.iss !== config.issuer) return UNAUTHORIZED;
  let key: KeyObject | undefined;
  try {
    key = keyFor(await jwks(config.issuer), head.kid);
  } catch {
    return UNAUTHORIZED;
  }
  if (!key || !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) {
    return UNAUTHORIZED;
  }
  if (!audienceMatches(claims, config.audience) || !timesValid(claims, nowSeconds)) return UNAUTHORIZED;
  const granted = grantedScopes(claims);
  if (config.scopes.length > 0 && !config.scopes.some((scope) => granted?.includes(scope))) return FORBIDDEN;
  return { ok: true, authorizer: { jwt: { claims: stringClaims(claims), scopes: granted } } };
}

/** The identity source's value; an `Authorization` header may carry a "Bearer " prefix. */
function identityToken(sources: readonly string[], headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const [source] = sources;
  const name = /^\$request\.header\.(.+)$/.exec(source ?? '')?.[1];
  if (name === undefined) return undefined;
  const value = headers[name.toLowerCase()]?.trim();
  if (value === undefined || value === '') return undefined;
  const token = /^Bearer\s+(.+)$/i.exec(value)?.[1] ?? value;
  return token.length <= 16_384 ? token : undefined;
}

/** Access tokens name the client in `client_id`, ID tokens in `aud`. */
function audienceMatches(claims: Record<string, unknown>, audience: readonly string[]): boolean {
  const aud = claims.aud ?? claims.client_id;
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((value) => typeof value === 'string' && audience.includes(value));
}

function timesValid(claims: Record<string, unknown>, now: number): boolean {
  if (typeof claims.exp !== 'number' || claims.exp <= now) return false;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return false;
  return claims.iat === undefined || (typeof claims.iat === 'number' && claims.iat <= now);
}

function grantedScopes(claims: Record<string, unknown>): string[] | null {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return null;
}

/** Payload 2.0 hands claims over as strings; an array reads "[a b]". */
function stringClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    out[name] = Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function keyFor(document: unknown, kid: string): KeyObject | undefined {
  const keys = isRecord(document) && Array.isArray(document.keys) ? document.keys : [];
  const jwk = keys.find((k): k is Record<string, unknown> => isRecord(k) && k.kid === kid && k.kty === 'RSA');
  if (jwk === undefined || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return undefined;
  return createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
