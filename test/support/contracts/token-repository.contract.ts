import { beforeEach, expect, it } from 'vitest';
import { ConflictError, GoneError, NotFoundError } from '../../../shared/errors';
import { exampleToken } from '../fixtures/records';
import type { MakePorts, PersistencePorts } from './ports';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const when = new Date('2026-03-05T12:00:00.000Z');

export function tokenRepositoryContract(makePorts: MakePorts): void {
  let ports: PersistencePorts;
  beforeEach(async () => {
    ports = await makePorts();
    await ports.tokens.put(exampleToken({ tokenHash: A }));
  });

  it('stores a token under its hash; a second put of the hash conflicts', async () => {
    expect(await ports.tokens.getByHash(A)).toEqual(exampleToken({ tokenHash: A }));
    expect(await ports.tokens.getByHash(B)).toBeUndefined();
    await expect(ports.tokens.put(exampleToken({ tokenHash: A, memberId: 'm-other' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ports.tokens.getByHash(A))?.memberId).toBe('m-anne');
  });

  it('marks a token used exactly once, even when clicked concurrently', async () => {
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => ports.tokens.markUsed(A, 'object', when)));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    expect(fulfilled).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(ConflictError);
        expect((r.reason as ConflictError).messageKey).toBe('error.conflict.alreadyDecided');
      }
    }
    const stored = await ports.tokens.getByHash(A);
    expect(stored).toEqual({ ...exampleToken({ tokenHash: A }), usedAt: when.toISOString(), usedChoice: 'object' });
  });

  it('supersedes an unused token, after which it cannot be used (410)', async () => {
    await ports.tokens.supersede(A, B);
    expect((await ports.tokens.getByHash(A))?.supersededBy).toBe(B);
    await expect(ports.tokens.markUsed(A, 'support', when)).rejects.toBeInstanceOf(GoneError);
    await expect(ports.tokens.supersede(A, 'c'.repeat(64))).rejects.toBeInstanceOf(GoneError);
    expect((await ports.tokens.getByHash(A))?.usedAt).toBeUndefined();
  });

  it('does not supersede a used token, and reports unknown hashes as not found', async () => {
    await ports.tokens.markUsed(A, 'support', when);
    await expect(ports.tokens.supersede(A, B)).rejects.toBeInstanceOf(ConflictError);
    expect((await ports.tokens.getByHash(A))?.supersededBy).toBeUndefined();
    await expect(ports.tokens.markUsed(B, 'support', when)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ports.tokens.supersede(B, A)).rejects.toBeInstanceOf(NotFoundError);
    expect(await ports.tokens.getByHash(B)).toBeUndefined();
  });
}
