import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/adapters/crypto';
import { makeHandler } from '../../functions/submit-application';
import { IDEMPOTENCY_LEASE_SECONDS } from '../../shared/ports/idempotency-store';
import { makeLinks } from '../../shared/ports/links';
import { fakePorts } from '../support/fakes';
import { exampleApplication } from '../support/fixtures/application';
import { httpEvent, jsonEvent } from '../support/http-events';

const ROUTE = 'POST /api/applications';

function setup() {
  const ports = fakePorts();
  const handler = makeHandler({ ...ports, links: makeLinks('https://flyt.example.org'), sha256Hex });
  return { ports, handler };
}

async function call(handler: ReturnType<typeof setup>['handler'], event: ReturnType<typeof httpEvent>) {
  const result = await handler(event);
  return { ...result, json: JSON.parse(String(result.body)) as Record<string, unknown> };
}

describe('POST /api/applications', () => {
  it('stores the case, starts its workflow and answers 201 with the contract fields', async () => {
    const { ports, handler } = setup();
    const res = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication()));
    expect(res.statusCode).toBe(201);
    const caseId = String(res.json.caseId);
    expect(res.json).toEqual({
      caseId,
      caseNumber: expect.stringMatching(/^\d{4}\/\d{4}$/),
      nivaa: 2,
      statusUrl: `https://flyt.example.org/sak/${caseId}`,
    });
    const stored = await ports.cases.get(caseId);
    expect(stored?.status).toBe('submitted');
    expect(stored?.caseNumber).toBe(res.json.caseNumber);
    // The execution name is the case number and generation, never the secret case id.
    const name = `${String(res.json.caseNumber).replace('/', '-')}-g1`;
    expect(ports.workflow.executions.get(name)).toEqual({ input: JSON.stringify({ caseId }), starts: 1 });
    expect(ports.workflow.executionsOf(caseId)).toEqual([name]);
    expect(stored?.workflow).toEqual({ generation: 1, executionName: name });
  });

  it('numbers cases per year in sequence', async () => {
    const { handler } = setup();
    const first = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication()));
    const second = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication()));
    const seq = (n: unknown) => Number(String(n).split('/')[1]);
    expect(seq(second.json.caseNumber)).toBe(seq(first.json.caseNumber) + 1);
  });

  it('rejects an invalid application with one problem entry per field and stores nothing', async () => {
    const { ports, handler } = setup();
    const bad = { ...exampleApplication(), title: '', contactPerson: { name: 'A', email: 'nope', phone: '1' } };
    const res = await call(handler, jsonEvent(ROUTE, '/api/applications', bad, { 'accept-language': 'en' }));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    const pointers = (res.json.errors as Array<{ pointer: string; message: string }>).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/title', '/contactPerson/email', '/contactPerson/phone']));
    expect(ports.cases.all().length).toBe(0);
    expect(ports.workflow.executions.size).toBe(0);
  });

  it('answers malformed JSON with 400 problem+json in the requested language', async () => {
    const { handler } = setup();
    const res = await call(
      handler,
      httpEvent(ROUTE, '/api/applications', { body: '{"title":', headers: { 'accept-language': 'nn', 'content-type': 'application/json' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-language']).toBe('nn');
    expect(res.json.errors).toEqual([expect.objectContaining({ code: 'error.body.malformedJson' })]);
  });

  it('returns the same case for the same Idempotency-Key and body', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'abc-123' };
    const a = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    // Key order differs: still the same body.
    const reordered = Object.fromEntries(Object.entries(exampleApplication()).reverse());
    const b = await call(handler, jsonEvent(ROUTE, '/api/applications', reordered, headers));
    expect(b.statusCode).toBe(201);
    expect(b.json).toEqual(a.json);
    expect(ports.cases.all().length).toBe(1);
  });

  it('replays the first 201 body for a repeat of a finished submission, without redoing its work', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'done-1' };
    const first = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(first.statusCode).toBe(201);
    // The answer comes from the idempotency record alone: the case store is not needed.
    ports.cases.faults.failNext('get', new Error('unavailable'));
    const repeat = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(repeat.statusCode).toBe(201);
    expect(repeat.json).toEqual(first.json);
    expect(repeat.headers?.location).toBe(`/api/cases/${String(first.json.caseId)}`);
    expect(ports.cases.all().length).toBe(1);
    expect(ports.workflow.executionsOf(String(first.json.caseId)).map((n) => ports.workflow.executions.get(n)?.starts)).toEqual([1]);
  });

  it('burns no case numbers when repeats of one Idempotency-Key arrive at the same time', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'same-moment' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers))),
    );
    const created = answers.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.json).toEqual(created[0]?.json);
    // The others are told to come back, as the request is still in progress.
    for (const r of answers.filter((a) => a.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(r.json.code).toBe('conflict');
    }
    expect(ports.cases.all()).toHaveLength(1);
    // The next case gets the next number: no gap in the public journal.
    const next = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication()));
    expect(String(next.json.caseNumber).slice(-4)).toBe(
      String(Number(String(created[0]?.json.caseNumber).slice(-4)) + 1).padStart(4, '0'),
    );
  });

  it('lets a repeat finish a request that stopped half-way, once its lease has run out', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'half-way' };
    ports.cases.faults.failNext('allocateCaseNumber', new Error('throttled'));
    expect((await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers))).statusCode).toBe(500);
    const soon = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(soon.statusCode).toBe(409);
    expect(ports.cases.all()).toHaveLength(0);
    ports.clock.advance(IDEMPOTENCY_LEASE_SECONDS * 1000);
    const later = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(later.statusCode).toBe(201);
    expect(ports.cases.all()).toHaveLength(1);
    const again = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(again.json).toEqual(later.json);
  });

  it('answers 422 for the same Idempotency-Key with a different body, changing nothing', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'abc-123' };
    await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    const res = await call(
      handler,
      jsonEvent(ROUTE, '/api/applications', exampleApplication({ title: 'Et annet behov' }), headers),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json.code).toBe('idempotency_conflict');
    expect(ports.cases.all().length).toBe(1);
  });

  it('finishes a half-done submission on retry: the workflow start failed the first time', async () => {
    const { ports, handler } = setup();
    const headers = { 'idempotency-key': 'retry-1' };
    ports.workflow.faults.failNext('startExecution', new Error('throttled'));
    const failed = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(failed.statusCode).toBe(500);
    expect(JSON.stringify(failed.json)).not.toContain('throttled');
    const retried = await call(handler, jsonEvent(ROUTE, '/api/applications', exampleApplication(), headers));
    expect(retried.statusCode).toBe(201);
    expect(ports.cases.all().length).toBe(1);
    expect(ports.workflow.executionsOf(String(retried.json.caseId)).map((n) => ports.workflow.executions.get(n)?.starts)).toEqual([1]);
  });

  it('rejects an unusable Idempotency-Key', async () => {
    const { ports, handler } = setup();
    const res = await call(
      handler,
      jsonEvent(ROUTE, '/api/applications', exampleApplication(), { 'idempotency-key': 'has space' }),
    );
    expect(res.statusCode).toBe(400);
    expect(ports.cases.all().length).toBe(0);
  });
});
