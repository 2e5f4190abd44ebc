import type { Language } from '../../kernel/ids';
import { html } from '../../email/html';
import { type MessageKey, t } from '../../i18n';
import { PAGE_CSRF_FIELD } from '../kit/page-csrf';
import { errorSummary, hiddenInputs, type PageFieldError } from '../kit/widgets';
import { renderDocument } from '../kit/layout';
import { paths } from '../../config/routes';

/**
 * The local runtime's sign-in page (GET/POST /sekretariat/innlogging when SECRETARIAT_LOGIN is
 * `local`): one password field, the README says where the password is. In AWS the same route
 * sends the browser to Cognito's hosted UI instead and this page is never shown.
 */
export const PASSWORD_FIELD = 'password';
export const NEXT_FIELD = 'next';
const PASSWORD_ID = 'f-password';

export function localSignInPage(input: {
  lang: Language;
  csrf: string;
  next: string;
  errors: readonly PageFieldError[];
}): string {
  const { lang } = input;
  const heading = t(lang, 'secretariat.signIn.heading');
  const error = input.errors[0];
  const summary = errorSummary(
    t(lang, 'secretariat.signIn.errorsHeading'),
    input.errors.map((e) => ({ href: `#${PASSWORD_ID}`, text: e.text })),
  );
  const describedBy = [`${PASSWORD_ID}-hint`, ...(error ? [`${PASSWORD_ID}-error`] : [])].join(' ');
  const main = html`${summary}
<h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${t(lang, 'secretariat.signIn.localIntro')}</p>
<form method="post" action="${paths.secretariatSignIn()}" class="app-form" novalidate>
${hiddenInputs({ [PAGE_CSRF_FIELD]: input.csrf, [NEXT_FIELD]: input.next })}
<div class="ds-field">
<label class="ds-label" for="${PASSWORD_ID}">${t(lang, 'secretariat.signIn.password')}</label>
<p class="ds-paragraph" data-field="description" id="${PASSWORD_ID}-hint">${t(lang, 'secretariat.signIn.passwordHint')}</p>
${error ? html`<p class="ds-validation-message" data-field="validation" id="${PASSWORD_ID}-error">${error.text}</p>` : ''}
<input class="ds-input" type="password" id="${PASSWORD_ID}" name="${PASSWORD_FIELD}" autocomplete="current-password" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>
</div>
<button class="ds-button" data-variant="primary" type="submit" id="sign-in">${t(lang, 'secretariat.signIn.submit')}</button>
</form>`;
  return renderDocument({ lang, title: heading, main });
}

/** Signed out, or a sign-in that did not complete: what happened and the way back in. */
export function signInNoticePage(
  lang: Language,
  keys: { heading: MessageKey; body: MessageKey },
  color: 'info' | 'warning' | 'success',
): string {
  const heading = t(lang, keys.heading);
  const main = html`<div class="ds-alert" data-color="${color}"><h1 class="ds-heading" data-size="lg">${heading}</h1>
<p class="ds-paragraph">${t(lang, keys.body)}</p></div>
<p class="ds-paragraph"><a class="ds-link" href="${paths.secretariatSignIn()}" id="sign-in-again">${t(lang, 'secretariat.signIn.again')}</a></p>`;
  return renderDocument({ lang, title: heading, main });
}
