import type { Language } from '../kernel/ids';

/** All dates in e-mails are Norwegian time, whatever the server's zone (Lambda runs in UTC). */
export const EMAIL_TIME_ZONE = 'Europe/Oslo';

const LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function localeFor(lang: Language): string {
  return LOCALES[lang];
}

/** An instant: a Date or an ISO 8601 string (as stored in the table and the workflow). */
export type Instant = Date | string;

function toDate(value: Instant): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date in e-mail input');
  return date;
}

/**
 * One formatter per language and kind, made on first use: creating an Intl formatter loads
 * locale data (native memory) and costs far more than formatting, and pages format dozens of
 * dates each (the secretariat's queue and audit trail).
 */
function cached<T>(make: (locale: string) => T): (lang: Language) => T {
  const made = new Map<Language, T>();
  return (lang) => {
    let formatter = made.get(lang);
    if (formatter === undefined) {
      formatter = make(localeFor(lang));
      made.set(lang, formatter);
    }
    return formatter;
  };
}

/** A cached date formatter that writes Norwegian time (EMAIL_TIME_ZONE). */
function osloDateFormat(options: Intl.DateTimeFormatOptions): (lang: Language) => Intl.DateTimeFormat {
  return cached((locale) => new Intl.DateTimeFormat(locale, { ...options, timeZone: EMAIL_TIME_ZONE }));
}

const CLOCK = { hour: '2-digit', minute: '2-digit' } as const;
const dateTimeFormat = osloDateFormat({
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  ...CLOCK,
  timeZoneName: 'short',
});
const dateFormat = osloDateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const compactFormat = osloDateFormat({ day: '2-digit', month: '2-digit', year: 'numeric', ...CLOCK });
const listFormat = cached((locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));

/** "tirsdag 14. april 2026 kl. 12:00 CEST" / "Tuesday, 14 April 2026 at 12:00 CEST". */
export function formatDateTime(value: Instant, lang: Language): string {
  return dateTimeFormat(lang).format(toDate(value));
}

/** Short date for subject lines: "14. apr. 2026" / "14 Apr 2026". */
export function formatDate(value: Instant, lang: Language): string {
  return dateFormat(lang).format(toDate(value));
}

/** For table cells (the secretariat's queues and audit trail): "14.04.2026, 12:00" / "14/04/2026, 12:00". */
export function formatCompactDateTime(value: Instant, lang: Language): string {
  return compactFormat(lang).format(toDate(value));
}

/** "A, B og C" / "A, B and C". */
export function formatList(items: readonly string[], lang: Language): string {
  return listFormat(lang).format(items);
}
