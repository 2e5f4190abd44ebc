import { z } from 'zod';
import { paths } from '../../config/routes';
import type { Clock } from '../../ports/clock';
import type { SecretsPort } from '../../ports/secrets';
import type { SessionRevocations } from '../../ports/session-revocations';
import type { SignedInUser } from '../../ports/secretariat-sign-in';
import { constantTimeEqual, type HmacSha256Hex } from '../kit/csrf';

/**
 * The secretariat's signed-in session: a cookie holding who signed in and until when, signed
 * with HMAC(action key). Stateless like the other page guards, except that signing out records
 * the session as ended (SessionRevocations) so the old cookie is refused at once; it is set
 * only after a verified sign-in (Cognito ID token, or the local runtime's password) and is
 * scoped to /sekretariat, HttpOnly, Secure and SameSite=Lax, so a cross-site form can neither
 * read it nor send it with a POST.
 *
 * A session lasts one working day. Disabling a user in Cognito takes effect at their next
 * sign-in (at most SESSION_SECONDS later); signing out ends the session server-side at once.
 */
export const SESSION_COOKIE = 'secretariat_session';
export const SESSION_SECONDS = 8 * 60 * 60;
/** The sign-in attempt (state + PKCE verifier) lives as long as a person needs to sign in. */
export const LOGIN_COOKIE = 'secretariat_login';
export const LOGIN_SECONDS = 10 * 60;

const SESSION_PURPOSE = 'secretariat-session:v1:';
const LOGIN_PURPOSE = 'secretariat-login:v1:';
const FORM_PURPOSE = 'secretariat-form:v1:';
const REVOKED_PURPOSE = 'secretariat-revoked:v1:';

export interface SessionDeps {
  secrets: SecretsPort;
  revokedSessions: SessionRevocations;
  hmacSha256Hex: HmacSha256Hex;
  clock: Clock;
}

export interface SecretariatSession {
  sub: string;
  email?: string;
  /** Expiry, epoch seconds. */
  exp: number;
  /** The cookie's signature: binds the pages' CSRF tokens to this session. */
  mac: string;
}

const SessionPayloadSchema = z.strictObject({
  sub: z.string().min(1).max(128),
  email: z.string().max(254).optional(),
  exp: z.number().int().positive(),
});

const LoginPayloadSchema = z.strictObject({
  state: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  verifier: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/),
  /** Where to return after sign-in (a path under /sekretariat). */
  next: z.string().max(512).optional(),
  exp: z.number().int().positive(),
});
export type LoginAttempt = z.infer<typeof LoginPayloadSchema>;

const cookie = (name: string, value: string, maxAge: number) =>
  `${name}=${value}; Path=${paths.secretariat()}; Max-Age=${maxAge}; SameSite=Lax; Secure; HttpOnly`;

const nowSeconds = (clock: Clock) => Math.floor(clock.now().getTime() / 1000);

async function sign(deps: SessionDeps, purpose: string, payload: object): Promise<{ value: string; mac: string }> {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const mac = deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${purpose}${encoded}`);
  return { value: `${encoded}.${mac}`, mac };
}

async function verify(deps: SessionDeps, purpose: string, value: string | undefined): Promise<{ json: unknown; mac: string } | undefined> {
  if (value === undefined || value.length > 4096) return undefined;
  const [encoded, mac, ...rest] = value.split('.');
  if (encoded === undefined || mac === undefined || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  const expected = deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${purpose}${encoded}`);
  if (!constantTimeEqual(expected, mac)) return undefined;
  try {
    return { json: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')), mac };
  } catch {
    return undefined;
  }
}

/** The Set-Cookie value that starts a session for a verified user. */
export async function issueSession(deps: SessionDeps, user: SignedInUser): Promise<string> {
  const payload = { sub: user.sub, ...(user.email === undefined ? {} : { email: user.email }), exp: nowSeconds(deps.clock) + SESSION_SECONDS };
  const { value } = await sign(deps, SESSION_PURPOSE, payload);
  return cookie(SESSION_COOKIE, value, SESSION_SECONDS);
}

/**
 * The id a revocation is stored under: derived from the cookie's signature with the key, so
 * the stored record cannot be turned back into a working cookie.
 */
async function revocationId(deps: SessionDeps, session: SecretariatSession): Promise<string> {
  return deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${REVOKED_PURPOSE}${session.mac}`);
}

/** The session in the cookie, if its signature holds, it has not expired and it was not signed out. */
export async function readSession(deps: SessionDeps, value: string | undefined): Promise<SecretariatSession | undefined> {
  const verified = await verify(deps, SESSION_PURPOSE, value);
  const parsed = SessionPayloadSchema.safeParse(verified?.json);
  const now = nowSeconds(deps.clock);
  if (!verified || !parsed.success || parsed.data.exp <= now) return undefined;
  const session = { ...parsed.data, mac: verified.mac };
  if (await deps.revokedSessions.isRevoked(await revocationId(deps, session), now)) return undefined;
  return session;
}

/** Ends the session server-side: its cookie is refused from now on, wherever it was copied to. */
export async function revokeSession(deps: SessionDeps, session: SecretariatSession): Promise<void> {
  await deps.revokedSessions.revoke(await revocationId(deps, session), session.exp);
}

export const clearSessionCookie = (): string => cookie(SESSION_COOKIE, '', 0);

export async function issueLoginAttempt(deps: SessionDeps, attempt: Omit<LoginAttempt, 'exp'>): Promise<string> {
  const { value } = await sign(deps, LOGIN_PURPOSE, { ...attempt, exp: nowSeconds(deps.clock) + LOGIN_SECONDS });
  return cookie(LOGIN_COOKIE, value, LOGIN_SECONDS);
}

export async function readLoginAttempt(deps: SessionDeps, value: string | undefined): Promise<LoginAttempt | undefined> {
  const parsed = LoginPayloadSchema.safeParse((await verify(deps, LOGIN_PURPOSE, value))?.json);
  if (!parsed.success || parsed.data.exp <= nowSeconds(deps.clock)) return undefined;
  return parsed.data;
}

export const clearLoginCookie = (): string => cookie(LOGIN_COOKIE, '', 0);

/**
 * The CSRF token of the secretariat's forms: HMAC over the session's own signature, so only
 * a page rendered for this session knows it, and it dies with the session.
 */
export async function sessionCsrf(deps: SessionDeps, session: SecretariatSession): Promise<string> {
  return deps.hmacSha256Hex(await deps.secrets.getActionKey(), `${FORM_PURPOSE}${session.mac}`);
}

export async function sessionCsrfMatches(
  deps: SessionDeps,
  session: SecretariatSession,
  candidate: string | null | undefined,
): Promise<boolean> {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 128) return false;
  return constantTimeEqual(await sessionCsrf(deps, session), candidate);
}

/** Only paths of the secretariat's own pages are followed after sign-in (no open redirect). */
const NEXT_PATH = new RegExp(`^${paths.secretariat()}(\\/[A-Za-z0-9_-]+)*\\/?(\\?[A-Za-z0-9_=&%.-]*)?$`);

export function safeNextPath(next: string | null | undefined): string {
  if (typeof next !== 'string' || next.length > 512) return paths.secretariat();
  return NEXT_PATH.test(next) ? next : paths.secretariat();
}
