import { z } from 'zod';
import type { Language } from '../kernel/ids';
import { AppError, type ErrorCode, ValidationError } from '../errors';
import { type MessageKey, t } from '../i18n';

/**
 * RFC 9457 problem details. `type` is a stable identifier under PROBLEM_TYPE_BASE, one per
 * public error code; clients branch on `type` (or the `code` extension), never on text.
 * The URIs identify problem kinds and are not promised to be dereferenceable (RFC 9457 §3.1.1
 * says consumers must not fetch them automatically). Title and detail are localized.
 */
export const PROBLEM_TYPE_BASE = 'https://beslutningsflyt.ks.no/problems/';

/** Codes visible to clients. Internal codes (config) and unknown errors collapse to `internal`. */
export const PUBLIC_PROBLEM_CODES = [
  'validation',
  'not_found',
  'conflict',
  'gone',
  'illegal_transition',
  'idempotency_conflict',
  'unauthorized',
  'unsupported_media_type',
  'payload_too_large',
  'internal',
] as const satisfies readonly (ErrorCode | 'internal')[];
export type PublicProblemCode = (typeof PUBLIC_PROBLEM_CODES)[number];

export function problemType(code: PublicProblemCode): string {
  return `${PROBLEM_TYPE_BASE}${code.replaceAll('_', '-')}`;
}

export const ProblemFieldErrorSchema = z
  .object({ pointer: z.string(), code: z.string(), message: z.string() })
  .strict();

export const ProblemDetailsSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.enum(PUBLIC_PROBLEM_CODES),
    errors: z.array(ProblemFieldErrorSchema).optional(),
  })
  .strict();
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemHeaders {
  'content-type': typeof PROBLEM_CONTENT_TYPE;
  'content-language': Language;
}

export interface ProblemResponse {
  status: number;
  headers: ProblemHeaders;
  body: ProblemDetails;
}

function isPublic(code: ErrorCode): code is Exclude<ErrorCode, 'config'> {
  return code !== 'config';
}

/**
 * Maps any thrown value to a problem response. Only AppErrors with a 4xx status are described;
 * everything else (ConfigError, programming errors, SDK errors, ZodErrors from parsing stored
 * data) becomes a generic 500 that never echoes the internal message, cause or stack.
 * Handlers turn request ZodErrors into ValidationError.fromZod first.
 */
export function toProblem(error: unknown, lang: Language, instance?: string): ProblemResponse {
  const headers: ProblemHeaders = { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': lang };
  if (!(error instanceof AppError) || error.status >= 500 || !isPublic(error.code)) {
    return { status: 500, headers, body: describe('internal', 500, 'error.internal.detail', {}) };
  }
  const body = describe(error.code, error.status, error.messageKey, error.detailParams(lang));
  if (error instanceof ValidationError) {
    body.errors = error.fieldErrors.map((fieldError) => ({
      pointer: fieldError.pointer,
      code: fieldError.code,
      message: t(lang, fieldError.code, fieldError.params),
    }));
  }
  return { status: error.status, headers, body };

  function describe(
    code: PublicProblemCode,
    status: number,
    detailKey: MessageKey,
    params: Record<string, string | number>,
  ): ProblemDetails {
    return {
      type: problemType(code),
      title: t(lang, `error.${code}.title`),
      status,
      detail: t(lang, detailKey, params),
      ...(instance === undefined ? {} : { instance }),
      code,
    };
  }
}
