import { describe, expect, it } from 'vitest';
import { makeHandler as makeAdvance } from '../../../functions/advance-case';
import { makeHandler as makeNotifyFailure } from '../../../functions/notify-failure';
import { makeHandler as makeRecordStopped } from '../../../functions/record-workflow-stopped';
import { makeHandler as makeResume } from '../../../functions/resume-case';
import { makeHandler as makeStart } from '../../../functions/start-step-unit';
import type { AdvanceOutput } from '../../../shared/workflow/contract';
import { SECRETARIAT_EMAILS, workflowSetup } from '../../support/workflow-setup';
import { call } from '../../support/case-api-setup';
import { jsonEvent } from '../../support/http-events';

type Setup = Awaited<ReturnType<typeof workflowSetup>>;

/** The EventBridge event Step Functions sends when an execution stops (detail as documented). */
function stoppedEvent(caseId: string, name: string, status = 'FAILED') {
  return {
    version: '0',
    source: 'aws.states',
    'detail-type': 'Step Functions Execution Status Change',
    time: '2026-03-03T07:00:00Z',
    detail: {
      executionArn: `arn:aws:states:eu-north-1:111111111111:execution:case:${name}`,
      stateMachineArn: 'arn:aws:states:eu-north-1:111111111111:stateMachine:case',
      name,
      status,
      startDate: 1_772_442_000_000,
      stopDate: 1_772_521_200_000,
      input: JSON.stringify({ caseId }),
      output: null,
    },
  };
}

const resumeEvent = (caseId: string) => {
  const event = jsonEvent('POST /api/secretariat/cases/{caseId}/resume', `/api/secretariat/cases/${caseId}/resume`, undefined);
  const requestContext = { ...event.requestContext, authorizer: { jwt: { claims: { sub: 'sek-ola' }, scopes: [] } } };
  return { ...event, requestContext, pathParameters: { caseId } };
};

async function stop(s: Setup, status = 'TIMED_OUT') {
  const c = await s.ports.cases.get(s.caseId);
  return makeRecordStopped(s.deps)(stoppedEvent(s.caseId, c?.workflow?.executionName ?? '', status));
}

describe('record-workflow-stopped (EventBridge: execution FAILED, TIMED_OUT, ABORTED)', () => {
  it('marks the current generation stopped and tells the secretariat once', async () => {
    const s = await workflowSetup();
    expect(await stop(s)).toEqual({ recorded: true, notified: SECRETARIAT_EMAILS.length });
    const c = await s.ports.cases.get(s.caseId);
    expect(c?.workflow).toEqual({
      generation: 1,
      executionName: '2026-0007-g1',
      stoppedAt: new Date(1_772_521_200_000).toISOString(),
      stopStatus: 'TIMED_OUT',
    });
    expect(c?.events.at(-1)?.type).toBe('workflow_failed');
    expect(s.ports.mailer.sent.map((m) => m.to).sort()).toEqual([...SECRETARIAT_EMAILS].sort());
    // EventBridge delivers at least once: a repeat changes nothing and sends nothing.
    expect(await stop(s)).toEqual({ recorded: false, reason: 'already_recorded' });
    expect(s.ports.mailer.sent).toHaveLength(SECRETARIAT_EMAILS.length);
  });

  it('does not tell the secretariat again when NotifyFailure already did for this generation', async () => {
    const s = await workflowSetup();
    await makeNotifyFailure(s.deps)({ caseId: s.caseId, error: 'States.Runtime' });
    const mailed = s.ports.mailer.sent.length;
    expect(await stop(s, 'FAILED')).toEqual({ recorded: true, notified: 0 });
    expect(s.ports.mailer.sent).toHaveLength(mailed);
    expect((await s.ports.cases.get(s.caseId))?.workflow?.stopStatus).toBe('FAILED');
  });

  it('ignores an event of an older generation and one whose input names no case', async () => {
    const s = await workflowSetup();
    const record = makeRecordStopped(s.deps);
    expect(await record(stoppedEvent(s.caseId, '2026-0007-g0'))).toEqual({ recorded: false, reason: 'other_generation' });
    expect(await record(stoppedEvent('bbbbbbbbbbbbbbbbbbbbbbbbbb', '2026-0007-g1'))).toEqual({ recorded: false, reason: 'unknown_case' });
    expect((await s.ports.cases.get(s.caseId))?.workflow?.stoppedAt).toBeUndefined();
    expect(s.ports.mailer.sent).toEqual([]);
  });

  it('rejects an event without the documented detail', async () => {
    const s = await workflowSetup();
    await expect(makeRecordStopped(s.deps)({ detail: { name: 'x', status: 'SUCCEEDED', input: '{}' } })).rejects.toThrow();
  });
});

describe('resume after a stop: the new execution carries on where the old one died', () => {
  it('hands out the open step again; its unit stores the new token and nobody is asked twice', async () => {
    const s = await workflowSetup();
    const advance = makeAdvance(s.deps);
    const first = (await advance({ caseId: s.caseId, completed: null })) as AdvanceOutput;
    if (first.done || !first.step.units[0]) throw new Error('expected triage');
    await makeStart(s.deps)({ unit: first.step.units[0], taskToken: 'token-gen-1' });
    const before = await s.ports.cases.get(s.caseId);
    const mailed = s.ports.mailer.sent.length;

    await stop(s);
    const resumed = await call(makeResume(s.deps), resumeEvent(s.caseId));
    expect(resumed.statusCode).toBe(200);
    expect(s.ports.workflow.executionsOf(s.caseId)).toEqual(['2026-0007-g2']);

    // Generation 2's first Advance (completed: null) finds the open triage step.
    const again = (await advance({ caseId: s.caseId, completed: null })) as AdvanceOutput;
    expect(again).toMatchObject({ done: false, step: { stepId: first.step.stepId } });
    if (again.done || !again.step.units[0]) throw new Error('expected triage again');
    await makeStart(s.deps)({ unit: again.step.units[0], taskToken: 'token-gen-2' });
    expect((await s.ports.steps.get(s.caseId, first.step.stepId))?.units[0]?.taskToken).toBe('token-gen-2');
    const after = await s.ports.cases.get(s.caseId);
    expect(after?.events.filter((e) => e.type === 'step_started')).toHaveLength(
      before?.events.filter((e) => e.type === 'step_started').length ?? -1,
    );
    expect(after?.status).toBe(before?.status);
    // Only the stop notice to the secretariat went out; no receipt or request again.
    expect(s.ports.mailer.sent.length - mailed).toBe(SECRETARIAT_EMAILS.length);
  });
});
