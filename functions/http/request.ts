import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError } from '../../shared/errors';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http/limits';
import type { Language } from '../../shared/kernel/ids';

/**
 * API Gateway HTTP API (payload 2.0) sends non-text bodies base64-encoded. A body over
 * MAX_REQUEST_BODY_BYTES is refused (413) before it is decoded.
 */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const size = event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body, 'utf8');
  if (size > MAX_REQUEST_BODY_BYTES) {
    throw new PayloadTooLargeError(`Body of ${size} bytes`, { messageParams: { max: MAX_REQUEST_BODY_BYTES } });
  }
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export const JSON_MEDIA_TYPE = 'application/json';
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * Refuses (415) a body that is not of the route's media type; only a `charset=utf-8`
 * parameter may follow. A cross-site page can post text/plain (or a form) without a CORS
 * preflight, so a JSON route must never read such a body as JSON, and a page form route
 * takes only what its own forms send.
 */
export function requireMediaType(event: APIGatewayProxyEventV2, expected: string): void {
  const [type = '', ...params] = (header(event, 'content-type') ?? '').split(';').map((part) => part.trim().toLowerCase());
  const paramsOk = params.every((param) => /^charset="?utf-8"?$/.test(param));
  if (type !== expected || !paramsOk) {
    throw new UnsupportedMediaTypeError(`Content-Type is not ${expected}`, { messageParams: { expected } });
  }
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Parses a JSON body (`undefined` when empty); malformed JSON is a ValidationError on the whole
 * body. Throws 415 for another media type and 413 for a body over the limit, before any parsing.
 */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  requireMediaType(event, JSON_MEDIA_TYPE);
  const text = bodyText(event);
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ValidationError([{ pointer: '', code: 'error.body.malformedJson' }]);
  }
}

/**
 * application/x-www-form-urlencoded → last value wins per field, all values available too.
 * Throws 415 for another media type and 413 for a body over the limit. Its values are always
 * well-formed Unicode (URLSearchParams decodes to USV strings), so no form field can carry an
 * unpaired surrogate; the JSON routes and the shared checks (shared/domain/text.ts) refuse them.
 */
export function formBody(event: APIGatewayProxyEventV2): URLSearchParams {
  requireMediaType(event, FORM_MEDIA_TYPE);
  return new URLSearchParams(bodyText(event));
}

export function cookies(event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = event.cookies ?? (header(event, 'cookie') ?? '').split(';');
  for (const part of raw) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      out[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie is ignored rather than failing the request.
    }
  }
  return out;
}

export function pathParam(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.pathParameters?.[name];
}

/** The input of a command on one case (POST /api/.../cases/{caseId}/<command> with a JSON body). */
export function caseCommand(
  event: APIGatewayProxyEventV2,
  lang: Language,
): { caseId: string | undefined; body: unknown; lang: Language } {
  return { caseId: pathParam(event, 'caseId'), body: jsonBody(event), lang };
}

/** The claims the HTTP API's JWT authorizer verified (payload 2.0 requestContext.authorizer.jwt). */
export function jwtClaims(event: APIGatewayProxyEventV2): Readonly<Record<string, unknown>> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } };
  const claims = context.authorizer?.jwt?.claims;
  return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
}

/**
 * Defence in depth behind the route's JWT authorizer: a request that reaches the handler
 * without verified claims naming a subject (a route deployed or run without the authorizer)
 * is refused with 401, never served.
 */
export function requireJwtClaims(event: APIGatewayProxyEventV2): Readonly<Record<string, unknown>> {
  const claims = jwtClaims(event);
  if (typeof claims?.sub !== 'string' || claims.sub === '') throw new UnauthorizedError('No verified JWT claims on the request');
  return claims;
}
