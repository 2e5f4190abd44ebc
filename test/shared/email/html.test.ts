import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, SafeHtml } from '../../../shared/email';

function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#96;', '`')
    .replaceAll('&amp;', '&');
}

describe('html tagged template', () => {
  it('escapes every special character in interpolated values', () => {
    expect(html`<p>${`& < > " ' \``}</p>`.value).toBe('<p>&amp; &lt; &gt; &quot; &#39; &#96;</p>');
  });

  it('keeps hostile input inert in text and attribute positions', () => {
    const hostile = '"><script>alert(1)</script><a href=\'javascript:x\'>';
    const out = html`<a title="${hostile}">${hostile}</a>`.value;
    expect(out).not.toContain('<script');
    expect(out).not.toContain('"><');
    expect(out).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&#39;javascript:x&#39;&gt;">' +
        '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&#39;javascript:x&#39;&gt;</a>',
    );
  });

  it('inserts nested templates and raw() fragments without escaping them again', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}</p>`.value).toBe('<p><b>a&amp;b</b><br></p>');
    expect(inner).toBeInstanceOf(SafeHtml);
    expect(String(inner)).toBe('<b>a&amp;b</b>');
  });

  it('flattens arrays and renders nothing for null, undefined and false', () => {
    expect(html`${['<a>', html`<i>x</i>`, 0, null, undefined, false, true]}`.value).toBe('&lt;a&gt;<i>x</i>0true');
  });

  it('never lets a character that starts markup or ends an attribute through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const escaped = escapeHtml(s);
        expect(escaped).not.toMatch(/[<>"'`]/);
        expect(decodeEntities(escaped)).toBe(s);
        expect(html`<p title="${s}">${s}</p>`.value).toBe(`<p title="${escaped}">${escaped}</p>`);
      }),
    );
  });
});
