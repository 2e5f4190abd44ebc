import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidRecipientError, isValidRecipient, MAX_SUBJECT_LENGTH, parseRecipient, sanitizeSubject } from '../../../shared/email';

describe('sanitizeSubject', () => {
  it('turns CR/LF into spaces so no header can be injected', () => {
    expect(sanitizeSubject('Sak 2026/0001\r\nBcc: victim@example.org')).toBe('Sak 2026/0001 Bcc: victim@example.org');
    expect(sanitizeSubject('a\nb\rc')).toBe('a b c');
  });

  it('removes other control characters, line separators and bidi overrides', () => {
    expect(sanitizeSubject('a\u0000b\u0007c\u0085d\u2028e\u202ef\u2066g\u007f')).toBe('a b c d e f g');
  });

  it('collapses whitespace and trims', () => {
    expect(sanitizeSubject('  Ny\t\tsak   her  ')).toBe('Ny sak her');
  });

  it('limits the length and marks the cut', () => {
    const subject = sanitizeSubject('x'.repeat(500));
    expect(Array.from(subject)).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(subject.endsWith('…')).toBe(true);
    expect(sanitizeSubject('Kort emne')).toBe('Kort emne');
  });

  it('never cuts inside a surrogate pair', () => {
    const subject = sanitizeSubject('😀'.repeat(400));
    expect(Array.from(subject)).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(subject).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('yields one line without control characters for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 400 }), (a, b) => {
        const subject = sanitizeSubject(a + b);
        expect(Array.from(subject).length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
        for (const ch of subject) {
          const code = ch.codePointAt(0) ?? 0;
          expect(code < 0x20 || (code >= 0x7f && code <= 0x9f)).toBe(false);
        }
      }),
    );
  });
});

describe('parseRecipient', () => {
  it('accepts one bare address and trims it', () => {
    expect(parseRecipient('kari.nordmann@kommune.no')).toBe('kari.nordmann@kommune.no');
    expect(parseRecipient('  ola+sak_1@bergen.kommune.no ')).toBe('ola+sak_1@bergen.kommune.no');
  });

  it('converts an internationalised domain to punycode', () => {
    expect(parseRecipient('post@bærum.kommune.no')).toBe('post@xn--brum-voa.kommune.no');
  });

  it.each([
    ['CRLF header injection', 'a@kommune.no\r\nBcc: victim@example.org'],
    ['a bare LF', 'a@kommune.no\nb'],
    ['a NUL', 'a@kommune.no\u0000'],
    ['two addresses with a comma', 'a@kommune.no, b@kommune.no'],
    ['two addresses without a space', 'a@kommune.no,b@kommune.no'],
    ['two addresses with a semicolon', 'a@kommune.no;b@kommune.no'],
    ['a display name', 'Kari <a@kommune.no>'],
    ['a quoted local part', '"kari nordmann"@kommune.no'],
    ['a space', 'kari nordmann@kommune.no'],
    ['no domain dot', 'a@localhost'],
    ['no local part', '@kommune.no'],
    ['no domain', 'a@'],
    ['two @', 'a@b@kommune.no'],
    ['consecutive dots', 'a..b@kommune.no'],
    ['a leading hyphen in a label', 'a@-kommune.no'],
    ['a too long local part', `${'x'.repeat(65)}@kommune.no`],
    ['a too long address', `a@${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(63)}.no`],
    ['nothing', ''],
  ])('rejects %s', (_what, address) => {
    expect(() => parseRecipient(address)).toThrow(InvalidRecipientError);
    expect(isValidRecipient(address)).toBe(false);
  });

  it('does not put the address in the error (personal data)', () => {
    try {
      parseRecipient('secret.person@kommune.no, other@kommune.no');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRecipientError);
      expect((error as Error).name).toBe('InvalidRecipientError');
      expect((error as Error).message).not.toContain('secret.person');
    }
  });
});
