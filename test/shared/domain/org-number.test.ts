import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidOrganisationNumber,
  normaliseOrganisationNumber,
  OrganisationNumberSchema,
  organisationNumberCheckDigit,
} from '../../../shared/domain/org-number';

const eightDigits = fc.stringMatching(/^\d{8}$/);

describe('organisationNumberCheckDigit (MOD11, weights 3,2,7,6,5,4,3,2)', () => {
  it.each([
    // Public numbers: Brønnøysundregistrene, KS, Oslo, Bergen, Trondheim.
    ['97476067', 3],
    ['97103214', 6],
    ['95893542', 0],
    ['96433853', 1],
    ['94211046', 4],
  ])('%s → %i', (first8, digit) => {
    expect(organisationNumberCheckDigit(first8)).toBe(digit);
  });

  it('gives 0 when the weighted sum is divisible by 11', () => {
    // 1·3 + 4·2 = 11
    expect(organisationNumberCheckDigit('10000004')).toBe(0);
  });

  it('gives no digit when the remainder is 1 (check digit would be 10)', () => {
    // 1·3 + 1·3 + 3·2 = 12 → remainder 1.
    expect(organisationNumberCheckDigit('10000013')).toBeUndefined();
    for (let last = 0; last <= 9; last++) {
      expect(isValidOrganisationNumber(`10000013${last}`)).toBe(false);
    }
  });

  it.each(['', '1234567', '123456789', '1234567a'])('rejects a prefix that is not 8 digits: %j', (s) => {
    expect(organisationNumberCheckDigit(s)).toBeUndefined();
  });
});

describe('isValidOrganisationNumber', () => {
  it.each(['974760673', '971032146', '958935420', '964338531', '942110464', '100000040'])(
    'accepts %s',
    (n) => {
      expect(isValidOrganisationNumber(n)).toBe(true);
    },
  );

  it.each(['974760674', '97476067', '9747606730', '974 760 673', '', 'abcdefghi', '０９５８９３５４２'])(
    'rejects %j',
    (n) => {
      expect(isValidOrganisationNumber(n)).toBe(false);
    },
  );

  it('exactly one last digit completes each prefix that has a check digit', () => {
    fc.assert(
      fc.property(eightDigits, (prefix) => {
        const valid = [...'0123456789'].filter((d) => isValidOrganisationNumber(prefix + d));
        const digit = organisationNumberCheckDigit(prefix);
        expect(valid).toEqual(digit === undefined ? [] : [String(digit)]);
      }),
    );
  });

  it('detects every single-digit error in a valid number', () => {
    fc.assert(
      fc.property(
        eightDigits.filter((p) => organisationNumberCheckDigit(p) !== undefined),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (prefix, position, delta) => {
          const valid = prefix + String(organisationNumberCheckDigit(prefix));
          const digits = [...valid];
          digits[position] = String((Number(digits[position]) + delta) % 10);
          expect(isValidOrganisationNumber(digits.join(''))).toBe(false);
        },
      ),
    );
  });
});

describe('normaliseOrganisationNumber', () => {
  it.each([
    ['974 760 673', '974760673'],
    [' 974760673 ', '974760673'],
    ['974\u00a0760\u00a0673', '974760673'],
    ['974\u202f760\u202f673', '974760673'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseOrganisationNumber(input)).toBe(expected);
  });
});

describe('OrganisationNumberSchema', () => {
  it('accepts grouped input and yields the canonical digits', () => {
    expect(OrganisationNumberSchema.parse('958 935 420')).toBe('958935420');
  });

  it.each([
    ['', 'application.organisationNumber.required'],
    ['   ', 'application.organisationNumber.required'],
    ['95893542', 'application.organisationNumber.format'],
    ['958-935-420', 'application.organisationNumber.format'],
    ['958935421', 'application.organisationNumber.invalid'],
    [958935420, 'application.organisationNumber.invalid'],
  ])('%j fails with exactly %s', (input, key) => {
    const result = OrganisationNumberSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([key]);
  });
});
