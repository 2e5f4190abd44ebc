import type { z } from 'zod';
import type { CaseStatus, Language } from './kernel/ids';
import { isMessageKey, type MessageKey, type MessageParams, t } from './i18n';

/**
 * Error classes shared by the domain and the handlers. `message` is internal (English, for
 * logs) and is never shown to users; users see the localized `messageKey` (problem detail,
 * shared/http/problem.ts) under the title `error.<code>.title`. Each class sets `name`
 * explicitly so it survives bundling/minification.
 */
/** Codes a client may see (shared/http/problem.ts adds `internal` for everything else). */
export const PUBLIC_ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'gone',
  'illegal_transition',
  'idempotency_conflict',
  'unauthorized',
  'unsupported_media_type',
  'payload_too_large',
] as const;
export const ERROR_CODES = [...PUBLIC_ERROR_CODES, 'config'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** Overrides the class's default detail key (e.g. 'error.not_found.case'). */
  messageKey?: MessageKey;
  messageParams?: MessageParams;
}

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
  readonly messageKey: MessageKey;
  readonly messageParams: MessageParams;

  protected constructor(message: string, defaultKey: MessageKey, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.messageKey = options.messageKey ?? defaultKey;
    this.messageParams = options.messageParams ?? {};
  }

  /** Params for the localized detail; subclasses may localize codes (e.g. status names). */
  detailParams(_lang: Language): MessageParams {
    return this.messageParams;
  }
}

/** One invalid field: an RFC 6901 JSON pointer into the request body and a message key. */
export interface FieldError {
  pointer: string;
  code: MessageKey;
  params?: MessageParams;
}

/**
 * The one home of what every `<Reason>Error` declares: its `name`, `code`, HTTP `status` and
 * default detail key. `name` is typed `string` so subclasses (VersionConflictError,
 * TaskClosedError) can name themselves.
 */
function errorClass<const C extends ErrorCode, const S extends number>(
  name: string,
  code: C,
  status: S,
  defaultKey: MessageKey,
) {
  return class extends AppError {
    override readonly name: string = name;
    readonly code: C = code;
    readonly status: S = status;
    constructor(message: string, options: AppErrorOptions = {}) {
      super(message, defaultKey, options);
    }
  };
}

export class ValidationError extends errorClass('ValidationError', 'validation', 400, 'error.validation.detail') {
  readonly fieldErrors: readonly FieldError[];

  constructor(fieldErrors: readonly FieldError[], options: AppErrorOptions = {}) {
    super(`Validation failed: ${fieldErrors.map((e) => `${e.pointer || '/'} ${e.code}`).join(', ')}`, options);
    this.fieldErrors = fieldErrors;
  }

  /**
   * Converts zod issues into field errors. A schema's custom message is used when it is a
   * message key; otherwise the issue code maps to a generic `error.field.*` key. Pass the
   * parsed input so a missing field reads "required" rather than "wrong type".
   */
  static fromZod(error: z.ZodError, input?: unknown): ValidationError {
    return new ValidationError(
      error.issues.flatMap((issue) => fieldErrorsFromIssue(issue, input)),
      { cause: error },
    );
  }
}

export class NotFoundError extends errorClass('NotFoundError', 'not_found', 404, 'error.not_found.detail') {}

/** The request conflicts with the current state (already decided, step closed, ...). */
export class ConflictError extends errorClass('ConflictError', 'conflict', 409, 'error.conflict.detail') {}

/** Optimistic concurrency: the stored version was not the expected one. Safe to re-read and retry. */
export class VersionConflictError extends ConflictError {
  override readonly name = 'VersionConflictError';
  readonly expectedVersion: number;
  constructor(message: string, expectedVersion: number, options: AppErrorOptions = {}) {
    super(message, { messageKey: 'error.conflict.version', ...options });
    this.expectedVersion = expectedVersion;
  }
}

/** An action link that has expired or been superseded. */
export class GoneError extends errorClass('GoneError', 'gone', 410, 'error.gone.detail') {}

export class IllegalTransitionError extends errorClass(
  'IllegalTransitionError',
  'illegal_transition',
  409,
  'error.illegal_transition.detail',
) {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  constructor(from: CaseStatus, to: CaseStatus, options: AppErrorOptions = {}) {
    super(`Illegal case transition ${from} -> ${to}`, options);
    this.from = from;
    this.to = to;
  }

  override detailParams(lang: Language): MessageParams {
    return {
      ...this.messageParams,
      from: t(lang, `status.${this.from}`),
      to: t(lang, `status.${this.to}`),
    };
  }
}

/** Same Idempotency-Key as an earlier application but a different body (422). */
export class IdempotencyConflictError extends errorClass(
  'IdempotencyConflictError',
  'idempotency_conflict',
  422,
  'error.idempotency_conflict.detail',
) {}

export class UnauthorizedError extends errorClass('UnauthorizedError', 'unauthorized', 401, 'error.unauthorized.detail') {}

/** A request body in a media type the route does not take (e.g. text/plain from a cross-site form). */
export class UnsupportedMediaTypeError extends errorClass(
  'UnsupportedMediaTypeError',
  'unsupported_media_type',
  415,
  'error.unsupported_media_type.detail',
) {}

/** A request body over the route's size limit (shared/http/limits.ts); refused before parsing. */
export class PayloadTooLargeError extends errorClass(
  'PayloadTooLargeError',
  'payload_too_large',
  413,
  'error.payload_too_large.detail',
) {}

/** Invalid deployment configuration (env, roster). Internal: users only see a generic 500. */
export class ConfigError extends errorClass('ConfigError', 'config', 500, 'error.internal.detail') {}

/** RFC 6901 JSON pointer for a zod path. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function fieldErrorsFromIssue(issue: z.core.$ZodIssue, input: unknown): FieldError[] {
  const pointer = toJsonPointer(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      pointer: toJsonPointer([...issue.path, key]),
      code: 'error.field.unknownKey',
    }));
  }
  const params = boundParams(issue);
  if (isMessageKey(issue.message)) return [{ pointer, code: issue.message, ...params }];
  return [{ pointer, code: genericKey(issue, input), ...params }];
}

function boundParams(issue: z.core.$ZodIssue): { params?: MessageParams } {
  if (issue.code === 'too_small') return { params: { min: Number(issue.minimum) } };
  if (issue.code === 'too_big') return { params: { max: Number(issue.maximum) } };
  return {};
}

function genericKey(issue: z.core.$ZodIssue, input: unknown): MessageKey {
  switch (issue.code) {
    case 'invalid_type':
      return input !== undefined && valueAt(input, issue.path) === undefined
        ? 'error.field.required'
        : 'error.field.invalidType';
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'error.field.required' : 'error.field.tooShort';
      }
      if (issue.origin === 'array' || issue.origin === 'set') return 'error.field.tooFewItems';
      return issue.inclusive === false ? 'error.field.tooSmallExclusive' : 'error.field.tooSmall';
    case 'too_big':
      if (issue.origin === 'string') return 'error.field.tooLong';
      if (issue.origin === 'array' || issue.origin === 'set') return 'error.field.tooManyItems';
      return issue.inclusive === false ? 'error.field.tooBigExclusive' : 'error.field.tooBig';
    case 'invalid_format':
      return 'error.field.invalidFormat';
    case 'invalid_value':
      return 'error.field.invalidValue';
    default:
      return 'error.field.invalid';
  }
}
