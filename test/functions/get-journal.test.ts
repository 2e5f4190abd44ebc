import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/get-journal';
import { fakePorts } from '../support/fakes';
import { call, pointers, storeCase } from '../support/case-api-setup';
import { httpEvent } from '../support/http-events';

const ROUTE = 'GET /api/journal';

function journal(query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return httpEvent(ROUTE, '/api/journal', { queryStringParameters: query, headers });
}

async function journalWithCases() {
  const ports = fakePorts();
  await storeCase(ports, ['triage'], { caseId: 'b'.repeat(26), seq: 1, at: '2026-03-01T09:00:00.000Z', title: 'Eldste' });
  await storeCase(ports, ['triage', 'decision', 'approved'], {
    caseId: 'c'.repeat(26),
    seq: 2,
    at: '2026-03-02T09:00:00.000Z',
    title: 'Godkjent sak',
  });
  await storeCase(ports, [], { caseId: 'd'.repeat(26), seq: 3, at: '2026-03-03T09:00:00.000Z', title: 'Nyeste' });
  return { ports, handler: makeHandler(ports) };
}

type Row = Record<string, unknown>;

describe('GET /api/journal', () => {
  it('lists cases newest first with number, title, organisation, nivå, status and dates', async () => {
    const { handler } = await journalWithCases();
    const res = await call(handler, journal({}, { 'accept-language': 'en' }));
    expect(res.statusCode).toBe(200);
    const items = res.json.items as Row[];
    expect(items.map((r) => r.caseNumber)).toEqual(['2026/0003', '2026/0002', '2026/0001']);
    expect(items[1]).toEqual({
      caseNumber: '2026/0002',
      title: 'Godkjent sak',
      organisationName: 'Oslo kommune',
      nivaa: 2,
      status: 'approved',
      statusText: 'Approved',
      submittedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T12:00:00.000Z',
      closedAt: '2026-03-02T12:00:00.000Z',
    });
    expect(res.json.nextCursor).toBeUndefined();
  });

  it('contains no personal data and no case ids (the key to the status page)', async () => {
    const { handler } = await journalWithCases();
    const res = await call(handler, journal());
    for (const secret of ['Kari Eksempel', 'kari.eksempel@example.org', '+4740000000', 'contactPerson', '@']) {
      expect(res.text).not.toContain(secret);
    }
    for (const caseId of ['b', 'c', 'd'].map((l) => l.repeat(26))) expect(res.text).not.toContain(caseId);
    expect(res.text).not.toContain('needDescription');
  });

  it('pages with a cursor', async () => {
    const { handler } = await journalWithCases();
    const first = await call(handler, journal({ limit: '2' }));
    expect((first.json.items as Row[]).map((r) => r.caseNumber)).toEqual(['2026/0003', '2026/0002']);
    const second = await call(handler, journal({ limit: '2', cursor: String(first.json.nextCursor) }));
    expect((second.json.items as Row[]).map((r) => r.caseNumber)).toEqual(['2026/0001']);
    expect(second.json.nextCursor).toBeUndefined();
  });

  it('rejects a bad limit or cursor with 400 and a pointer', async () => {
    const { handler } = await journalWithCases();
    for (const [query, pointer] of [
      [{ limit: '0' }, '/limit'],
      [{ limit: '1000' }, '/limit'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, '/cursor'],
    ] as const) {
      const res = await call(handler, journal(query));
      expect(res.statusCode).toBe(400);
      expect(pointers(res.json)).toEqual([pointer]);
    }
  });

  it('answers a storage failure with a generic 500 that leaks nothing', async () => {
    const { ports, handler } = await journalWithCases();
    ports.cases.faults.failNext('listJournal', new Error('ResourceNotFound: table flyt-journal'));
    const res = await call(handler, journal());
    expect(res.statusCode).toBe(500);
    expect(res.text).not.toContain('flyt-journal');
  });
});
