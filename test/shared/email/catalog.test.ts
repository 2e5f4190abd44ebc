import { describe, expect, it } from 'vitest';
import { BODY_IDS, CHOICES, LANGUAGES, STEP_KINDS, UNIT_OUTCOMES } from '../../../shared/kernel/ids';
import { bodyName, choiceLabel, outcomeLabel, stepLabel } from '../../../shared/email/labels';
import { emailMessages } from '../../../shared/i18n/catalogs/email';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('e-mail catalog', () => {
  const keys = Object.keys(emailMessages.nb) as Array<keyof typeof emailMessages.nb>;

  it('has the same keys and the same parameters in nb, nn and en', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(emailMessages[lang]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const text = emailMessages[lang][key];
        expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(params(text), `${lang} ${key}`).toEqual(params(emailMessages.nb[key]));
      }
    }
  });

  it('holds plain text only (the renderer builds all markup)', () => {
    for (const lang of LANGUAGES) {
      for (const key of keys) expect(emailMessages[lang][key], `${lang} ${key}`).not.toMatch(/[<>&]/);
    }
  });

  it('is real nynorsk, not bokmål copied', () => {
    const bokmaal = /\b(ikke|hvis|fra|innen|mer|saken|noen|ennå|trenger|mottatt|følge|gjøre|nedenfor)\b/i;
    for (const key of keys) expect(emailMessages.nn[key], key).not.toMatch(bokmaal);
    const same = keys.filter((key) => emailMessages.nn[key] === emailMessages.nb[key]);
    expect(same.length / keys.length).toBeLessThan(0.3);
  });

  it('names every body, choice, outcome and step kind in every language', () => {
    for (const lang of LANGUAGES) {
      const labels = [
        ...BODY_IDS.map((b) => bodyName(b, lang)),
        ...CHOICES.map((c) => choiceLabel(c, lang)),
        ...UNIT_OUTCOMES.map((o) => outcomeLabel(o, lang)),
        ...[...STEP_KINDS, 'recommendation' as const].map((s) => stepLabel(s, lang)),
      ];
      for (const label of labels) expect(label).not.toMatch(/^[a-z]+\.[a-z_.]+$/i);
      expect(new Set(BODY_IDS.map((b) => bodyName(b, lang))).size).toBe(BODY_IDS.length);
      expect(new Set(CHOICES.map((c) => choiceLabel(c, lang))).size).toBe(CHOICES.length);
    }
  });
});
