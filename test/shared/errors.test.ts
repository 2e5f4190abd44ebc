import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  ConfigError,
  ConflictError,
  ERROR_CODES,
  GoneError,
  IdempotencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  toJsonPointer,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  VersionConflictError,
} from '../../shared/errors';
import { allMessageKeys } from '../../shared/i18n';

const cause = new Error('root cause');
const samples: Array<[AppError, string, string, number]> = [
  [new ValidationError([], { cause }), 'ValidationError', 'validation', 400],
  [new NotFoundError('x', { cause }), 'NotFoundError', 'not_found', 404],
  [new ConflictError('x', { cause }), 'ConflictError', 'conflict', 409],
  [new VersionConflictError('x', 3, { cause }), 'VersionConflictError', 'conflict', 409],
  [new GoneError('x', { cause }), 'GoneError', 'gone', 410],
  [new IllegalTransitionError('approved', 'triage', { cause }), 'IllegalTransitionError', 'illegal_transition', 409],
  [new IdempotencyConflictError('x', { cause }), 'IdempotencyConflictError', 'idempotency_conflict', 422],
  [new UnauthorizedError('x', { cause }), 'UnauthorizedError', 'unauthorized', 401],
  [new UnsupportedMediaTypeError('x', { cause }), 'UnsupportedMediaTypeError', 'unsupported_media_type', 415],
  [new PayloadTooLargeError('x', { cause }), 'PayloadTooLargeError', 'payload_too_large', 413],
  [new ConfigError('x', { cause }), 'ConfigError', 'config', 500],
];

describe('error classes', () => {
  it.each(samples)('%s has name %s, code %s, status %i and keeps the cause', (error, name, code, status) => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.cause).toBe(cause);
    expect(allMessageKeys()).toContain(error.messageKey);
    expect(allMessageKeys()).toContain(`error.${code === 'config' ? 'internal' : code}.title`);
  });

  it('covers every error code', () => {
    expect(new Set(samples.map(([error]) => error.code))).toEqual(new Set(ERROR_CODES));
  });

  it('has no cause property unless one is given', () => {
    expect('cause' in new NotFoundError('x')).toBe(false);
  });

  it('lets a specific detail key replace the default', () => {
    expect(new NotFoundError('no case').messageKey).toBe('error.not_found.detail');
    expect(new NotFoundError('no case', { messageKey: 'error.not_found.case' }).messageKey).toBe(
      'error.not_found.case',
    );
    expect(new VersionConflictError('stale', 4).messageKey).toBe('error.conflict.version');
  });

  it('VersionConflictError is a ConflictError carrying the expected version', () => {
    const error = new VersionConflictError('stale', 7);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.expectedVersion).toBe(7);
  });

  it('IllegalTransitionError carries from/to and localizes them as status names', () => {
    const error = new IllegalTransitionError('approved', 'triage');
    expect([error.from, error.to]).toEqual(['approved', 'triage']);
    expect(error.message).toContain('approved -> triage');
    expect(error.detailParams('nn')).toEqual({ from: 'Godkjend', to: 'Til vurdering i sekretariatet' });
    expect(error.detailParams('en')).toEqual({ from: 'Approved', to: 'Being reviewed by the secretariat' });
  });

});

describe('toJsonPointer', () => {
  it.each([
    [[], ''],
    [['title'], '/title'],
    [['contact', 'email'], '/contact/email'],
    [['participants', 0, 'name'], '/participants/0/name'],
    [['a/b', 'm~n'], '/a~1b/m~0n'],
  ])('%j -> %j', (path, pointer) => {
    expect(toJsonPointer(path)).toBe(pointer);
  });
});

describe('ValidationError.fromZod', () => {
  const schema = z
    .object({
      title: z.string().min(1).max(5),
      summary: z.string().min(3),
      amount: z.number().positive(),
      share: z.number().max(100),
      tags: z.array(z.string()).min(1).max(2),
      kind: z.enum(['a', 'b']),
      email: z.email(),
      custom: z.string({ error: 'error.body.malformedJson' }),
      nested: z.object({ 'a/b': z.string() }).strict(),
    })
    .strict();

  function fieldErrors(input: unknown, passInput = true) {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected failure');
    return ValidationError.fromZod(result.error, passInput ? input : undefined).fieldErrors;
  }

  const valid = {
    title: 'ok',
    summary: 'long enough',
    amount: 1,
    share: 5,
    tags: ['x'],
    kind: 'a',
    email: 'a@example.org',
    custom: 'x',
    nested: { 'a/b': 'x' },
  };

  it('accepts the valid sample (sanity check of the fixture)', () => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it('maps each kind of issue to a pointer and a message key with bounds', () => {
    const errors = fieldErrors({
      ...valid,
      title: 'too long',
      summary: 'ab',
      amount: 0,
      share: 101,
      tags: ['1', '2', '3'],
      kind: 'c',
      email: 'nope',
      custom: 1,
      nested: { 'a/b': 'x', extra: 1 },
      unknown: true,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/title', code: 'error.field.tooLong', params: { max: 5 } },
        { pointer: '/summary', code: 'error.field.tooShort', params: { min: 3 } },
        { pointer: '/amount', code: 'error.field.tooSmallExclusive', params: { min: 0 } },
        { pointer: '/share', code: 'error.field.tooBig', params: { max: 100 } },
        { pointer: '/tags', code: 'error.field.tooManyItems', params: { max: 2 } },
        { pointer: '/kind', code: 'error.field.invalidValue' },
        { pointer: '/email', code: 'error.field.invalidFormat' },
        { pointer: '/custom', code: 'error.body.malformedJson' },
        { pointer: '/nested/extra', code: 'error.field.unknownKey' },
        { pointer: '/unknown', code: 'error.field.unknownKey' },
      ]),
    );
    expect(errors).toHaveLength(10);
  });

  it('says required for missing fields and empty strings, wrong type for present ones', () => {
    const input = { ...valid, title: '', amount: 'ten', tags: [], nested: {} };
    const { summary: _omitted, ...withoutSummary } = input;
    const errors = fieldErrors(withoutSummary);
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/title', code: 'error.field.required', params: { min: 1 } },
        { pointer: '/summary', code: 'error.field.required' },
        { pointer: '/amount', code: 'error.field.invalidType' },
        { pointer: '/tags', code: 'error.field.tooFewItems', params: { min: 1 } },
        { pointer: '/nested/a~1b', code: 'error.field.required' },
      ]),
    );
  });

  it('falls back to wrong type when the input is not supplied', () => {
    const { summary: _omitted, ...withoutSummary } = valid;
    expect(fieldErrors(withoutSummary, false)).toEqual([
      { pointer: '/summary', code: 'error.field.invalidType' },
    ]);
  });

  it('keeps the ZodError as cause', () => {
    const result = schema.safeParse({});
    if (result.success) throw new Error('expected failure');
    expect(ValidationError.fromZod(result.error).cause).toBe(result.error);
  });
});
