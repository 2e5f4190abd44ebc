import type { IdGenerator } from '../../ports/ids';
import type { SecretsPort } from '../../ports/secrets';
import { constantTimeEqual, type HmacSha256Hex, originAllowed } from './csrf';

/**
 * CSRF protection for the applicant's page forms (POST /, /sak/{id}/endre, /sak/{id}/trekk):
 * a signed double-submit token. The browser holds a random nonce in an HttpOnly, SameSite=Lax
 * cookie; each form carries HMAC(action key, purpose + nonce). A cross-site page can neither
 * read the cookie nor compute the HMAC, and a token for one form (one case) is useless on
 * another. No server-side session or storage is needed.
 */
export const FORM_NONCE_COOKIE = 'form_nonce';
export const PAGE_CSRF_FIELD = 'csrf';
const PREFIX = 'page-form:v1:';
const NONCE_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

export interface PageCsrfDeps {
  secrets: SecretsPort;
  hmacSha256Hex: HmacSha256Hex;
  ids: IdGenerator;
}

/** What a form is for; part of the signed text so tokens are not interchangeable. */
export type FormPurpose = 'application' | 'secretariat-sign-in' | `amend:${string}` | `withdraw:${string}`;

export function isNonce(value: string | undefined): value is string {
  return value !== undefined && NONCE_PATTERN.test(value);
}

/** Session cookie (no Max-Age): a new browser session gets a new nonce. */
export function nonceCookie(nonce: string): string {
  return `${FORM_NONCE_COOKIE}=${nonce}; Path=/; SameSite=Lax; Secure; HttpOnly`;
}

export interface FormGuard {
  /** The hidden field's value for this form. */
  token: string;
  /** Set-Cookie values to send (a new nonce when the request had none). */
  cookies: string[];
}

/** The token for a form rendered now, reusing the browser's nonce when it has a valid one. */
export async function formGuard(deps: PageCsrfDeps, purpose: FormPurpose, cookieNonce: string | undefined): Promise<FormGuard> {
  const nonce = isNonce(cookieNonce) ? cookieNonce : deps.ids.newToken();
  const token = deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${PREFIX}${purpose}:${nonce}`);
  return { token, cookies: nonce === cookieNonce ? [] : [nonceCookie(nonce)] };
}

export interface PostedGuard {
  cookieNonce: string | undefined;
  token: string | null | undefined;
  /** The request's Origin header, if any. */
  origin: string | undefined;
}

/**
 * Whether a post carries a valid token for this form from this browser, from an allowed
 * origin (originAllowed, csrf.ts).
 */
export async function guardMatches(
  deps: PageCsrfDeps & { allowedOrigin: string },
  purpose: FormPurpose,
  posted: PostedGuard,
): Promise<boolean> {
  if (!originAllowed(posted.origin, deps.allowedOrigin)) return false;
  if (!isNonce(posted.cookieNonce)) return false;
  const candidate = posted.token;
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 128) return false;
  const expected = deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${PREFIX}${purpose}:${posted.cookieNonce}`);
  return constantTimeEqual(expected, candidate);
}
