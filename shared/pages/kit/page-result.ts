import type { Language } from '../../kernel/ids';
import { type PageResponse, pageResponse } from './response';

/** A rendered page and the cookies to set with it; the handler adds headers. */
export interface PageResult {
  status: number;
  body: string;
  cookies: string[];
  /** Where a 302/303 sends the browser (a path of this site, or the sign-in provider). */
  location?: string;
}

/** A page flow's result as the HTTP response: the shared page headers plus its cookies. */
export function toPageResponse(result: PageResult, lang: Language, rememberLanguage?: Language): PageResponse {
  const base = pageResponse(result.status, result.body, lang, { rememberLanguage });
  const response =
    result.location === undefined ? base : { ...base, headers: { ...base.headers, location: result.location } };
  const cookies = [...(response.cookies ?? []), ...result.cookies];
  return cookies.length === 0 ? response : { ...response, cookies };
}
