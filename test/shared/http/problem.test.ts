import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LANGUAGES } from '../../../shared/kernel/ids';
import {
  ConfigError,
  ConflictError,
  GoneError,
  IdempotencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from '../../../shared/errors';
import { languageFromTag, negotiateLanguage } from '../../../shared/http/language';
import {
  PROBLEM_TYPE_BASE,
  ProblemDetailsSchema,
  problemType,
  toProblem,
} from '../../../shared/http/problem';

describe('toProblem', () => {
  it.each([
    [new NotFoundError('case abc missing'), 404, 'not-found', 'Ikke funnet', 'Vi fant ikke det du ba om.'],
    [
      new NotFoundError('case abc missing', { messageKey: 'error.not_found.case' }),
      404,
      'not-found',
      'Ikke funnet',
      'Vi fant ingen sak med denne adressen.',
    ],
    [new ConflictError('decided'), 409, 'conflict', 'Kan ikke utføres nå', undefined],
    [
      new ConflictError('decided', { messageKey: 'error.conflict.alreadyDecided' }),
      409,
      'conflict',
      'Kan ikke utføres nå',
      'Dette er allerede avgjort. Ingenting er endret.',
    ],
    [new VersionConflictError('v3 expected', 3), 409, 'conflict', 'Kan ikke utføres nå', undefined],
    [new GoneError('token expired'), 410, 'gone', 'Lenken er utløpt', undefined],
    [
      new IllegalTransitionError('approved', 'triage'),
      409,
      'illegal-transition',
      'Ikke tillatt nå',
      'Saken har status «Godkjent» og kan ikke gå over til «Til vurdering i sekretariatet». Ingenting er endret.',
    ],
    [new IdempotencyConflictError('hash differs'), 422, 'idempotency-conflict', 'Nøkkelen er allerede brukt', undefined],
    [new UnauthorizedError('no token'), 401, 'unauthorized', 'Mangler tilgang', undefined],
  ])('maps %o to %i %s', (error, status, slug, title, detail) => {
    const response = toProblem(error, 'nb', '/api/cases/abc');
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['content-language']).toBe('nb');
    expect(ProblemDetailsSchema.parse(response.body)).toEqual(response.body);
    expect(response.body.type).toBe(`${PROBLEM_TYPE_BASE}${slug}`);
    expect(response.body.status).toBe(status);
    expect(response.body.title).toBe(title);
    expect(response.body.instance).toBe('/api/cases/abc');
    if (detail !== undefined) expect(response.body.detail).toBe(detail);
    expect(response.body.detail).not.toContain(error.message);
    expect(response.body.errors).toBeUndefined();
  });

  it('sends no Retry-After: API Gateway throttles before any handler runs', () => {
    expect('retry-after' in toProblem(new NotFoundError('x'), 'en').headers).toBe(false);
  });

  it('omits instance when none is given', () => {
    expect('instance' in toProblem(new NotFoundError('x'), 'en').body).toBe(false);
  });

  it('lists one localized entry per invalid field', () => {
    const error = new ValidationError([
      { pointer: '/title', code: 'error.field.required' },
      { pointer: '/description', code: 'error.field.tooLong', params: { max: 4000 } },
    ]);
    const nn = toProblem(error, 'nn', '/api/applications');
    expect(nn.status).toBe(400);
    expect(nn.headers['content-language']).toBe('nn');
    expect(nn.body).toMatchObject({
      type: problemType('validation'),
      title: 'Ugyldige opplysningar',
      status: 400,
      code: 'validation',
    });
    expect(nn.body.errors).toEqual([
      { pointer: '/title', code: 'error.field.required', message: 'Feltet må fyllast ut.' },
      { pointer: '/description', code: 'error.field.tooLong', message: 'Kan ha høgst 4000 teikn.' },
    ]);
    const en = toProblem(error, 'en');
    expect(en.body.errors?.map((e) => e.message)).toEqual([
      'This field is required.',
      'Must be at most 4000 characters.',
    ]);
  });

  it('maps a ValidationError built from zod end to end', () => {
    const schema = z.object({ title: z.string().min(1) }).strict();
    const input = { title: '', extra: 1 };
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected failure');
    const response = toProblem(ValidationError.fromZod(result.error, input), 'en');
    expect(response.body.errors).toEqual([
      { pointer: '/title', code: 'error.field.required', message: 'This field is required.' },
      {
        pointer: '/extra',
        code: 'error.field.unknownKey',
        message: 'This field is not recognised and cannot be submitted.',
      },
    ]);
  });

  const secret = 'ConditionalCheckFailed arn:aws:dynamodb:eu-north-1:123456789012:table/x token=abc123';
  const internals: Array<[string, unknown]> = [
    ['plain Error', new Error(secret)],
    ['TypeError', new TypeError(secret)],
    ['ConfigError', new ConfigError(secret, { cause: new Error(secret) })],
    ['ZodError from stored data', z.string().safeParse(42).error],
    ['string', secret],
    ['object', { message: secret, status: 400 }],
    ['undefined', undefined],
    ['null', null],
  ];

  it.each(internals)('maps %s to a generic 500 that leaks nothing', (_label, error) => {
    for (const lang of LANGUAGES) {
      const response = toProblem(error, lang, '/api/applications');
      expect(response.status).toBe(500);
      expect(response.headers).toEqual({
        'content-type': 'application/problem+json',
        'content-language': lang,
      });
      expect(response.body).toMatchObject({
        type: problemType('internal'),
        status: 500,
        code: 'internal',
        instance: '/api/applications',
      });
      const text = JSON.stringify(response.body);
      for (const fragment of ['ConditionalCheck', 'arn:aws', 'abc123', 'Error', 'stack', 'Expected']) {
        expect(text).not.toContain(fragment);
      }
    }
    expect(toProblem(error, 'nb').body.title).toBe('Noe gikk galt');
    expect(toProblem(error, 'nn').body.title).toBe('Noko gjekk gale');
    expect(toProblem(error, 'en').body.title).toBe('Something went wrong');
  });

  it('uses distinct stable type URIs under the documented base', () => {
    expect(problemType('illegal_transition')).toBe(
      'https://beslutningsflyt.ks.no/problems/illegal-transition',
    );
    const types = ['validation', 'not_found', 'conflict', 'gone', 'internal'] as const;
    expect(new Set(types.map(problemType)).size).toBe(types.length);
  });
});

describe('negotiateLanguage', () => {
  it('defaults to nb', () => {
    expect(negotiateLanguage({})).toBe('nb');
    expect(negotiateLanguage({ query: null, cookie: null, acceptLanguage: null })).toBe('nb');
    expect(negotiateLanguage({ acceptLanguage: 'de-DE, fr;q=0.8' })).toBe('nb');
  });

  it.each([
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['NB', 'nb'],
    ['no-NO', 'nb'],
    ['nob', 'nb'],
    ['nn-NO', 'nn'],
    ['nn', 'nn'],
    ['nno', 'nn'],
    ['en-GB', 'en'],
    ['en_US', 'en'],
    ['se', undefined],
    ['', undefined],
  ])('maps tag %j to %s', (tag, expected) => {
    expect(languageFromTag(tag)).toBe(expected);
  });

  it.each([
    ['nn-NO, nb;q=0.9, en;q=0.8', 'nn'],
    ['en;q=0.5, nn;q=0.7', 'nn'],
    ['de, en;q=0.9, nn;q=0.8', 'en'],
    ['en, nn', 'en'],
    ['nn;q=0, en;q=0.1', 'en'],
    ['se, nn-NO;q=0.4', 'nn'],
    ['en;q=0.5, *;q=0.8', 'nb'],
    ['nn;q=abc, en;q=0.2', 'en'],
    [' , ;q=1, nn', 'nn'],
  ])('honours q-values in Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLanguage({ acceptLanguage: header })).toBe(expected);
  });

  it('prefers query over cookie over Accept-Language, skipping invalid values', () => {
    expect(negotiateLanguage({ query: 'en', cookie: 'lang=nn', acceptLanguage: 'nb' })).toBe('en');
    expect(negotiateLanguage({ query: 'xx', cookie: 'lang=nn', acceptLanguage: 'en' })).toBe('nn');
    expect(negotiateLanguage({ query: 'xx', cookie: 'lang=xx', acceptLanguage: 'en' })).toBe('en');
    expect(negotiateLanguage({ query: '', cookie: 'theme=dark', acceptLanguage: 'nn' })).toBe('nn');
  });

  it('reads the lang cookie from a header string or API Gateway cookie list', () => {
    expect(negotiateLanguage({ cookie: 'session=1; lang=nn; x=2' })).toBe('nn');
    expect(negotiateLanguage({ cookie: ['session=1', 'lang=en'] })).toBe('en');
    expect(negotiateLanguage({ cookie: 'xlang=en; language=en' })).toBe('nb');
  });
});
