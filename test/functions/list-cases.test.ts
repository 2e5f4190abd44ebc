import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/list-cases';
import type { CaseStatus } from '../../shared/kernel/ids';
import { type FakePorts, fakePorts } from '../support/fakes';
import { call, openStep, pointers, storeCase } from '../support/case-api-setup';
import { httpEvent } from '../support/http-events';

const ROUTE = 'GET /api/secretariat/cases';

function list(query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return httpEvent(ROUTE, '/api/secretariat/cases', { queryStringParameters: query, headers, jwtClaims: { sub: 'sek-test' } });
}

const id = (letter: string) => letter.repeat(26);

/** Stores a case with the given id, submitted on `day` of March 2026, moved through `path`. */
async function addCase(ports: FakePorts, letter: string, day: number, path: CaseStatus[]) {
  const at = `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  return storeCase(ports, path, { caseId: id(letter), seq: day, at, title: `Sak ${letter}` });
}

/** Open cases in every open status, plus a closed one the default queue leaves out. */
async function queue() {
  const ports = fakePorts();
  await addCase(ports, 'b', 2, ['triage']);
  await addCase(ports, 'c', 1, ['triage']);
  await addCase(ports, 'd', 3, []);
  await addCase(ports, 'e', 4, ['triage', 'consultation']);
  await addCase(ports, 'f', 5, ['triage', 'decision', 'returned']);
  await addCase(ports, 'g', 6, ['triage', 'decision', 'approved']);
  await openStep(ports, {
    caseId: id('e'),
    stepId: '002',
    kind: 'consultation',
    definitionId: 'nivaa2.consultation',
    units: [
      {
        unitId: 'samstyringsstrukturen',
        bodyId: 'samstyringsstrukturen',
        remindersLeft: 1,
        deadline: '2026-03-20T12:00:00.000Z',
        recipients: [{ memberId: 'm-siv', language: 'nb' }],
      },
    ],
  });
  await openStep(ports, { caseId: id('c') });
  return { ports, handler: makeHandler(ports) };
}

type Row = Record<string, unknown>;
const rows = (json: Record<string, unknown>) => json.items as Row[];

describe('GET /api/secretariat/cases', () => {
  it('refuses a request without verified JWT claims (401 problem+json)', async () => {
    const { handler } = await queue();
    const res = await call(handler, httpEvent(ROUTE, '/api/secretariat/cases'));
    expect(res.statusCode).toBe(401);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: 'https://beslutningsflyt.ks.no/problems/unauthorized', status: 401 });
    expect(res.json.items).toBeUndefined();
  });

  it('lists every open case, triage first, least recently updated first within a status', async () => {
    const { handler } = await queue();
    const res = await call(handler, list());
    expect(res.statusCode).toBe(200);
    expect(res.json.view).toBe('status');
    expect(rows(res.json).map((r) => [r.caseId, r.status])).toEqual([
      [id('c'), 'triage'],
      [id('b'), 'triage'],
      [id('d'), 'submitted'],
      [id('e'), 'consultation'],
      [id('f'), 'returned'],
    ]);
    expect(res.json.nextCursor).toBeUndefined();
  });

  it('gives each row the case summary and the current step deadline', async () => {
    const { handler } = await queue();
    const res = await call(handler, list({ status: 'consultation' }, { 'accept-language': 'en' }));
    expect(rows(res.json)).toEqual([
      {
        caseId: id('e'),
        caseNumber: '2026/0004',
        title: 'Sak e',
        organisation: 'Oslo kommune',
        nivaa: 2,
        status: 'consultation',
        statusText: 'In consultation',
        needsConfirmation: false,
        deadline: '2026-03-20T12:00:00.000Z',
        currentStep: {
          stepId: '002',
          kind: 'consultation',
          kindText: expect.any(String),
          bodies: ['samstyringsstrukturen'],
          deadline: '2026-03-20T12:00:00.000Z',
        },
        updatedAt: '2026-03-04T11:00:00.000Z',
      },
    ]);
    const triage = await call(handler, list({ status: 'triage' }));
    expect(rows(triage.json).map((r) => r.deadline)).toEqual(['2026-03-09T12:00:00.000Z', null]);
  });

  it('pages across statuses with a cursor, without gaps or repeats', async () => {
    const { handler } = await queue();
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call(handler, list(cursor ? { limit: '2', cursor } : { limit: '2' }));
      expect(res.statusCode).toBe(200);
      expect(rows(res.json).length).toBeLessThanOrEqual(2);
      seen.push(...rows(res.json).map((r) => r.caseId));
      cursor = res.json.nextCursor as string | undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual([id('c'), id('b'), id('d'), id('e'), id('f')]);
    expect(pages).toBe(3);
  });

  it('gives no cursor when a full page ends the list', async () => {
    const ports = fakePorts();
    await addCase(ports, 'b', 2, ['triage']);
    await addCase(ports, 'c', 1, ['triage']);
    const res = await call(makeHandler(ports), list({ limit: '2' }));
    expect(rows(res.json)).toHaveLength(2);
    expect(res.json.nextCursor).toBeUndefined();
  });

  it('lists open steps by deadline with view=deadline, bounded by `before`', async () => {
    const { handler } = await queue();
    const all = await call(handler, list({ view: 'deadline' }));
    expect(all.json.view).toBe('deadline');
    expect(rows(all.json).map((r) => [r.caseId, r.deadline])).toEqual([
      [id('c'), '2026-03-09T12:00:00.000Z'],
      [id('e'), '2026-03-20T12:00:00.000Z'],
    ]);
    const due = await call(handler, list({ view: 'deadline', before: '2026-03-10T00:00:00.000Z' }));
    expect(rows(due.json).map((r) => r.caseId)).toEqual([id('c')]);
  });

  it('rejects bad query parameters with 400 and a pointer per parameter', async () => {
    const { handler } = await queue();
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ status: 'bogus' }, ['/status']],
      [{ limit: '0' }, ['/limit']],
      [{ limit: 'ten' }, ['/limit']],
      [{ limit: '101' }, ['/limit']],
      [{ cursor: 'not-our-cursor' }, ['/cursor']],
      [{ status: 'triage', cursor: 'returned~' }, ['/cursor']],
      [{ view: 'calendar' }, ['/view']],
      [{ view: 'deadline', status: 'triage' }, ['/status']],
      [{ view: 'deadline', before: 'tomorrow' }, ['/before']],
    ];
    for (const [query, expected] of cases) {
      const res = await call(handler, list(query));
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(pointers(res.json), JSON.stringify(query)).toEqual(expected);
    }
  });

  it('answers a storage failure with a generic 500 that leaks nothing', async () => {
    const { ports, handler } = await queue();
    ports.cases.faults.failNext('listByStatus', new Error('AccessDenied for role flyt-list'));
    const res = await call(handler, list());
    expect(res.statusCode).toBe(500);
    expect(res.text).not.toContain('flyt-list');
  });
});
