import { pickLanguage } from '../shared/pages/kit/language';
import { type FormPageDeps, showApplicationForm } from '../shared/pages/form/flows';
import { FORM_NONCE_COOKIE } from '../shared/pages/kit/page-csrf';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { applicantPageDeps } from './adapters/handler-deps';
import { cookies } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { htmlPage, remember } from './http/html-page';

/** GET / → the application form. Changes nothing; sets the form nonce cookie if missing. */
export function makeHandler(deps: Deps<FormPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-form', async (event, signals) => {
    const lang = pickLanguage(signals);
    const result = await showApplicationForm(get(), { lang, cookieNonce: cookies(event)[FORM_NONCE_COOKIE] });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(applicantPageDeps);
