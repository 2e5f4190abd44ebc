import type { Language } from '../../kernel/ids';
import { html, type SafeHtml } from '../../email/html';
import { t } from '../../i18n';
import { renderDocument } from '../kit/layout';
import { hiddenInputs } from '../kit/widgets';
import { paths } from '../../config/routes';

/**
 * The frame of the secretariat's pages: who is signed in, the sign-out button (a POST with
 * the session's CSRF token: a link would let any page sign the user out) and the navigation
 * between the two queues.
 */
export const SECRETARIAT_CSRF_FIELD = 'csrf';

/** The work queue by deadline: the overview page with its other view. */
export const SECRETARIAT_DEADLINES_PATH = `${paths.secretariat()}?view=deadline`;

export interface SignedInFrame {
  lang: Language;
  title: string;
  /** Shown as who is signed in: the e-mail address, else the user id. */
  user: string;
  csrf: string;
  current: 'status' | 'deadline' | 'case';
  /** The error summary, first in <main> so it takes focus before anything else. */
  summary?: SafeHtml | string;
  main: SafeHtml;
}

export function secretariatDocument(input: SignedInFrame): string {
  const { lang } = input;
  const link = (href: string, key: 'secretariat.nav.status' | 'secretariat.nav.deadline', current: boolean) =>
    current
      ? html`<li><a class="ds-link" href="${href}" aria-current="page">${t(lang, key)}</a></li>`
      : html`<li><a class="ds-link" href="${href}">${t(lang, key)}</a></li>`;
  const main = html`${input.summary ?? ''}<div class="app-secretariat-bar">
<nav aria-label="${t(lang, 'secretariat.nav.label')}"><ul class="ds-list ds-list--unstyled app-pager">
${link(paths.secretariat(), 'secretariat.nav.status', input.current === 'status')}
${link(SECRETARIAT_DEADLINES_PATH, 'secretariat.nav.deadline', input.current === 'deadline')}
</ul></nav>
<form method="post" action="${paths.secretariatSignOut()}" class="app-actions">
<p class="ds-paragraph" data-size="sm">${t(lang, 'secretariat.signedInAs', { user: input.user })}</p>
${hiddenInputs({ [SECRETARIAT_CSRF_FIELD]: input.csrf })}
<button class="ds-button" data-variant="tertiary" type="submit" id="sign-out">${t(lang, 'secretariat.signOut')}</button>
</form>
</div>
${input.main}`;
  return renderDocument({ lang, title: input.title, main, wide: true });
}
