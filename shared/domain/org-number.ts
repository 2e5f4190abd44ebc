import { z } from 'zod';
import type { applicationMessages } from '../i18n/catalogs/application';

const key = (k: keyof (typeof applicationMessages)['nb']): string => k;

/**
 * Norwegian organisation numbers (organisasjonsnummer) from Enhetsregisteret: 9 digits, the
 * last a MOD11 check digit over the first 8 with weights 3,2,7,6,5,4,3,2 (Brønnøysundregistrene).
 * remainder = sum mod 11; check = 11 − remainder, except remainder 0 → check 0, and
 * remainder 1 (check would be 10) → no number is ever issued, so the input is invalid.
 *
 * Input may be written in groups ("974 760 673", also with no-break spaces); the canonical
 * form is the 9 digits without spaces.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const CANONICAL = /^\d{9}$/;

/** The check digit for 8 leading digits, or undefined when no valid number can end them. */
export function organisationNumberCheckDigit(first8: string): number | undefined {
  if (!/^\d{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) sum += Number(first8[i]) * weight;
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}

/** Removes grouping whitespace (ordinary and no-break spaces) around and inside the number. */
export function normaliseOrganisationNumber(value: string): string {
  return value.replace(/[\s\u00a0\u202f]/g, '');
}

/** True for a canonical 9-digit number with a correct MOD11 check digit. */
export function isValidOrganisationNumber(value: string): boolean {
  if (!CANONICAL.test(value)) return false;
  return organisationNumberCheckDigit(value.slice(0, 8)) === Number(value[8]);
}

/** Accepts grouped input, yields the canonical 9 digits; errors are application message keys. */
export const OrganisationNumberSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? key('application.organisationNumber.required')
        : key('application.organisationNumber.invalid'),
  })
  .overwrite(normaliseOrganisationNumber)
  .min(1, { error: key('application.organisationNumber.required'), abort: true })
  .regex(CANONICAL, { error: key('application.organisationNumber.format'), abort: true })
  .refine(isValidOrganisationNumber, { error: key('application.organisationNumber.invalid') });
