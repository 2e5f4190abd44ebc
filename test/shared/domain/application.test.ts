import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APPLICATION_LIMITS,
  type Application,
  ApplicationSchema,
  MATTER_KINDS,
  NEED_SOURCES,
  ORGANISATION_KINDS,
  parseApplication,
} from '../../../shared/domain/application';
import { LANGUAGES } from '../../../shared/kernel/ids';
import { catalogFor, isMessageKey } from '../../../shared/i18n';
import { exampleApplication } from '../../support/fixtures/application';

type Json = Record<string, unknown>;

/** Errors for an input built from the example by a mutation of a JSON copy. */
function errorsFor(mutate: (input: Json) => void): { pointer: string; code: string }[] {
  const input = structuredClone(exampleApplication()) as unknown as Json;
  mutate(input);
  const result = parseApplication(input);
  if (result.ok) return [];
  return result.errors.map(({ pointer, code }) => ({ pointer, code }));
}

function valueFor(mutate: (input: Json) => void): Application {
  const input = structuredClone(exampleApplication()) as unknown as Json;
  mutate(input);
  const result = parseApplication(input);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

const section = (input: Json, name: string) => input[name] as Json;

describe('parseApplication: valid input', () => {
  it('accepts the example unchanged (it is already canonical)', () => {
    const result = parseApplication(exampleApplication());
    expect(result).toEqual({ ok: true, value: exampleApplication() });
  });

  it('accepts every matter kind with the fields it needs', () => {
    const matters = {
      new_delivery_area: { kind: 'new_delivery_area' },
      new_service: { kind: 'new_service' },
      new_project: { kind: 'new_project' },
      significant_further_development: { kind: 'significant_further_development', affectedServiceId: 'fiks-arkiv' },
      functionality_change: {
        kind: 'functionality_change',
        affectedServiceId: 'svarut',
        withinAgreedServicePrice: true,
      },
    } as const;
    for (const kind of MATTER_KINDS) {
      expect(valueFor((i) => { i.matter = matters[kind]; }).matter).toEqual(matters[kind]);
    }
  });

  it('accepts an empty list of participating municipalities and one without a number', () => {
    expect(valueFor((i) => { i.participatingMunicipalities = []; }).participatingMunicipalities).toEqual([]);
    expect(
      valueFor((i) => { i.participatingMunicipalities = [{ name: 'Vik kommune' }]; }).participatingMunicipalities,
    ).toEqual([{ name: 'Vik kommune' }]);
  });

  it('accepts a grant that is not requested, without an amount', () => {
    const value = valueFor((i) => { section(i, 'financing').digifinGrant = { requested: false }; });
    expect(value.financing.digifinGrant).toEqual({ requested: false });
  });
});

describe('parseApplication: text normalisation', () => {
  it('trims and NFC-normalises strings', () => {
    const value = valueFor((i) => {
      i.title = '  Fo\u0308rstegangs\u00adsøknad ';
      section(i, 'applicant').name = '\tA\u030agot kommune ';
    });
    expect(value.title).toBe('F\u00f6rstegangs\u00adsøknad');
    expect(value.applicant.name).toBe('\u00c5got kommune');
  });

  it('counts length after NFC: decomposed letters up to the limit pass, one more fails', () => {
    const max = APPLICATION_LIMITS.title;
    const decomposed = 'e\u0301'.repeat(max);
    expect(decomposed.length).toBe(2 * max);
    expect(valueFor((i) => { i.title = decomposed; }).title).toBe('\u00e9'.repeat(max));
    expect(errorsFor((i) => { i.title = `${decomposed}e\u0301`; })).toEqual([
      { pointer: '/title', code: 'application.text.tooLong' },
    ]);
  });

  it('counts length after trimming', () => {
    const max = APPLICATION_LIMITS.title;
    expect(errorsFor((i) => { i.title = `   ${'x'.repeat(max)}   `; })).toEqual([]);
  });

  it('reports the limit as a message parameter', () => {
    const result = parseApplication({ ...exampleApplication(), title: 'x'.repeat(APPLICATION_LIMITS.title + 1) });
    expect(result.ok ? [] : result.errors).toEqual([
      { pointer: '/title', code: 'application.text.tooLong', params: { max: APPLICATION_LIMITS.title } },
    ]);
  });

  it.each([
    ['', 'application.title.required'],
    ['   \u00a0 ', 'application.title.required'],
    [undefined, 'application.title.required'],
    [42, 'application.text.invalidType'],
    ['Linje 1\nLinje 2', 'application.text.controlCharacters'],
    ['Bjelle\u0007', 'application.text.controlCharacters'],
    ['C1\u0085kontroll', 'application.text.controlCharacters'],
    ['Søknad \u202egnidyggeb', 'application.text.controlCharacters'],
    ['Isolert \u2067tekst\u2069', 'application.text.controlCharacters'],
    ['Halv \ud83d kode', 'application.text.unpairedSurrogate'],
    ['Halv \ude00 kode', 'application.text.unpairedSurrogate'],
    ['Slutt \ud83d', 'application.text.unpairedSurrogate'],
  ])('title %j → %s', (title, code) => {
    expect(errorsFor((i) => { i.title = title; })).toEqual([{ pointer: '/title', code }]);
  });

  it('keeps line breaks and tabs in the need description and normalises CRLF', () => {
    const value = valueFor((i) => { i.needDescription = 'Første linje\r\n\tAndre linje\rTredje'; });
    expect(value.needDescription).toBe('Første linje\n\tAndre linje\nTredje');
    expect(errorsFor((i) => { i.needDescription = 'Tekst\u0000'; })).toEqual([
      { pointer: '/needDescription', code: 'application.text.controlCharacters' },
    ]);
  });

  it('accepts whole surrogate pairs and rejects a lone surrogate in every free-text field', () => {
    expect(valueFor((i) => { i.title = 'Smil \ud83d\ude00'; }).title).toBe('Smil 😀');
    const broken = 'Navn \udc00';
    expect(errorsFor((i) => { i.needDescription = `Linje\n${broken}`; })).toEqual([
      { pointer: '/needDescription', code: 'application.text.unpairedSurrogate' },
    ]);
    expect(errorsFor((i) => { section(i, 'applicant').name = broken; })).toEqual([
      { pointer: '/applicant/name', code: 'application.text.unpairedSurrogate' },
    ]);
    expect(errorsFor((i) => { section(i, 'contactPerson').name = broken; })).toEqual([
      { pointer: '/contactPerson/name', code: 'application.text.unpairedSurrogate' },
    ]);
  });

  it('stops at the length limit: a huge need description is only "too long", without a pattern check', () => {
    // 9 MB of text that would also break the character rules: one error, and fast.
    const huge = `${'a\n'.repeat(4_500_000)}\u0007\ud800`;
    const started = performance.now();
    expect(errorsFor((i) => { i.needDescription = huge; })).toEqual([
      { pointer: '/needDescription', code: 'application.text.tooLong' },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('parseApplication: organisation and contact person', () => {
  it('canonicalises a grouped organisation number', () => {
    expect(valueFor((i) => { section(i, 'applicant').organisationNumber = '958 935 420'; }).applicant.organisationNumber).toBe(
      '958935420',
    );
  });

  it.each([
    ['958935421', 'application.organisationNumber.invalid'],
    ['12345', 'application.organisationNumber.format'],
    ['', 'application.organisationNumber.required'],
  ])('organisation number %j → %s', (organisationNumber, code) => {
    expect(errorsFor((i) => { section(i, 'applicant').organisationNumber = organisationNumber; })).toEqual([
      { pointer: '/applicant/organisationNumber', code },
    ]);
  });

  it.each(ORGANISATION_KINDS)('accepts organisation kind %s', (kind) => {
    expect(valueFor((i) => { section(i, 'applicant').kind = kind; }).applicant.kind).toBe(kind);
  });

  it('rejects an unknown organisation kind', () => {
    expect(errorsFor((i) => { section(i, 'applicant').kind = 'stat'; })).toEqual([
      { pointer: '/applicant/kind', code: 'application.choice.invalid' },
    ]);
  });

  it.each([
    ['+47 400 00 000', '+4740000000'],
    ['+4791234567', '+4791234567'],
    ['0047 912 34 567', '+4791234567'],
    ['22 33 44 55', '+4722334455'],
    ['\u00a0 80012345 ', '+4780012345'],
  ])('phone %j → %s', (phone, expected) => {
    expect(valueFor((i) => { section(i, 'contactPerson').phone = phone; }).contactPerson.phone).toBe(expected);
  });

  it.each(['+46 40000000', '4000000', '400000000', '01234567', '12345678', '+47-400-00-000', '+47 4000000a'])(
    'rejects phone %j',
    (phone) => {
      expect(errorsFor((i) => { section(i, 'contactPerson').phone = phone; })).toEqual([
        { pointer: '/contactPerson/phone', code: 'application.contactPerson.phone.invalid' },
      ]);
    },
  );

  it('trims the email and rejects malformed ones', () => {
    expect(
      valueFor((i) => { section(i, 'contactPerson').email = '  ola@kommune.example.org '; }).contactPerson.email,
    ).toBe('ola@kommune.example.org');
    for (const email of ['ola', 'ola@', '@example.org', 'ola@example', 'ola @example.org']) {
      expect(errorsFor((i) => { section(i, 'contactPerson').email = email; })).toEqual([
        { pointer: '/contactPerson/email', code: 'application.contactPerson.email.invalid' },
      ]);
    }
    expect(errorsFor((i) => { section(i, 'contactPerson').email = ''; })).toEqual([
      { pointer: '/contactPerson/email', code: 'application.contactPerson.email.required' },
    ]);
  });
});

describe('parseApplication: matter', () => {
  it.each([
    [{ kind: 'significant_further_development' }, '/matter/affectedServiceId', 'application.affectedServiceId.required'],
    [{ kind: 'functionality_change', withinAgreedServicePrice: true }, '/matter/affectedServiceId', 'application.affectedServiceId.required'],
    [{ kind: 'functionality_change', affectedServiceId: 'svarut' }, '/matter/withinAgreedServicePrice', 'application.choice.required'],
    [{ kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: 'ja' }, '/matter/withinAgreedServicePrice', 'application.choice.invalid'],
    [{ kind: 'significant_further_development', affectedServiceId: 'Fiks Arkiv' }, '/matter/affectedServiceId', 'application.affectedServiceId.invalid'],
    [{ kind: 'significant_further_development', affectedServiceId: '   ' }, '/matter/affectedServiceId', 'application.affectedServiceId.required'],
    [{ kind: 'new_service', affectedServiceId: 'svarut' }, '/matter/affectedServiceId', 'error.field.unknownKey'],
    [{ kind: 'significant_further_development', affectedServiceId: 'svarut', withinAgreedServicePrice: true }, '/matter/withinAgreedServicePrice', 'error.field.unknownKey'],
    [{ kind: 'maintenance' }, '/matter/kind', 'application.matter.kind.required'],
    [{}, '/matter/kind', 'application.matter.kind.required'],
  ])('%j → %s %s', (matter, pointer, code) => {
    expect(errorsFor((i) => { i.matter = matter; })).toEqual([{ pointer, code }]);
  });
});

describe('parseApplication: financing', () => {
  const grant = (digifinGrant: unknown) => (i: Json) => { section(i, 'financing').digifinGrant = digifinGrant; };
  const pointer = '/financing/digifinGrant/amountNok';

  it.each([
    [{ requested: true }, pointer, 'application.digifinGrant.amountNok.required'],
    [{ requested: true, amountNok: 0 }, pointer, 'application.digifinGrant.amountNok.invalid'],
    [{ requested: true, amountNok: -5 }, pointer, 'application.digifinGrant.amountNok.invalid'],
    [{ requested: true, amountNok: 1000.5 }, pointer, 'application.digifinGrant.amountNok.invalid'],
    [{ requested: true, amountNok: '1000' }, pointer, 'application.digifinGrant.amountNok.invalid'],
    [{ requested: true, amountNok: APPLICATION_LIMITS.digifinAmountNok + 1 }, pointer, 'application.digifinGrant.amountNok.tooBig'],
    [{ requested: false, amountNok: 1000 }, pointer, 'error.field.unknownKey'],
    [{ amountNok: 1000 }, '/financing/digifinGrant/requested', 'application.choice.required'],
  ])('%j → %s %s', (digifinGrant, at, code) => {
    expect(errorsFor(grant(digifinGrant))).toEqual([{ pointer: at, code }]);
  });

  it('accepts the largest allowed amount', () => {
    const amountNok = APPLICATION_LIMITS.digifinAmountNok;
    expect(valueFor(grant({ requested: true, amountNok })).financing.digifinGrant).toEqual({ requested: true, amountNok });
  });

  it.each(['stateFinancing', 'ownEffort', 'municipalContributions', 'userFinanced', 'firstYearOperationCovered'])(
    'requires a yes/no answer for %s',
    (field) => {
      expect(errorsFor((i) => { delete section(i, 'financing')[field]; })).toEqual([
        { pointer: `/financing/${field}`, code: 'application.choice.required' },
      ]);
      expect(errorsFor((i) => { section(i, 'financing')[field] = 'true'; })).toEqual([
        { pointer: `/financing/${field}`, code: 'application.choice.invalid' },
      ]);
    },
  );
});

describe('parseApplication: lists, languages and structure', () => {
  it('rejects a municipality listed twice (by organisation number, after canonicalisation)', () => {
    expect(
      errorsFor((i) => {
        i.participatingMunicipalities = [
          { name: 'Bergen kommune', organisationNumber: '964338531' },
          { name: 'Bergen', organisationNumber: '964 338 531' },
        ];
      }),
    ).toEqual([{ pointer: '/participatingMunicipalities/1/organisationNumber', code: 'application.participatingMunicipalities.duplicate' }]);
  });

  it('limits the number of participating municipalities', () => {
    const many = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `Kommune ${k}` }));
    const max = APPLICATION_LIMITS.participatingMunicipalities;
    expect(errorsFor((i) => { i.participatingMunicipalities = many(max); })).toEqual([]);
    expect(errorsFor((i) => { i.participatingMunicipalities = many(max + 1); })).toEqual([
      { pointer: '/participatingMunicipalities', code: 'application.participatingMunicipalities.tooMany' },
    ]);
  });

  it('points into the list for an invalid municipality', () => {
    expect(
      errorsFor((i) => { i.participatingMunicipalities = [{ name: 'Vik' }, { name: ' ', organisationNumber: '1' }]; }),
    ).toEqual([
      { pointer: '/participatingMunicipalities/1/name', code: 'application.participatingMunicipalities.name.required' },
      { pointer: '/participatingMunicipalities/1/organisationNumber', code: 'application.organisationNumber.format' },
    ]);
  });

  it.each(NEED_SOURCES)('accepts need source %s', (source) => {
    expect(valueFor((i) => { i.needSource = source; }).needSource).toBe(source);
  });

  it.each(LANGUAGES)('accepts preferred language %s', (lang) => {
    expect(valueFor((i) => { i.preferredLanguage = lang; }).preferredLanguage).toBe(lang);
  });

  it('rejects an unsupported language', () => {
    expect(errorsFor((i) => { i.preferredLanguage = 'se'; })).toEqual([
      { pointer: '/preferredLanguage', code: 'application.choice.invalid' },
    ]);
  });

  it('rejects unknown keys at every level', () => {
    expect(
      errorsFor((i) => {
        i.isAdmin = true;
        section(i, 'contactPerson').fax = '123';
        section(i, 'financing')['a/b'] = 1;
      }),
    ).toEqual(
      expect.arrayContaining([
        { pointer: '/isAdmin', code: 'error.field.unknownKey' },
        { pointer: '/contactPerson/fax', code: 'error.field.unknownKey' },
        { pointer: '/financing/a~1b', code: 'error.field.unknownKey' },
      ]),
    );
  });

  it('reports a missing section as required', () => {
    expect(errorsFor((i) => { delete i.contactPerson; })).toEqual([
      { pointer: '/contactPerson', code: 'application.section.required' },
    ]);
    expect(errorsFor((i) => { i.financing = []; })).toEqual([
      { pointer: '/financing', code: 'application.section.invalid' },
    ]);
  });

  it.each([null, 'søknad', 42, [], undefined])('rejects a body that is not an object: %j', (input) => {
    const result = parseApplication(input);
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.code])).toEqual([['', 'application.body.invalid']]);
  });

  it('reports every problem of an empty object at once, each with a catalog key', () => {
    const result = parseApplication({});
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.pointer).sort()).toEqual(
      Object.keys(ApplicationSchema.shape).map((k) => `/${k}`).sort(),
    );
    for (const { code } of errors) expect(code.startsWith('application.')).toBe(true);
  });
});

describe('application catalog', () => {
  it('defines every error key the schema produces in nb, nn and en', () => {
    const inputs: unknown[] = [
      {},
      null,
      { ...exampleApplication(), title: 1, needDescription: 'x'.repeat(20_000), applicant: {} },
      { ...exampleApplication(), contactPerson: { name: '', email: 'x', phone: 'y' }, matter: { kind: 'x' } },
      { ...exampleApplication(), financing: { digifinGrant: { requested: true, amountNok: -1 } } },
      { ...exampleApplication(), participatingMunicipalities: 'Bergen' },
    ];
    const codes = new Set<string>();
    for (const input of inputs) {
      const result = parseApplication(input);
      if (!result.ok) for (const e of result.errors) codes.add(e.code);
    }
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) {
      expect(isMessageKey(code)).toBe(true);
      for (const lang of LANGUAGES) expect(catalogFor(lang)[code], `${lang} ${code}`).toBeTruthy();
    }
  });

  it('has a label for every option in every language, distinct per list', () => {
    const lists = { organisationKind: ORGANISATION_KINDS, needSource: NEED_SOURCES, matterKind: MATTER_KINDS };
    for (const lang of LANGUAGES) {
      for (const [list, codes] of Object.entries(lists)) {
        const labels = codes.map((code) => catalogFor(lang)[`application.option.${list}.${code}`]);
        for (const label of labels) expect(label).toBeTruthy();
        expect(new Set(labels).size).toBe(codes.length);
      }
    }
  });

  it('has real nynorsk and English, not copies of bokmål, for sentences', () => {
    const nb = catalogFor('nb');
    const sentences = Object.keys(nb).filter((k) => k.startsWith('application.') && !k.includes('.option.'));
    for (const key of sentences) {
      expect(catalogFor('en')[key], key).not.toBe(nb[key]);
    }
    const sameInNynorsk = sentences.filter((key) => catalogFor('nn')[key] === nb[key]);
    // Only short phrases that are spelt the same in both written standards.
    expect(sameInNynorsk).toEqual([
      'application.section.invalid',
      'application.organisationNumber.required',
      'application.organisationNumber.format',
      'application.contactPerson.phone.required',
    ]);
  });
});

describe('types', () => {
  it('infers a discriminated matter and a plain output type', () => {
    expectTypeOf<Application['title']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Application['matter'], { kind: 'functionality_change' }>>().toEqualTypeOf<{
      kind: 'functionality_change';
      affectedServiceId: string;
      withinAgreedServicePrice: boolean;
    }>();
    expectTypeOf<Application['financing']['digifinGrant']>().toEqualTypeOf<
      { requested: true; amountNok: number } | { requested: false }
    >();
  });
});
