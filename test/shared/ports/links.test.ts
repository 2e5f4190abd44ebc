import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/errors';
import { InvalidLinkError, makeLinks, normalizeBaseUrl } from '../../../shared/ports/links';

const links = makeLinks('https://flyt.example.no');

describe('links', () => {
  it('builds the public routes from the base URL', () => {
    expect(makeLinks('https://flyt.example.no/').action('tok_EN-1')).toBe('https://flyt.example.no/handling/tok_EN-1');
    expect(makeLinks('https://flyt.example.no').caseStatus('abc234')).toBe('https://flyt.example.no/sak/abc234');
    expect(makeLinks('http://127.0.0.1:3000').secretariatCase('abc234')).toBe('http://127.0.0.1:3000/sekretariat/sak/abc234');
  });

  it('builds the secretariat sign-in return addresses from the base URL', () => {
    const staged = makeLinks('https://x.execute-api.eu-north-1.amazonaws.com/prod/');
    expect(staged.secretariatSignInDone()).toBe('https://x.execute-api.eu-north-1.amazonaws.com/prod/sekretariat/innlogging/ferdig');
    expect(staged.secretariatSignOut()).toBe('https://x.execute-api.eu-north-1.amazonaws.com/prod/sekretariat/utlogging');
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
    expect(() => makeLinks(baseUrl).action('token')).toThrow(ConfigError);
  });

  it.each(['', '../admin', 'a/b', 'a?b=1', 'a#b', '%2e%2e', 'a b', 'x'.repeat(257), 'tøken'])(
    'rejects the path segment %j',
    (segment) => {
      expect(() => links.action(segment)).toThrow(InvalidLinkError);
      expect(() => links.caseStatus(segment)).toThrow(InvalidLinkError);
      expect(() => links.secretariatCase(segment)).toThrow(InvalidLinkError);
    },
  );
});
