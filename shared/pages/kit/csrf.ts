/**
 * CSRF protection for the action form (POST /handling/{token}). The form carries HMAC(action
 * key, purpose + token hash): only a page rendered by GET /handling/{token} knows it, it is
 * bound to that one link, and it needs no server-side session or storage. The purpose prefix
 * keeps it distinct from the token hash itself, which is an HMAC of the raw token under the
 * same key (raw tokens never contain ':').
 */
export const CSRF_FIELD = 'csrf';
const PURPOSE = 'handling-form:v1:';

/** Hex HMAC-SHA256(key, text); node:crypto in production (functions/adapters/crypto.ts). */
export type HmacSha256Hex = (key: string, text: string) => string;

export function csrfToken(hmac: HmacSha256Hex, actionKey: string, tokenHash: string): string {
  return hmac(actionKey, `${PURPOSE}${tokenHash}`);
}

/** Constant-time for equal lengths: the time taken does not reveal how much of a guess matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function csrfMatches(
  hmac: HmacSha256Hex,
  actionKey: string,
  tokenHash: string,
  candidate: string | null | undefined,
): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 128) return false;
  return constantTimeEqual(csrfToken(hmac, actionKey, tokenHash), candidate);
}

/**
 * Whether a post's Origin header allows it: absent, ours, or `null`, which browsers send under
 * Referrer-Policy: no-referrer (every page sets it), so it proves nothing either way.
 */
export function originAllowed(origin: string | undefined, allowedOrigin: string): boolean {
  return origin === undefined || origin === 'null' || origin === allowedOrigin;
}
