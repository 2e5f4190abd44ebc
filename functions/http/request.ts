import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../../shared/errors';

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

/** Parses a JSON body; returns `undefined` for malformed JSON so the caller reports it. */
export function jsonBody(event: APIGatewayProxyEventV2): { ok: true; value: unknown } | { ok: false } {
  const text = bodyText(event);
  try {
    return { ok: true, value: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { ok: false };
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
