import { DEFAULT_LANGUAGE, type Language } from '../kernel/ids';
import { apiMessages } from './catalogs/api';
import { applicationMessages } from './catalogs/application';
import { classificationMessages } from './catalogs/classification';
import { commonMessages } from './catalogs/common';
import { emailMessages } from './catalogs/email';
import { errorMessages } from './catalogs/errors';
import { governanceMessages } from './catalogs/governance';
import { lifecycleMessages } from './catalogs/lifecycle';
import { pageMessages } from './catalogs/pages';
import { secretariatMessages } from './catalogs/secretariat';

/**
 * All user-facing text. Each area lives in its own catalog file under catalogs/;
 * keys are namespaced by area ("application.title.required", ...).
 */
const areas = [
  commonMessages,
  applicationMessages,
  classificationMessages,
  governanceMessages,
  lifecycleMessages,
  errorMessages,
  emailMessages,
  apiMessages,
  pageMessages,
  secretariatMessages,
] as const;

type AreaKeys<T> = T extends Record<Language, Record<infer K, string>> ? K : never;
export type MessageKey = AreaKeys<(typeof areas)[number]>;

const merged: Record<Language, Record<string, string>> = { nb: {}, nn: {}, en: {} };
for (const area of areas) {
  for (const lang of ['nb', 'nn', 'en'] as const) {
    for (const [key, value] of Object.entries(area[lang] as Record<string, string>)) {
      if (key in merged[lang]) throw new Error(`Duplicate message key ${key}`);
      merged[lang][key] = value;
    }
  }
}

export function isMessageKey(key: string): key is MessageKey {
  return key in merged.nb;
}

export type MessageParams = Record<string, string | number>;

/** Translates a key; unknown params stay visible as {name} so a gap is noticed, not hidden. */
export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = merged[lang][key] ?? merged[DEFAULT_LANGUAGE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole: string, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function allMessageKeys(): string[] {
  return Object.keys(merged.nb);
}

export function catalogFor(lang: Language): Readonly<Record<string, string>> {
  return merged[lang];
}
