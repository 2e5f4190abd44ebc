import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/withdraw-case';
import { VersionConflictError } from '../../shared/errors';
import { CASE_WITHDRAWN_ERROR } from '../../shared/workflow/contract';
import { fakePorts } from '../support/fakes';
import { exampleStep } from '../support/fixtures/records';
import { CASE_ID, call, openStep, pointers, storeCase, UNKNOWN_CASE_ID } from '../support/case-api-setup';
import { httpEvent, jsonEvent } from '../support/http-events';

const ROUTE = 'POST /api/cases/{caseId}/withdraw';
const PATH = `/api/cases/${CASE_ID}/withdraw`;

function withdraw(body?: unknown, caseId = CASE_ID) {
  const event = body === undefined ? httpEvent(ROUTE, PATH, { headers: { 'content-type': 'application/json' } }) : jsonEvent(ROUTE, PATH, body);
  return { ...event, pathParameters: { caseId } };
}

/** A case in consultation whose two units (styret, brukerråd) wait with their tokens. */
async function consultationCase() {
  const ports = fakePorts();
  await storeCase(ports, ['triage', 'consultation']);
  await ports.steps.create(exampleStep());
  for (const [unitId, token] of [['styret', 'tok-styret'], ['brukerrad', 'tok-brukerrad']] as const) {
    await ports.steps.setUnitToken({ caseId: CASE_ID, stepId: '001', unitId }, token);
    ports.workflow.openTask(token);
  }
  ports.clock.set('2026-03-05T10:00:00.000Z');
  return { ports, handler: makeHandler(ports) };
}

describe('POST /api/cases/{caseId}/withdraw', () => {
  it('withdraws the case, closes its open units and fails every waiting task', async () => {
    const { ports, handler } = await consultationCase();
    const res = await call(handler, withdraw({ reason: 'Vi løser behovet selv.' }));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ caseId: CASE_ID, caseNumber: '2026/0001', status: 'withdrawn', statusText: 'Trukket' });

    const stored = await ports.cases.get(CASE_ID);
    expect(stored?.status).toBe('withdrawn');
    expect(stored?.outcome).toMatchObject({ status: 'withdrawn', reasonKey: 'lifecycle.reason.withdrawnByApplicant' });
    expect(stored?.events.at(-1)).toMatchObject({
      type: 'withdrawn',
      actor: { kind: 'applicant' },
      comment: 'Vi løser behovet selv.',
      at: '2026-03-05T10:00:00.000Z',
    });
    expect(ports.workflow.completions).toEqual([
      { token: 'tok-styret', kind: 'failure', error: CASE_WITHDRAWN_ERROR, cause: expect.any(String) },
      { token: 'tok-brukerrad', kind: 'failure', error: CASE_WITHDRAWN_ERROR, cause: expect.any(String) },
    ]);
    const step = await ports.steps.get(CASE_ID, '001');
    expect(step?.status).toBe('closed');
    expect(step?.units.map((u) => [u.status, u.outcome, u.taskToken])).toEqual([
      ['closed', 'withdrawn', undefined],
      ['closed', 'withdrawn', undefined],
    ]);
  });

  it('accepts a request without a body', async () => {
    const { ports, handler } = await consultationCase();
    const res = await call(handler, withdraw());
    expect(res.statusCode).toBe(200);
    expect((await ports.cases.get(CASE_ID))?.events.at(-1)?.comment).toBeUndefined();
  });

  it('is not stopped by a token that no longer waits, and uses the current token of each unit', async () => {
    const { ports, handler } = await consultationCase();
    ports.workflow.timeOut('tok-styret');
    // A reminder round replaced brukerråd's token: only the new one waits.
    ports.workflow.timeOut('tok-brukerrad');
    await ports.steps.setUnitToken({ caseId: CASE_ID, stepId: '001', unitId: 'brukerrad' }, 'tok-brukerrad-2', 0);
    ports.workflow.openTask('tok-brukerrad-2');

    const res = await call(handler, withdraw());
    expect(res.statusCode).toBe(200);
    expect(ports.workflow.completions).toEqual([
      expect.objectContaining({ token: 'tok-brukerrad-2', kind: 'failure', error: CASE_WITHDRAWN_ERROR }),
    ]);
    const step = await ports.steps.get(CASE_ID, '001');
    expect(step?.units.every((u) => u.status === 'closed' && u.outcome === 'withdrawn')).toBe(true);
  });

  it('closes a unit that has no token yet without completing any task', async () => {
    const ports = fakePorts();
    await storeCase(ports, ['triage']);
    await openStep(ports);
    const res = await call(makeHandler(ports), withdraw());
    expect(res.statusCode).toBe(200);
    expect(ports.workflow.completions).toEqual([]);
    expect((await ports.steps.get(CASE_ID, '001'))?.units[0]?.outcome).toBe('withdrawn');
  });

  it('retries the save after a concurrent change of the case', async () => {
    const { ports, handler } = await consultationCase();
    ports.cases.faults.failNext('save', new VersionConflictError('changed concurrently', 3));
    const res = await call(handler, withdraw());
    expect(res.statusCode).toBe(200);
    expect((await ports.cases.get(CASE_ID))?.status).toBe('withdrawn');
  });

  it('answers 409 for a final case and changes nothing', async () => {
    const ports = fakePorts();
    const approved = await storeCase(ports, ['triage', 'decision', 'approved']);
    const res = await call(makeHandler(ports), withdraw({}));
    expect(res.statusCode).toBe(409);
    expect(res.json.code).toBe('conflict');
    expect(await ports.cases.get(CASE_ID)).toEqual(approved);
  });

  it('answers a second withdrawal with 409, sending no second failure', async () => {
    const { ports, handler } = await consultationCase();
    expect((await call(handler, withdraw())).statusCode).toBe(200);
    const second = await call(handler, withdraw());
    expect(second.statusCode).toBe(409);
    expect(ports.workflow.completions).toHaveLength(2);
  });

  it('finishes the step clean-up of a half-done withdrawal when asked again', async () => {
    const { ports, handler } = await consultationCase();
    // First attempt: the case is withdrawn, then the step read fails.
    ports.steps.faults.failNext('listByCase', new Error('connection reset'));
    expect((await call(handler, withdraw())).statusCode).toBe(500);
    expect((await ports.cases.get(CASE_ID))?.status).toBe('withdrawn');
    expect(ports.workflow.completions).toEqual([]);

    const again = await call(handler, withdraw());
    expect(again.statusCode).toBe(409);
    expect(ports.workflow.completions.map((c) => c.token)).toEqual(['tok-styret', 'tok-brukerrad']);
  });

  it('rejects an invalid body with field pointers and changes nothing', async () => {
    const { ports, handler } = await consultationCase();
    const before = await ports.cases.get(CASE_ID);
    const res = await call(handler, withdraw({ reason: 'x'.repeat(2001), extra: true }));
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json).sort()).toEqual(['/extra', '/reason']);
    const malformed = await call(handler, { ...httpEvent(ROUTE, PATH, { body: '{', headers: { 'content-type': 'application/json' } }), pathParameters: { caseId: CASE_ID } });
    expect(malformed.statusCode).toBe(400);
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect(ports.workflow.completions).toEqual([]);
  });

  it('answers 404 for an unknown or malformed case id', async () => {
    const ports = fakePorts();
    const handler = makeHandler(ports);
    expect((await call(handler, withdraw(undefined, UNKNOWN_CASE_ID))).statusCode).toBe(404);
    expect((await call(handler, withdraw(undefined, '../etc'))).statusCode).toBe(404);
  });

  it('answers an unexpected failure with a generic 500', async () => {
    const { ports, handler } = await consultationCase();
    ports.cases.faults.failNext('save', new Error('ConditionalCheckFailed on flyt-prod-table'));
    const res = await call(handler, withdraw());
    expect(res.statusCode).toBe(500);
    expect(res.text).not.toContain('flyt-prod');
    expect((await ports.cases.get(CASE_ID))?.status).toBe('consultation');
  });
});
