import type { Language } from '../../kernel/ids';
import { languageFromTag, negotiateLanguage } from '../../http/language';

export interface PageLanguageSources {
  /** `?lang=`: an explicit choice on this request. */
  query?: string | undefined;
  /** Value of the `lang` cookie: an earlier explicit choice. */
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}

export interface PageLanguage {
  /** The language chosen explicitly (query, then cookie), if any. */
  explicit?: Language;
  /** From ?lang= only: to be remembered in the cookie. */
  fromQuery?: Language;
  /** Used when nothing better is known (no explicit choice, no recipient language). */
  fallback: Language;
}

/** Sorts the request's language signals; the page decides with `pickLanguage`. */
export function pageLanguage(sources: PageLanguageSources): PageLanguage {
  const fromQuery = sources.query ? languageFromTag(sources.query) : undefined;
  const fromCookie = sources.cookie ? languageFromTag(sources.cookie) : undefined;
  const explicit = fromQuery ?? fromCookie;
  return {
    ...(explicit === undefined ? {} : { explicit }),
    ...(fromQuery === undefined ? {} : { fromQuery }),
    fallback: negotiateLanguage({ acceptLanguage: sources.acceptLanguage ?? null }),
  };
}

/**
 * An explicit choice wins; otherwise the recipient's own language (an e-mail link is read by
 * the person it was sent to, in the language the roster gives them); otherwise the browser's.
 */
export function pickLanguage(signals: PageLanguage, recipient?: Language): Language {
  return signals.explicit ?? recipient ?? signals.fallback;
}
