import { paths } from '../../config/routes';
import { html, type SafeHtml } from '../../email/html';
import { LANGUAGES, type Language } from '../../kernel/ids';
import { t } from '../../i18n';

/**
 * The frame of every server-rendered page: the lang attribute, a skip link, the
 * language switch and one <main>. Styles come from one self-hosted stylesheet (the CSP allows
 * style-src 'self' only); the pages work without it and without JavaScript.
 */
export const PAGE_STYLESHEET_FILE = 'app.css';
export const PAGE_STYLESHEET = paths.asset(PAGE_STYLESHEET_FILE);

export interface DocumentInput {
  lang: Language;
  /** The page's own title; the app name is appended. */
  title: string;
  main: SafeHtml;
  /** Wide pages (the secretariat's tables) get more room. */
  wide?: boolean;
}

/**
 * Language links are relative (`?lang=nn`): they reload the same page in another language
 * without repeating anything from the URL (on action pages the path holds the token).
 */
function languageSwitch(lang: Language): SafeHtml {
  const items = LANGUAGES.map((code) =>
    code === lang
      ? html`<li><a href="?lang=${code}" hreflang="${code}" lang="${code}" aria-current="true">${t(code, `pages.language.${code}`)}</a></li>`
      : html`<li><a href="?lang=${code}" hreflang="${code}" lang="${code}">${t(code, `pages.language.${code}`)}</a></li>`,
  );
  return html`<nav aria-label="${t(lang, 'pages.language.nav')}"><ul class="ds-list ds-list--unstyled app-language">${items}</ul></nav>`;
}

export function renderDocument(input: DocumentInput): string {
  const { lang } = input;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${t(lang, 'pages.documentTitle', { page: input.title })}</title>
<link rel="stylesheet" href="${PAGE_STYLESHEET}">
</head>
<body>
<a class="ds-skip-link" href="#main">${t(lang, 'pages.skipLink')}</a>
<header class="app-header">
<p class="app-name">${t(lang, 'common.appName')}</p>
${languageSwitch(lang)}
</header>
<main id="main" tabindex="-1" class="app-main"${input.wide ? html` data-width="wide"` : ''}>
${input.main}
</main>
</body>
</html>
`.value;
}
