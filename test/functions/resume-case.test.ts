import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/resume-case';
import type { CaseStatus } from '../../shared/kernel/ids';
import { type FakePorts, fakePorts } from '../support/fakes';
import { CASE_ID, call, caseThrough, UNKNOWN_CASE_ID } from '../support/case-api-setup';
import { jsonEvent } from '../support/http-events';

const ROUTE = 'POST /api/secretariat/cases/{caseId}/resume';

function resume(caseId = CASE_ID): APIGatewayProxyEventV2 {
  const event = jsonEvent(ROUTE, `/api/secretariat/cases/${caseId}/resume`, undefined);
  const requestContext = { ...event.requestContext, authorizer: { jwt: { claims: { sub: 'sek-ola' }, scopes: [] } } };
  return { ...event, requestContext, pathParameters: { caseId } };
}

/** A case along `path` whose generation-1 execution stopped (when `stopped`). */
async function setup(path: CaseStatus[], stopped = true): Promise<{ ports: FakePorts; handler: ReturnType<typeof makeHandler> }> {
  const ports = fakePorts();
  const c = caseThrough(path);
  await ports.cases.create(
    stopped && c.workflow
      ? { ...c, workflow: { ...c.workflow, stoppedAt: '2026-03-03T07:00:00.000Z', stopStatus: 'FAILED' } }
      : c,
  );
  ports.clock.set('2026-03-03T08:00:00.000Z');
  return { ports, handler: makeHandler(ports) };
}

describe('POST /api/secretariat/cases/{caseId}/resume', () => {
  it('moves a stopped case to the next generation, logs who resumed it and starts that execution', async () => {
    const { ports, handler } = await setup(['triage']);
    const res = await call(handler, resume());
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ caseId: CASE_ID, caseNumber: '2026/0001', generation: 2 });
    const after = await ports.cases.get(CASE_ID);
    expect(after?.workflow).toEqual({ generation: 2, executionName: '2026-0001-g2' });
    expect(after?.status).toBe('triage');
    expect(after?.events.at(-1)).toEqual({
      type: 'workflow_resumed',
      actor: { kind: 'secretariat', id: 'sek-ola' },
      at: '2026-03-03T08:00:00.000Z',
    });
    expect(ports.workflow.executions.get('2026-0001-g2')).toEqual({ input: JSON.stringify({ caseId: CASE_ID }), starts: 1 });
    expect(ports.workflow.executionsOf(CASE_ID)).toEqual(['2026-0001-g2']);
  });

  it('refuses a workflow that is not recorded as stopped: 409, nothing changes', async () => {
    const { ports, handler } = await setup(['triage'], false);
    const before = await ports.cases.get(CASE_ID);
    const res = await call(handler, resume());
    expect(res.statusCode).toBe(409);
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect(ports.workflow.executions.size).toBe(0);
  });

  it('refuses a closed case even if its workflow stopped', async () => {
    const { ports, handler } = await setup(['triage', 'decision', 'withdrawn']);
    const res = await call(handler, resume());
    expect(res.statusCode).toBe(409);
    expect(ports.workflow.executions.size).toBe(0);
    expect((await ports.cases.get(CASE_ID))?.workflow?.generation).toBe(1);
  });

  it('a retry after a failed start finishes that generation instead of starting another', async () => {
    const { ports, handler } = await setup(['triage']);
    ports.workflow.faults.failNext('startExecution', new Error('throttled'));
    expect((await call(handler, resume())).statusCode).toBe(500);
    expect((await ports.cases.get(CASE_ID))?.workflow?.generation).toBe(2);
    const retried = await call(handler, resume());
    expect(retried.statusCode).toBe(200);
    expect(retried.json).toMatchObject({ generation: 2 });
    // A double click does the same: the same generation, started once.
    expect((await call(handler, resume())).json).toMatchObject({ generation: 2 });
    expect(ports.workflow.executionsOf(CASE_ID)).toEqual(['2026-0001-g2']);
    expect((await ports.cases.get(CASE_ID))?.events.filter((e) => e.type === 'workflow_resumed')).toHaveLength(1);
  });

  it('answers an unknown case with 404', async () => {
    const { handler } = await setup(['triage']);
    expect((await call(handler, resume(UNKNOWN_CASE_ID))).statusCode).toBe(404);
  });

  it('refuses a request without verified JWT claims with 401, starting nothing', async () => {
    const { ports, handler } = await setup(['triage']);
    const event = resume();
    const res = await call(handler, { ...event, requestContext: { ...event.requestContext, authorizer: undefined } } as never);
    expect(res.statusCode).toBe(401);
    expect(ports.workflow.executions.size).toBe(0);
  });
});
