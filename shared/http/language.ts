import { DEFAULT_LANGUAGE, type Language } from '../kernel/ids';

/** Cookie that remembers a user's explicit language choice. */
export const LANGUAGE_COOKIE = 'lang';

export interface LanguageSources {
  /** `?lang=` query parameter: an explicit choice, wins over everything else. */
  query?: string | null;
  /** Raw `Cookie` header, or API Gateway v2 `event.cookies` ("name=value" entries). */
  cookie?: string | readonly string[] | null;
  /** Raw `Accept-Language` header. */
  acceptLanguage?: string | null;
}

/**
 * Maps a BCP 47 tag to a supported language. Norwegian without a written standard
 * ("no", "no-NO") and Bokmål ("nb", "nob") map to nb; Nynorsk ("nn", "nno") to nn;
 * any English variant to en.
 */
export function languageFromTag(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  switch (primary) {
    case 'nb':
    case 'no':
    case 'nob':
    case 'nor':
      return 'nb';
    case 'nn':
    case 'nno':
      return 'nn';
    case 'en':
    case 'eng':
      return 'en';
    default:
      return undefined;
  }
}

/**
 * Picks the language for a response: query, then cookie, then Accept-Language (by q-value,
 * RFC 9110 §12.5.4; ties keep header order), then nb. Unsupported or malformed values are
 * skipped, never an error.
 */
export function negotiateLanguage(sources: LanguageSources): Language {
  const fromQuery = sources.query ? languageFromTag(sources.query) : undefined;
  if (fromQuery) return fromQuery;
  const fromCookie = cookieLanguage(sources.cookie);
  if (fromCookie) return fromCookie;
  return acceptLanguage(sources.acceptLanguage) ?? DEFAULT_LANGUAGE;
}

function cookieLanguage(cookie: LanguageSources['cookie']): Language | undefined {
  if (!cookie) return undefined;
  const pairs = typeof cookie === 'string' ? cookie.split(';') : cookie.flatMap((c) => c.split(';'));
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== LANGUAGE_COOKIE) continue;
    const language = languageFromTag(pair.slice(eq + 1));
    if (language) return language;
  }
  return undefined;
}

function acceptLanguage(header: string | null | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((s) => s.trim());
      const qParam = params.find((p) => /^q=/i.test(p));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.q > 0 && range.tag !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    // "*" means any language is acceptable: the default is then the best answer.
    if (range.tag === '*') return DEFAULT_LANGUAGE;
    const language = languageFromTag(range.tag);
    if (language) return language;
  }
  return undefined;
}
