import { ROUTES } from '../shared/config/routes';
import { FORM_NONCE_COOKIE } from '../shared/pages/kit/page-csrf';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { pickLanguage } from '../shared/pages/kit/language';
import { LOGIN_COOKIE, SESSION_COOKIE } from '../shared/pages/secretariat/session';
import {
  completeSignIn,
  postLocalSignIn,
  type SignInDeps,
  showSignIn,
  signedOutPage,
  signOut,
} from '../shared/pages/secretariat/sign-in';
import { signInDeps } from './adapters/handler-deps';
import { cookies, formBody, header } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';
import { htmlPage, remember } from './http/html-page';

/**
 * The secretariat's sign-in routes (shared/pages/secretariat/sign-in.ts):
 *   GET  /sekretariat/innlogging         hosted UI redirect (Cognito) or the password form (local)
 *   POST /sekretariat/innlogging         the local password
 *   GET  /sekretariat/innlogging/ferdig  Cognito's redirect back with the code
 *   POST /sekretariat/utlogging          sign out; GET shows "signed out"
 */
export function makeHandler(deps: Deps<SignInDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('sign-in-secretariat', async (event, signals) => {
    const lang = pickLanguage(signals);
    const jar = cookies(event);
    const query = event.queryStringParameters ?? {};
    const origin = header(event, 'origin');
    const result = await (async () => {
      switch (event.routeKey) {
        case ROUTES.secretariatSignIn.GET.key:
          return showSignIn(get(), { lang, next: query.next, sessionCookie: jar[SESSION_COOKIE], cookieNonce: jar[FORM_NONCE_COOKIE] });
        case ROUTES.secretariatSignIn.POST.key:
          return postLocalSignIn(get(), { lang, form: formBody(event), cookieNonce: jar[FORM_NONCE_COOKIE], origin });
        case ROUTES.secretariatSignInDone.GET.key:
          return completeSignIn(get(), { lang, query, loginCookie: jar[LOGIN_COOKIE] });
        case ROUTES.secretariatSignOut.POST.key:
          return signOut(get(), { lang, form: formBody(event), sessionCookie: jar[SESSION_COOKIE], origin });
        default:
          return signedOutPage(lang);
      }
    })();
    // The status only: never the code, state, cookies or who signed in.
    logger.info('secretariat sign-in route handled', { route: event.routeKey, status: result.status });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(signInDeps);
