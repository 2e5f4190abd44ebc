import { describe, expect, it } from 'vitest';
import { actionUrl, caseStatusUrl, InvalidLinkError, secretariatCaseUrl } from '../../../shared/email';
import { normalizeBaseUrl } from '../../../shared/email/links';
import { ConfigError } from '../../../shared/errors';

describe('links', () => {
  it('builds the public routes from the base URL', () => {
    expect(actionUrl('https://flyt.example.no/', 'tok_EN-1')).toBe('https://flyt.example.no/handling/tok_EN-1');
    expect(caseStatusUrl('https://flyt.example.no', 'abc234')).toBe('https://flyt.example.no/sak/abc234');
    expect(secretariatCaseUrl('http://127.0.0.1:3000', 'abc234')).toBe('http://127.0.0.1:3000/sekretariat/sak/abc234');
  });

  it('keeps a path prefix (e.g. an API stage) and drops trailing slashes', () => {
    expect(normalizeBaseUrl('https://x.execute-api.eu-north-1.amazonaws.com/prod//')).toBe(
      'https://x.execute-api.eu-north-1.amazonaws.com/prod',
    );
  });

  it.each([
    'javascript:alert(1)',
    'ftp://flyt.example.no',
    'https://user:pw@flyt.example.no',
    'https://flyt.example.no/?next=evil',
    'https://flyt.example.no/#x',
    'not a url',
  ])('rejects the base URL %s as configuration error', (baseUrl) => {
    expect(() => actionUrl(baseUrl, 'token')).toThrow(ConfigError);
  });

  it.each(['', '../admin', 'a/b', 'a?b=1', 'a#b', '%2e%2e', 'a b', 'x'.repeat(257), 'tøken'])(
    'rejects the path segment %j',
    (segment) => {
      expect(() => actionUrl('https://flyt.example.no', segment)).toThrow(InvalidLinkError);
      expect(() => caseStatusUrl('https://flyt.example.no', segment)).toThrow(InvalidLinkError);
    },
  );
});
