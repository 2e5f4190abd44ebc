import { describe, expect, it } from 'vitest';
import { cryptoIds } from '../../../functions/adapters/ids';
import { HmacTokenHasher, hashToken, newRawToken } from '../../../functions/adapters/crypto';
import { isTokenHash, isWellFormedRawToken, tokenState } from '../../../shared/domain/action-token';
import { isValidCaseId } from '../../../shared/domain/case';
import { FakeIds, FakeSecrets } from '../../support/fakes';
import { exampleToken } from '../../support/fixtures/records';

describe('action-link tokens', () => {
  it('are 256 random bits in base64url, never repeating', () => {
    const tokens = Array.from({ length: 1000 }, newRawToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens) {
      expect(isWellFormedRawToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(isWellFormedRawToken(`${tokens[0]}=`)).toBe(false);
    expect(isWellFormedRawToken(tokens[0]!.slice(1))).toBe(false);
  });

  it('are stored as HMAC-SHA256 under the action key (RFC 4231 test case 2)', () => {
    expect(hashToken('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const token = newRawToken();
    expect(isTokenHash(hashToken(token, 'key-one-'.repeat(4)))).toBe(true);
    expect(hashToken(token, 'key-one-'.repeat(4))).not.toBe(hashToken(token, 'key-two-'.repeat(4)));
  });

  it('are hashed with the key from the secrets port', async () => {
    const secrets = new FakeSecrets('s'.repeat(40));
    const hasher = new HmacTokenHasher(secrets);
    expect(await hasher.hash('abc')).toBe(hashToken('abc', 's'.repeat(40)));
  });

  it('state: used before superseded before expired', () => {
    const now = new Date('2026-03-10T00:00:00.000Z');
    expect(tokenState(exampleToken(), now)).toBe('usable');
    expect(tokenState(exampleToken({ expiresAt: '2026-03-10T00:00:00Z' }), now)).toBe('expired');
    expect(tokenState(exampleToken({ supersededBy: 'b'.repeat(64), expiresAt: '2026-03-01T00:00:00Z' }), now)).toBe(
      'superseded',
    );
    expect(
      tokenState(exampleToken({ usedAt: '2026-03-03T00:00:00.000Z', supersededBy: 'b'.repeat(64) }), now),
    ).toBe('used');
  });
});

describe('id generators', () => {
  it('issue valid, distinct case ids and tokens', () => {
    for (const ids of [cryptoIds, new FakeIds()]) {
      const caseIds = Array.from({ length: 200 }, () => ids.newCaseId());
      expect(new Set(caseIds).size).toBe(200);
      expect(caseIds.every(isValidCaseId)).toBe(true);
      const tokens = Array.from({ length: 200 }, () => ids.newToken());
      expect(new Set(tokens).size).toBe(200);
      expect(tokens.every(isWellFormedRawToken)).toBe(true);
    }
  });

  it('fake ids repeat across instances with the same seed', () => {
    expect(new FakeIds().newCaseId()).toBe(new FakeIds().newCaseId());
    expect(new FakeIds('x').newToken()).not.toBe(new FakeIds('y').newToken());
  });
});
