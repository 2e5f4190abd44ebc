import type { SubmitApplicationDeps } from '../shared/use-cases/submit-application';
import { pickLanguage } from '../shared/pages/kit/language';
import { type FormPageDeps, submitApplicationForm } from '../shared/pages/form/flows';
import { FORM_NONCE_COOKIE } from '../shared/pages/kit/page-csrf';
import { toPageResponse } from '../shared/pages/kit/page-result';
import { applicantPageDeps } from './adapters/handler-deps';
import { cookies, formBody, header } from './http/request';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';
import { htmlPage, remember } from './http/html-page';

/**
 * POST / (application/x-www-form-urlencoded) → 200 receipt, 400 the form with errors, 403 on a
 * failed CSRF check, 409 when the form was already used for other content.
 */
export function makeHandler(deps: Deps<SubmitApplicationDeps & FormPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('submit-form', async (event, signals) => {
    const lang = pickLanguage(signals);
    const result = await submitApplicationForm(get(), {
      lang,
      form: formBody(event),
      cookieNonce: cookies(event)[FORM_NONCE_COOKIE],
      origin: header(event, 'origin'),
    });
    // The status only: form content is personal data.
    logger.info('application form handled', { status: result.status });
    return toPageResponse(result, lang, remember(signals).rememberLanguage);
  });
}

export const handler = makeHandler(applicantPageDeps);
