import { z } from 'zod';

/**
 * Case numbers ("saksnummer") `YYYY/NNNN`, e.g. 2026/0042: the year of submission and a
 * per-year sequence starting at 1. The repository adapter allocates the sequence with an
 * atomic counter (COUNTER#<year>); this module only formats, parses and validates.
 *
 * Beyond 9999 cases in a year the sequence widens (2026/10000) instead of failing: the
 * number stays unique and readable. Consequence: plain string order is wrong across the
 * 4→5 digit boundary, so sort with compareCaseNumbers, not lexically. Each number has
 * exactly one spelling: zero-padded to 4 digits, no leading zeros beyond that.
 */
export const MIN_CASE_YEAR = 2000;
export const MAX_CASE_YEAR = 9999;
const MIN_DIGITS = 4;

export interface CaseNumberParts {
  year: number;
  seq: number;
}

const PATTERN = /^(\d{4})\/(\d{4}|[1-9]\d{4,14})$/;

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_CASE_YEAR && year <= MAX_CASE_YEAR;
}

function isValidSeq(seq: number): boolean {
  return Number.isSafeInteger(seq) && seq >= 1;
}

/** Throws RangeError on a year outside 2000–9999 or a sequence that is not a positive integer. */
export function formatCaseNumber(year: number, seq: number): string {
  if (!isValidYear(year)) throw new RangeError(`Case number year out of range: ${year}`);
  if (!isValidSeq(seq)) throw new RangeError(`Case number sequence out of range: ${seq}`);
  return `${year}/${String(seq).padStart(MIN_DIGITS, '0')}`;
}

/** Returns the parts of a canonical case number, or undefined for anything else. */
export function parseCaseNumber(value: string): CaseNumberParts | undefined {
  const match = PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (!isValidYear(year) || !isValidSeq(seq)) return undefined;
  return { year, seq };
}

export function isValidCaseNumber(value: string): boolean {
  return parseCaseNumber(value) !== undefined;
}

/** Orders by year, then sequence (numerically, so 2026/9999 < 2026/10000). */
export function compareCaseNumbers(a: string, b: string): number {
  const pa = parseCaseNumber(a);
  const pb = parseCaseNumber(b);
  if (!pa || !pb) throw new RangeError(`Not a case number: ${pa ? b : a}`);
  return pa.year - pb.year || pa.seq - pb.seq;
}

export const CaseNumberSchema = z
  .string()
  .refine(isValidCaseNumber, { error: 'error.field.invalidFormat' });
export type CaseNumber = z.infer<typeof CaseNumberSchema>;
