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

const dateTimeFormat = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: EMAIL_TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
);
const dateFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: EMAIL_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
);
const compactFormat = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: EMAIL_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
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
