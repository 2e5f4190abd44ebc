import type { Language } from '../../kernel/ids';
import { type PageResponse, pageResponse } from './response';
import type { PageResult } from '../form/flows';

/** A page flow's result as the HTTP response: the shared page headers plus its cookies. */
export function toPageResponse(result: PageResult, lang: Language, rememberLanguage?: Language): PageResponse {
  const base = pageResponse(result.status, result.body, lang, { rememberLanguage });
  const response =
    result.location === undefined ? base : { ...base, headers: { ...base.headers, location: result.location } };
  const cookies = [...(response.cookies ?? []), ...result.cookies];
  return cookies.length === 0 ? response : { ...response, cookies };
}
