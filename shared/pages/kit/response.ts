import type { Language } from '../../kernel/ids';
import { LANGUAGE_COOKIE } from '../../http/language';

/**
 * An HTML response as the HTTP API (payload 2.0) expects it, built without AWS types so the
 * pages stay in shared/. The headers are the same for every page: the action pages carry
 * the token in their URL, so no referrer may leak it, nothing may be cached, and nothing may
 * frame the page or post it elsewhere.
 */
export interface PageResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  cookies?: string[];
}

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    // img-src data: for Designsystemet's icons (inline SVG data URLs in its stylesheet).
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** One year: an explicit language choice is remembered on later visits. */
const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function languageCookie(lang: Language): string {
  return `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=${LANGUAGE_COOKIE_MAX_AGE}; SameSite=Lax; Secure; HttpOnly`;
}

export interface PageResponseOptions {
  /** Set when the user chose a language with ?lang=, so later pages keep it. */
  rememberLanguage?: Language | undefined;
}

export function pageResponse(
  statusCode: number,
  body: string,
  lang: Language,
  options: PageResponseOptions = {},
): PageResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-language': lang,
      ...PAGE_SECURITY_HEADERS,
    },
    body,
    ...(options.rememberLanguage === undefined ? {} : { cookies: [languageCookie(options.rememberLanguage)] }),
  };
}
