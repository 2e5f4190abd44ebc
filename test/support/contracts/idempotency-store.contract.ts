import { beforeEach, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/errors';
import { IDEMPOTENCY_TTL_SECONDS } from '../../../shared/ports/idempotency-store';
import type { MakePorts, PersistencePorts } from './ports';

const now = new Date('2026-03-02T09:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const C1 = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
const C2 = 'bbbbbbbbbbbbbbbbbbbbbbbbbb';

export function idempotencyStoreContract(makePorts: MakePorts): void {
  let ports: PersistencePorts;
  beforeEach(async () => {
    ports = await makePorts();
  });

  it('claims a new key once; a repeat sees the first claim until completed, then the response', async () => {
    expect(await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C1, now })).toEqual({ status: 'new' });
    expect(await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C2, now: later(5) })).toEqual({
      status: 'existing',
      bodyHash: H1,
      caseId: C1,
      claimedAt: now.toISOString(),
    });
    const response = { caseId: C1, caseNumber: '2026/0001', nivaa: 2, statusUrl: '/sak/x', note: undefined };
    await ports.idempotency.complete('k1', response);
    expect(await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C2, now: later(10) })).toEqual({
      status: 'existing',
      bodyHash: H1,
      caseId: C1,
      claimedAt: now.toISOString(),
      response: { caseId: C1, caseNumber: '2026/0001', nivaa: 2, statusUrl: '/sak/x' },
    });
  });

  it('shows the caller a different body hash under the same key (→ 422) and keeps the first', async () => {
    await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C1, now });
    const result = await ports.idempotency.claim({ key: 'k1', bodyHash: H2, caseId: C2, now });
    expect(result).toEqual({ status: 'existing', bodyHash: H1, caseId: C1, claimedAt: now.toISOString() });
    expect(await ports.idempotency.claim({ key: 'k2', bodyHash: H2, caseId: C2, now })).toEqual({ status: 'new' });
  });

  it('grants exactly one of many concurrent claims of a key', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: `${'c'.repeat(25)}${'abcdefghij'[i]}`, now }),
      ),
    );
    expect(results.filter((r) => r.status === 'new')).toHaveLength(1);
    const caseIds = new Set(results.map((r) => (r.status === 'existing' ? r.caseId : 'new')));
    expect(caseIds.size).toBe(2);
  });

  it('lets a key be claimed again once it has expired', async () => {
    await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C1, now });
    const justBefore = await ports.idempotency.claim({
      key: 'k1',
      bodyHash: H2,
      caseId: C2,
      now: later(IDEMPOTENCY_TTL_SECONDS - 1),
    });
    expect(justBefore.status).toBe('existing');
    const after = later(IDEMPOTENCY_TTL_SECONDS);
    expect(await ports.idempotency.claim({ key: 'k1', bodyHash: H2, caseId: C2, now: after })).toEqual({
      status: 'new',
    });
    expect(await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C1, now: after })).toEqual({
      status: 'existing',
      bodyHash: H2,
      caseId: C2,
      claimedAt: after.toISOString(),
    });
  });

  it('lets exactly one of several repeats take over a claim, and only from the claim it read', async () => {
    await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C1, now });
    const takeOvers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ports.idempotency.renewClaim('k1', now.toISOString(), later(100 + i))),
    );
    expect(takeOvers.filter(Boolean)).toHaveLength(1);
    expect(await ports.idempotency.renewClaim('k1', now.toISOString(), later(200))).toBe(false);
    const seen = await ports.idempotency.claim({ key: 'k1', bodyHash: H1, caseId: C2, now: later(300) });
    expect(seen).toMatchObject({ status: 'existing', caseId: C1 });
    expect(seen.status === 'existing' && seen.claimedAt).not.toBe(now.toISOString());
    expect(await ports.idempotency.renewClaim('never', now.toISOString(), later(1))).toBe(false);
  });

  it('refuses to complete a key that was never claimed', async () => {
    await expect(ports.idempotency.complete('never', { caseId: C1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await ports.idempotency.claim({ key: 'never', bodyHash: H1, caseId: C1, now })).toEqual({ status: 'new' });
  });
}
