import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/kernel/ids';
import { t } from '../../../shared/i18n';
import { CASE_ID, HOSTILE_FRAGMENTS, KINDS, NORMALIZED_BASE, TOKEN } from '../../support/fixtures/hostile-emails';

const KEY_LEFT = /\b(email|common|status|event|lifecycle|governance|classification|error)\.[A-Za-z_]+(\.[A-Za-z_]+)*/;
const PARAM_LEFT = /\{\w+\}/;
const LAYOUT_TAGS = [
  'html', 'head', 'meta', 'title', 'body', 'div', 'table', 'tr', 'td', 'th', 'h1', 'p', 'ul', 'li',
  'blockquote', 'a', 'br', 'strong', 'span',
];

describe.each(KINDS)('e-mail: $name', (kind) => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const email = kind.render(lang);

    it('leaves no message key or {param} untranslated', () => {
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toMatch(PARAM_LEFT);
        expect(part).not.toMatch(KEY_LEFT);
      }
    });

    it('has a one-line subject without control characters', () => {
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject).toContain('2026/0042');
      expect(Array.from(email.subject).length).toBeLessThanOrEqual(150);
    });

    it('escapes hostile input in the HTML part', () => {
      for (const fragment of HOSTILE_FRAGMENTS) expect(email.html).not.toContain(fragment);
      // Only the elements the layout itself writes: user input never opens a tag.
      const tags = new Set([...email.html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]?.toLowerCase()));
      for (const tag of tags) expect(LAYOUT_TAGS).toContain(tag);
      expect(email.html).toContain('&lt;script&gt;');
    });

    it('is a complete HTML document in the recipient language with the shared footer', () => {
      expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(email.html).toContain(`<html lang="${lang}">`);
      for (const part of [email.text, email.html]) {
        expect(part).toContain('Beslutningsflyt – KS Digitale fellestjenester');
        expect(part).toContain(t(lang, 'email.footer.automatic'));
      }
    });

    it('links only to the configured base URL', () => {
      const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      for (const href of hrefs) expect(href?.startsWith(`${NORMALIZED_BASE}/`)).toBe(true);
      // Quoted applicant text ("> ...") may mention URLs; everything we write links to us.
      const ours = email.text
        .split('\n')
        .filter((line) => !line.startsWith('> '))
        .join('\n');
      const urls = ours.match(/https?:\/\/\S+/g) ?? [];
      for (const url of urls) expect(url.startsWith(`${NORMALIZED_BASE}/`)).toBe(true);
    });

    it('carries the action link and the "nothing changes until you confirm" note exactly when it asks for an action', () => {
      const safeNote = t(lang, 'email.action.safeNote');
      const actionLink = `${NORMALIZED_BASE}/handling/${TOKEN}`;
      const statusLink = `${NORMALIZED_BASE}/sak/${CASE_ID}`;
      for (const part of [email.text, email.html]) {
        expect(part.includes(safeNote)).toBe(kind.action !== null);
        expect(part.includes(actionLink)).toBe(kind.action === 'token');
        if (kind.action === 'status') expect(part).toContain(statusLink);
        // The applicant's status link grants access to the case: never to members or observers.
        if (!kind.applicantLink) expect(part).not.toContain(`${NORMALIZED_BASE}/sak/`);
      }
    });
  });

  it('is really translated: the three languages differ', () => {
    const [nb, nn, en] = LANGUAGES.map((lang) => kind.render(lang).text);
    expect(nn).not.toBe(nb);
    expect(en).not.toBe(nb);
    expect(en).not.toBe(nn);
  });
});

describe('content details', () => {
  const byName = (name: string) => {
    const kind = KINDS.find((k) => k.name === name);
    if (!kind) throw new Error(`no fixture ${name}`);
    return kind;
  };

  it('formats the deadline in Oslo time in the recipient language', () => {
    const render = byName('decision request').render;
    expect(render('nb').text).toContain('tirsdag 14. april 2026 kl. 12:00');
    expect(render('nn').text).toContain('tysdag 14. april 2026 kl. 12:00');
    expect(render('en').text).toMatch(/Tuesday,? 14 April 2026 at 12:00/);
    expect(render('nb').subject).toContain('14. apr. 2026');
  });

  it('lists the allowed choices and the statements so far in a decision request', () => {
    const { text, html } = byName('decision request').render('nb');
    for (const label of ['Godkjenne', 'Avslå', 'Løfte saken til nivå 1']) {
      expect(text).toContain(`- ${label}`);
      expect(html).toContain(`>${label}</li>`);
    }
    expect(text).toContain('Samstyringsstrukturen i KS: har innvendinger');
    expect(text).toContain('Representasjonsrådet: ikke svart innen fristen');
  });

  it('keeps the structure of a multi-line comment without letting markup through', () => {
    const { text, html } = byName('amendment request').render('nb');
    expect(text).toContain('> Første linje\n> <a href="javascript:alert(1)">klikk</a>\n> Siste linje');
    expect(html).toContain('Første linje<br>&lt;a href=&quot;javascript:alert(1)&quot;&gt;klikk&lt;/a&gt;<br>Siste linje');
  });

  it('shows the proposed nivå, its reasons and the path ahead in the receipt', () => {
    const { text } = byName('receipt').render('en');
    expect(text).toContain('Proposed level: 2');
    expect(text).toContain(
      `We propose that the case is handled at level 2 because:\n- ${t('en', 'classification.reason.newWithPublicFunding')}\n- Level 2`,
    );
    expect(text).toContain('- Consultation: KS co-governance structure (samstyringsstrukturen).');
    expect(text).toContain('- Decision: Board of DIF.');
  });

  it('escapes the recipient name in the greeting and keeps it on one line', () => {
    const { text, html } = byName('consultation request').render('nb');
    expect(text).toContain('Hei Kari Nordmann <b>bold</b>,');
    expect(html).toContain('Hei Kari Nordmann &lt;b&gt;bold&lt;/b&gt;,');
  });

  it('gives no internals in the workflow failure e-mail', () => {
    const { text } = byName('workflow failure').render('en');
    expect(text).toContain('The workflow for case 2026/0042 stopped because of a technical error.');
    expect(text).not.toMatch(/arn:|stack|Error:|States\./);
  });
});
