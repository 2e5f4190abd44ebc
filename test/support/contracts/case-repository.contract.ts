import { beforeEach, expect, it } from 'vitest';
import type { Case } from '../../../shared/domain/case';
import { transition } from '../../../shared/domain/lifecycle';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../../../shared/errors';
import type { Page } from '../../../shared/ports/page';
import { exampleCase } from '../fixtures/records';
import type { MakePorts, PersistencePorts } from './ports';

/** A valid case id that sorts by n (1–25). */
const id = (n: number) => `${'c'.repeat(25)}${'abcdefghijklmnopqrstuvwxyz'[n]}`;
const hoursAfter = (h: number) => new Date(Date.UTC(2026, 2, 2, 9 + h)).toISOString();
const system = { kind: 'system' as const };

async function collect<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

export function caseRepositoryContract(makePorts: MakePorts): void {
  let ports: PersistencePorts;
  beforeEach(async () => {
    ports = await makePorts();
  });

  it('stores a new case and reads it back unchanged', async () => {
    const c = exampleCase({ caseId: id(1) });
    await ports.cases.create(c);
    expect(await ports.cases.get(c.caseId)).toEqual(c);
    expect(await ports.cases.get(id(2))).toBeUndefined();
  });

  it('refuses to create a case id twice and keeps the first', async () => {
    const first = exampleCase({ caseId: id(1), title: 'Første' });
    await ports.cases.create(first);
    await expect(ports.cases.create(exampleCase({ caseId: id(1), title: 'Andre' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ports.cases.get(id(1)))?.application.title).toBe('Første');
  });

  it('saves only over the expected version', async () => {
    const c = exampleCase({ caseId: id(1) });
    await ports.cases.create(c);
    const triaged = transition(c, 'triage', { actor: system, at: new Date(hoursAfter(1)) });
    await ports.cases.save(triaged, 1);
    expect(await ports.cases.get(c.caseId)).toEqual(triaged);

    // A writer that read version 1 lost the race: rejected, and the winner's write stays.
    const stale = transition(c, 'withdrawn', { actor: { kind: 'applicant' }, at: new Date(hoursAfter(2)) });
    const error = await ports.cases.save(stale, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as VersionConflictError).expectedVersion).toBe(1);
    expect((await ports.cases.get(c.caseId))?.status).toBe('triage');
  });

  it('rejects saving a case that does not exist, or without a version increase', async () => {
    const c = exampleCase({ caseId: id(1) });
    const next = transition(c, 'triage', { actor: system, at: new Date(hoursAfter(1)) });
    await expect(ports.cases.save(next, 1)).rejects.toBeInstanceOf(NotFoundError);
    await ports.cases.create(c);
    await expect(ports.cases.save(c, 1)).rejects.toBeInstanceOf(RangeError);
    expect(await ports.cases.get(c.caseId)).toEqual(c);
  });

  it('allocates case numbers atomically: 50 concurrent calls get 1..50', async () => {
    const seqs = await Promise.all(Array.from({ length: 50 }, () => ports.cases.allocateCaseNumber(2026)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Each year counts on its own.
    expect(await ports.cases.allocateCaseNumber(2027)).toBe(1);
    expect(await ports.cases.allocateCaseNumber(2026)).toBe(51);
  });

  it('lists by status, least recently updated first, in pages, following status changes', async () => {
    const cases: Case[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const c = exampleCase({ caseId: id(n), seq: n, at: hoursAfter(10 - n) });
      await ports.cases.create(c);
      cases.push(c);
    }
    // Case 2 moves to triage: it leaves the submitted list.
    const moved = transition(cases[1]!, 'triage', { actor: system, at: new Date(hoursAfter(20)) });
    await ports.cases.save(moved, 1);

    const pages = await collect((cursor) => ports.cases.listByStatus('submitted', { limit: 2, cursor }));
    expect(pages.map((p) => p.map((c) => c.caseId))).toEqual([
      [id(5), id(4)],
      [id(3), id(1)],
    ]);
    const triage = await ports.cases.listByStatus('triage', { limit: 10 });
    expect(triage).toEqual({ items: [moved] });
    expect(await ports.cases.listByStatus('approved', { limit: 10 })).toEqual({ items: [] });
  });

  it('lists the journal newest first with only public fields', async () => {
    for (let n = 1; n <= 3; n += 1) {
      await ports.cases.create(exampleCase({ caseId: id(n), seq: n, at: hoursAfter(n), title: `Sak ${n}` }));
    }
    const c3 = (await ports.cases.get(id(3)))!;
    const withdrawn = transition(c3, 'withdrawn', { actor: { kind: 'applicant' }, at: new Date(hoursAfter(5)) });
    await ports.cases.save(withdrawn, 1);

    const first = await ports.cases.listJournal({ limit: 2 });
    expect(first.items.map((r) => r.caseNumber)).toEqual(['2026/0003', '2026/0002']);
    expect(first.items[0]).toEqual({
      caseNumber: '2026/0003',
      title: 'Sak 3',
      organisationName: 'Oslo kommune',
      nivaa: 2,
      status: 'withdrawn',
      submittedAt: hoursAfter(3),
      updatedAt: hoursAfter(5),
      closedAt: hoursAfter(5),
    });
    expect(first.nextCursor).toBeDefined();
    const second = await ports.cases.listJournal({ limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ caseNumber: '2026/0001', status: 'submitted' })] });

    // No personal data, no description, no case id (the key to the status page), also not in cursors.
    const text = JSON.stringify([first, second]) + Buffer.from(first.nextCursor!, 'base64url').toString();
    for (const secret of ['Kari Eksempel', 'kari.eksempel@example.org', '+4740000000', 'byggesøknader', id(1), id(2)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('rejects a forged cursor as a validation error on /cursor', async () => {
    const forged = Buffer.from('not-a-key').toString('base64url');
    for (const list of [
      () => ports.cases.listJournal({ limit: 5, cursor: forged }),
      () => ports.cases.listByStatus('submitted', { limit: 5, cursor: '%%%' }),
    ]) {
      const error = await list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[0]?.pointer).toBe('/cursor');
    }
    await expect(ports.cases.listJournal({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
}
