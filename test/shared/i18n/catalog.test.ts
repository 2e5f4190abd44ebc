import { describe, expect, it } from 'vitest';
import { emailMessages } from '../../../shared/i18n/catalogs/email';
import { governanceMessages } from '../../../shared/i18n/catalogs/governance';
import { LANGUAGES } from '../../../shared/kernel/ids';

type Catalog = Record<(typeof LANGUAGES)[number], Record<string, string>>;

/** A key's wording in every language: equal triples mean the same words translated twice. */
function wording(catalog: Catalog, key: string): string {
  return JSON.stringify(LANGUAGES.map((lang) => catalog[lang][key]));
}

describe('message catalogs', () => {
  it('translate the governance words once: no e-mail key copies a governance key in nb, nn and en', () => {
    const governance = new Map<string, string>();
    for (const key of Object.keys(governanceMessages.nb)) governance.set(wording(governanceMessages, key), key);
    const copies = Object.keys(emailMessages.nb)
      .map((key) => [key, governance.get(wording(emailMessages, key))] as const)
      .filter(([, twin]) => twin !== undefined);
    expect(copies).toEqual([]);
  });
});
