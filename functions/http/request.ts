import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../../shared/errors';
import type { Language } from '../../shared/kernel/ids';

/** API Gateway HTTP API (payload 2.0) sends non-text bodies base64-encoded. */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Parses a JSON body (`undefined` when empty); malformed JSON is a ValidationError on the whole body. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const text = bodyText(event);
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ValidationError([{ pointer: '', code: 'error.body.malformedJson' }]);
  }
}

/** application/x-www-form-urlencoded → last value wins per field, all values available too. */
export function formBody(event: APIGatewayProxyEventV2): URLSearchParams {
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
