import { pickLanguage } from '../shared/pages/language';
import { type FormPageDeps, showApplicationForm } from '../shared/pages/form/flows';
import { FORM_NONCE_COOKIE } from '../shared/pages/form/page-csrf';
import { toPageResponse } from '../shared/pages/form/page-result';
import { applicantPageDeps } from './adapters/wiring';
import { cookies } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { htmlPage, remember } from './show-action';

/** GET / → the application form (issue 5). Changes nothing; sets the form nonce cookie if missing. */
export function makeHandler(deps: Deps<FormPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-form', async (event, signals) => {
    const lang = pickLanguage(signals);
    const result = await showApplicationForm(get(), { lang, cookieNonce: cookies(event)[FORM_NONCE_COOKIE] });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(applicantPageDeps);
