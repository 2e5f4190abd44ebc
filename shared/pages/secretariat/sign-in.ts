import type { Language } from '../../kernel/ids';
import { UnauthorizedError } from '../../errors';
import { t } from '../../i18n';
import type { IdGenerator } from '../../ports/ids';
import type { OidcSignIn } from '../../ports/secretariat-sign-in';
import { constantTimeEqual, originAllowed } from '../kit/csrf';
import type { PostedForm } from '../form/application-fields';
import type { PageResult } from '../kit/page-result';
import { formGuard, guardMatches, PAGE_CSRF_FIELD, type PageCsrfDeps } from '../kit/page-csrf';
import { paths } from '../../config/routes';
import { makeLinks } from '../../ports/links';
import { SECRETARIAT_CSRF_FIELD } from './chrome';
import {
  clearLoginCookie,
  clearSessionCookie,
  issueLoginAttempt,
  issueSession,
  readLoginAttempt,
  readSession,
  revokeSession,
  safeNextPath,
  type SessionDeps,
  sessionCsrfMatches,
} from './session';
import { localSignInPage, NEXT_FIELD, PASSWORD_FIELD, signInNoticePage } from './sign-in-page';

/**
 * Signing the secretariat in and out: in AWS through a Cognito user pool, locally with a
 * password (README "Web pages"). Which method applies is deployment configuration
 * (SECRETARIAT_LOGIN): CDK sets `cognito`; only the local runtime sets `local`.
 *   cognito: GET /sekretariat/innlogging → 302 to the hosted UI (code flow, PKCE S256, state in
 *            a signed 10-minute cookie) → GET /sekretariat/innlogging/ferdig verifies state,
 *            exchanges the code, verifies the ID token (adapter) → session cookie, 303 on.
 *   local:   GET shows a password form; POST checks it (constant time) → session cookie.
 * POST /sekretariat/utlogging ends the session (and Cognito's), GET shows "signed out".
 */
export type SignInMethod = { kind: 'cognito'; oidc: OidcSignIn } | { kind: 'local'; password: string };

/** The local login's user: one shared secretariat account, recorded as such in the audit trail. */
export const LOCAL_USER = { sub: 'lokal-sekretariat' } as const;

export interface SignInDeps extends SessionDeps, PageCsrfDeps {
  method: SignInMethod;
  /** The public base URL: the redirect URIs registered with the provider are built from it. */
  baseUrl: string;
  allowedOrigin: string;
  ids: IdGenerator;
  /** BASE64URL(SHA-256(text)): the PKCE code challenge. */
  sha256Base64Url: (text: string) => string;
}

const redirect = (location: string, cookies: string[] = [], status = 303): PageResult => ({ status, body: '', cookies, location });
const page = (status: number, body: string, cookies: string[] = []): PageResult => ({ status, body, cookies });

function failed(lang: Language, status: number): PageResult {
  const body = signInNoticePage(lang, { heading: 'secretariat.signIn.failed.heading', body: 'secretariat.signIn.failed.body' }, 'warning');
  return page(status, body, [clearLoginCookie()]);
}

async function localForm(deps: SignInDeps, lang: Language, next: string, cookieNonce: string | undefined, error?: string, status = 200) {
  const guard = await formGuard(deps, 'secretariat-sign-in', cookieNonce);
  const errors = error === undefined ? [] : [{ field: PASSWORD_FIELD, text: error }];
  return page(status, localSignInPage({ lang, csrf: guard.token, next, errors }), guard.cookies);
}

/** GET /sekretariat/innlogging[?next=]. Changes nothing but the sign-in attempt cookie. */
export async function showSignIn(
  deps: SignInDeps,
  input: { lang: Language; next: string | undefined; sessionCookie: string | undefined; cookieNonce: string | undefined },
): Promise<PageResult> {
  const next = safeNextPath(input.next);
  if (await readSession(deps, input.sessionCookie)) return redirect(next);
  if (deps.method.kind === 'local') return localForm(deps, input.lang, next, input.cookieNonce);
  const state = deps.ids.newToken();
  const verifier = deps.ids.newToken();
  const location = deps.method.oidc.authorizeUrl({
    state,
    codeChallenge: deps.sha256Base64Url(verifier),
    redirectUri: makeLinks(deps.baseUrl).secretariatSignInDone(),
  });
  return redirect(location, [await issueLoginAttempt(deps, { state, verifier, next })], 302);
}

/** Equal-length HMACs, so the comparison takes the same time however much of a guess matches. */
async function passwordMatches(deps: SignInDeps, expected: string, given: string): Promise<boolean> {
  const key = await deps.secrets.getActionKey();
  const mac = (text: string) => deps.hmacSha256Hex(key, `secretariat-password:v1:${text}`);
  return given.length > 0 && given.length <= 1024 && constantTimeEqual(mac(expected), mac(given));
}

/** POST /sekretariat/innlogging (local method only): 303 on; 400 empty; 401 wrong password; 403 CSRF. */
export async function postLocalSignIn(
  deps: SignInDeps,
  input: { lang: Language; form: PostedForm; cookieNonce: string | undefined; origin: string | undefined },
): Promise<PageResult> {
  const { lang, form } = input;
  const next = safeNextPath(form.get(NEXT_FIELD));
  if (deps.method.kind !== 'local') return redirect(paths.secretariatSignIn());
  const ok = await guardMatches(deps, 'secretariat-sign-in', {
    cookieNonce: input.cookieNonce,
    token: form.get(PAGE_CSRF_FIELD),
    origin: input.origin,
  });
  if (!ok) return localForm(deps, lang, next, input.cookieNonce, t(lang, 'pages.form.errors.expired'), 403);
  const given = form.get(PASSWORD_FIELD) ?? '';
  if (given === '') return localForm(deps, lang, next, input.cookieNonce, t(lang, 'secretariat.signIn.errors.empty'), 400);
  if (!(await passwordMatches(deps, deps.method.password, given))) {
    return localForm(deps, lang, next, input.cookieNonce, t(lang, 'secretariat.signIn.errors.wrong'), 401);
  }
  return redirect(next, [await issueSession(deps, LOCAL_USER)]);
}

/** GET /sekretariat/innlogging/ferdig?code=&state= (Cognito's redirect back). */
export async function completeSignIn(
  deps: SignInDeps,
  input: { lang: Language; query: Readonly<Record<string, string | undefined>>; loginCookie: string | undefined },
): Promise<PageResult> {
  const { lang, query } = input;
  if (deps.method.kind !== 'cognito') return redirect(paths.secretariatSignIn());
  const attempt = await readLoginAttempt(deps, input.loginCookie);
  const state = query.state ?? '';
  if (!attempt || !constantTimeEqual(attempt.state, state)) return failed(lang, 400);
  const code = query.code;
  // `error` (e.g. access_denied) when the user cancelled at the provider.
  if (query.error !== undefined || code === undefined || !/^[A-Za-z0-9_.~-]{1,2048}$/.test(code)) return failed(lang, 401);
  try {
    const user = await deps.method.oidc.completeSignIn({
      code,
      codeVerifier: attempt.verifier,
      redirectUri: makeLinks(deps.baseUrl).secretariatSignInDone(),
    });
    return redirect(safeNextPath(attempt.next), [await issueSession(deps, user), clearLoginCookie()]);
  } catch (error) {
    if (error instanceof UnauthorizedError) return failed(lang, 401);
    throw error;
  }
}

/**
 * POST /sekretariat/utlogging with the session's CSRF token: ends the session server-side
 * (the old cookie is refused from then on, not only cleared in this browser) and, with
 * Cognito, ends the hosted UI's session too (it returns to GET /sekretariat/utlogging).
 * A post without a valid session or token changes nothing.
 */
export async function signOut(
  deps: SignInDeps,
  input: { lang: Language; form: PostedForm; sessionCookie: string | undefined; origin: string | undefined },
): Promise<PageResult> {
  const session = await readSession(deps, input.sessionCookie);
  if (!session) return redirect(paths.secretariatSignOut());
  // A forged post (no token) must not sign anyone out: back to the pages, still signed in.
  if (!originAllowed(input.origin, deps.allowedOrigin) || !(await sessionCsrfMatches(deps, session, input.form.get(SECRETARIAT_CSRF_FIELD)))) {
    return redirect(paths.secretariat());
  }
  await revokeSession(deps, session);
  const after = makeLinks(deps.baseUrl).secretariatSignOut();
  const location = deps.method.kind === 'cognito' ? deps.method.oidc.logoutUrl(after) : paths.secretariatSignOut();
  return redirect(location, [clearSessionCookie()]);
}

/** GET /sekretariat/utlogging: the signed-out page. */
export function signedOutPage(lang: Language): PageResult {
  return page(200, signInNoticePage(lang, { heading: 'secretariat.signOut.heading', body: 'secretariat.signOut.body' }, 'info'));
}
