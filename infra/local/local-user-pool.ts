/**
 * A local stand-in for the secretariat's Cognito user pool as the HTTP API's JWT authorizer
 * sees it: a signing key (RS256, kept in the state directory so tokens outlive a restart), its
 * JWKS, and access tokens shaped like Cognito's (`token_use: access`, `client_id`, `scope`,
 * one hour). It signs for the issuer of the synthesized template's authorizer, so the local
 * HTTP API checks exactly what API Gateway checks.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Cognito's access tokens (infra/constructs/secretariat-auth.ts) last an hour. */
export const ACCESS_TOKEN_SECONDS = 60 * 60;

export interface AccessTokenRequest {
  issuer: string;
  clientId: string;
  sub: string;
  scopes: readonly string[];
  nowSeconds?: number;
  expiresInSeconds?: number;
}

export interface LocalUserPool {
  /** { keys: [public JWK] }, as https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json. */
  jwks(): { keys: Array<Record<string, unknown>> };
  issueAccessToken(request: AccessTokenRequest): string;
}

/** `file`: where the private key is kept (mode 600); null: a fresh key in memory. */
export function createLocalUserPool(file: string | null): LocalUserPool {
  const privateKey = loadOrCreateKey(file);
  const publicJwk = privateKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(publicJwk.n)).digest('base64url').slice(0, 16);
  const jwk = { kty: 'RSA', n: publicJwk.n, e: publicJwk.e, kid, alg: 'RS256', use: 'sig' };
  const encode = (value: object) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return {
    jwks: () => ({ keys: [{ ...jwk }] }),
    issueAccessToken(request) {
      const now = request.nowSeconds ?? Math.floor(Date.now() / 1000);
      const claims = {
        sub: request.sub,
        iss: request.issuer,
        client_id: request.clientId,
        token_use: 'access',
        scope: request.scopes.join(' '),
        auth_time: now,
        iat: now,
        exp: now + (request.expiresInSeconds ?? ACCESS_TOKEN_SECONDS),
        jti: randomUUID(),
        username: request.sub,
      };
      const signingInput = `${encode({ kid, alg: 'RS256' })}.${encode(claims)}`;
      return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
    },
  };
}

function loadOrCreateKey(file: string | null): KeyObject {
  if (file !== null && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (file !== null) writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return privateKey;
}
