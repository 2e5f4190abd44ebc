import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../shared/email';

describe('date formatting in Europe/Oslo', () => {
  it('formats summer time (UTC+2) in each language', () => {
    const instant = '2026-04-14T10:00:00Z';
    expect(formatDateTime(instant, 'nb')).toMatch(/^tirsdag 14\. april 2026 kl\. 12:00 CEST$/);
    expect(formatDateTime(instant, 'nn')).toMatch(/^tysdag 14\. april 2026 kl\. 12:00 CEST$/);
    expect(formatDateTime(instant, 'en')).toMatch(/^Tuesday,? 14 April 2026 at 12:00 CEST$/);
  });

  it('formats winter time (UTC+1), moving past midnight into the next Oslo day', () => {
    const instant = new Date('2026-01-15T23:30:00Z');
    expect(formatDateTime(instant, 'nb')).toContain('fredag 16. januar 2026 kl. 00:30');
    expect(formatDateTime(instant, 'nn')).toContain('fredag 16. januar 2026 kl. 00:30');
    expect(formatDateTime(instant, 'en')).toContain('16 January 2026 at 00:30');
    expect(formatDate(instant, 'nb')).toBe('16. jan. 2026');
    expect(formatDate(instant, 'en')).toBe('16 Jan 2026');
  });

  it('rejects an invalid instant instead of printing "Invalid Date"', () => {
    expect(() => formatDateTime('not a date', 'nb')).toThrow(RangeError);
  });
});
