import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CaseNumberSchema,
  compareCaseNumbers,
  formatCaseNumber,
  isValidCaseNumber,
  parseCaseNumber,
} from '../../../shared/domain/case-number';

describe('formatCaseNumber', () => {
  it.each([
    [2026, 1, '2026/0001'],
    [2026, 42, '2026/0042'],
    [2026, 9999, '2026/9999'],
    [2026, 10000, '2026/10000'],
    [2000, 123456, '2000/123456'],
    [9999, 1, '9999/0001'],
  ])('formats %i/%i as %s', (year, seq, expected) => {
    expect(formatCaseNumber(year, seq)).toBe(expected);
  });

  it.each([
    [1999, 1],
    [10000, 1],
    [2026.5, 1],
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Number.MAX_SAFE_INTEGER + 1],
  ])('rejects year %d and sequence %d', (year, seq) => {
    expect(() => formatCaseNumber(year, seq)).toThrow(RangeError);
  });
});

describe('parseCaseNumber', () => {
  it.each([
    ['2026/0042', { year: 2026, seq: 42 }],
    ['2026/0001', { year: 2026, seq: 1 }],
    ['2026/9999', { year: 2026, seq: 9999 }],
    ['2026/10000', { year: 2026, seq: 10000 }],
    ['2000/0001', { year: 2000, seq: 1 }],
  ])('parses %s', (value, expected) => {
    expect(parseCaseNumber(value)).toEqual(expected);
  });

  it.each([
    '2026/0000',
    '2026/042',
    '2026/00042',
    '2026/010000',
    '1999/0001',
    '26/0042',
    '2026-0042',
    ' 2026/0042',
    '2026/0042 ',
    '2026/0042/1',
    '2026/+042',
    '２０２６/0042',
    '',
  ])('rejects %j', (value) => {
    expect(parseCaseNumber(value)).toBeUndefined();
    expect(isValidCaseNumber(value)).toBe(false);
    expect(CaseNumberSchema.safeParse(value).success).toBe(false);
  });

  it('round-trips every valid year and sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (year, seq) => {
          const formatted = formatCaseNumber(year, seq);
          expect(parseCaseNumber(formatted)).toEqual({ year, seq });
          expect(CaseNumberSchema.parse(formatted)).toBe(formatted);
        },
      ),
    );
  });

  it('reports the invalid format as a message key', () => {
    const result = CaseNumberSchema.safeParse('2026/42');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('error.field.invalidFormat');
  });
});

describe('compareCaseNumbers', () => {
  it('orders numerically across the widening boundary, where string order is wrong', () => {
    const numbers = ['2026/10000', '2025/9999', '2026/9999', '2026/0002', '2027/0001'];
    expect([...numbers].sort(compareCaseNumbers)).toEqual([
      '2025/9999',
      '2026/0002',
      '2026/9999',
      '2026/10000',
      '2027/0001',
    ]);
    expect('2026/10000' < '2026/9999').toBe(true);
  });

  it('throws on something that is not a case number', () => {
    expect(() => compareCaseNumbers('2026/0001', 'nope')).toThrow(RangeError);
  });
});
