import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../../shared/domain/lifecycle';
import { ConflictError, NotFoundError, VersionConflictError } from '../../../shared/errors';
import { TaskClosedError } from '../../../shared/ports/workflow';
import {
  appendAudit,
  closeUnit,
  closeUnitAndComplete,
  ignoreClosedTask,
  ignoreDone,
  updateCase,
  WRITE_ATTEMPTS,
  withdrawOpenSteps,
} from '../../../shared/use-cases/case-writes';
import { FakeCaseRepository } from '../../support/fakes/fake-case-repository';
import { FakeStepRepository } from '../../support/fakes/fake-step-repository';
import { FakeWorkflow } from '../../support/fakes/fake-workflow';
import { exampleCase, exampleStep } from '../../support/fixtures/records';

const AT = new Date('2026-03-03T09:00:00.000Z');
const SYSTEM = { kind: 'system' } as const;

async function withCase() {
  const cases = new FakeCaseRepository();
  const c = exampleCase();
  await cases.create(c);
  return { cases, c };
}

async function withStep() {
  const steps = new FakeStepRepository();
  const step = exampleStep();
  await steps.create(step);
  const ref = { caseId: step.caseId, stepId: step.stepId, unitId: 'styret' };
  await steps.setUnitToken(ref, 'token-1');
  return { steps, ref };
}

describe('updateCase: read, change, save on the version read', () => {
  it('decides again on the fresh case after a concurrent change', async () => {
    const { cases, c } = await withCase();
    let calls = 0;
    const saved = await updateCase(cases, c.caseId, (current) => {
      calls += 1;
      // The first time, someone else saves in between: this save must not overwrite it.
      if (calls === 1) void cases.save(appendEvent(current, 'notified', { actor: SYSTEM, at: AT }), current.version);
      return appendEvent(current, 'reminder_sent', { actor: SYSTEM, at: AT });
    });
    expect(calls).toBe(2);
    expect(saved.events.map((e) => e.type)).toEqual(expect.arrayContaining(['notified', 'reminder_sent']));
    expect((await cases.get(c.caseId))?.version).toBe(saved.version);
  });

  it(`gives up with the conflict after ${WRITE_ATTEMPTS} attempts`, async () => {
    const { cases, c } = await withCase();
    for (let i = 0; i < WRITE_ATTEMPTS; i++) cases.faults.failNext('save', new VersionConflictError('changed', 1));
    await expect(updateCase(cases, c.caseId, (cur) => appendEvent(cur, 'notified', { actor: SYSTEM, at: AT }))).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('saves nothing when the change returns the case as it is, and answers an unknown id with NotFoundError', async () => {
    const { cases, c } = await withCase();
    expect((await updateCase(cases, c.caseId, (cur) => cur)).version).toBe(c.version);
    await expect(updateCase(cases, 'bbbbbbbbbbbbbbbbbbbbbbbbbb', (cur) => cur)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('appendAudit logs once when told what already shows it', async () => {
    const { cases, c } = await withCase();
    const logged = (cur: typeof c) => cur.events.some((e) => e.type === 'notified');
    await appendAudit(cases, c.caseId, 'notified', { actor: SYSTEM, at: AT }, logged);
    await appendAudit(cases, c.caseId, 'notified', { actor: SYSTEM, at: AT }, logged);
    expect((await cases.get(c.caseId))?.events.filter((e) => e.type === 'notified')).toHaveLength(1);
  });
});

describe('closeUnit: close on the version the outcome was decided on', () => {
  it('closes with the token held at that version', async () => {
    const { steps, ref } = await withStep();
    const closed = await closeUnit(steps, ref, () => 'approve', AT);
    expect(closed).toEqual({ by: 'this', outcome: 'approve', taskToken: 'token-1' });
    expect((await steps.get(ref.caseId, ref.stepId))?.units[0]).toMatchObject({ status: 'closed', outcome: 'approve' });
  });

  it('decides again on a fresh read when the step changed after it was read', async () => {
    const { steps, ref } = await withStep();
    const stale = await steps.get(ref.caseId, ref.stepId);
    await steps.recordAnswer(ref, { memberId: 'm-anne', choice: 'reject', at: AT.toISOString() });
    const seen: number[] = [];
    const closed = await closeUnit(
      steps,
      ref,
      (_step, unit) => {
        seen.push(unit.answers.length);
        return unit.answers.length > 0 ? 'reject' : 'approve';
      },
      AT,
      stale,
    );
    expect(seen).toEqual([0, 1]);
    expect(closed).toMatchObject({ by: 'this', outcome: 'reject' });
  });

  it('reports a unit closed by someone else, and leaves a unit open while nothing is certain', async () => {
    const { steps, ref } = await withStep();
    expect(await closeUnit(steps, ref, () => undefined, AT)).toBeUndefined();
    await steps.closeUnit(ref, 'reject', AT);
    expect(await closeUnit(steps, ref, () => 'approve', AT)).toEqual({ by: 'other', outcome: 'reject' });
  });

  it('closeUnitAndComplete completes the task once and refuses a second close as a conflict', async () => {
    const { steps, ref } = await withStep();
    const workflow = new FakeWorkflow();
    workflow.openTask('token-1');
    await closeUnitAndComplete({ steps, workflow }, ref, 'approve', AT, 'error.conflict.stepClosed');
    expect(workflow.completions).toEqual([{ token: 'token-1', kind: 'success', output: { unitId: 'styret', outcome: 'approve' } }]);
    await expect(closeUnitAndComplete({ steps, workflow }, ref, 'reject', AT, 'error.conflict.stepClosed')).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(workflow.completions).toHaveLength(1);
  });

  it('withdrawOpenSteps fails waiting tasks, closes every open unit and step, and can run again', async () => {
    const { steps, ref } = await withStep();
    const workflow = new FakeWorkflow();
    workflow.openTask('token-1');
    await withdrawOpenSteps({ steps, workflow }, ref.caseId, AT);
    await withdrawOpenSteps({ steps, workflow }, ref.caseId, AT);
    const step = await steps.get(ref.caseId, ref.stepId);
    expect(step?.status).toBe('closed');
    expect(step?.units.map((u) => u.outcome)).toEqual(['withdrawn', 'withdrawn']);
    expect(workflow.completions.map((c) => c.kind)).toEqual(['failure']);
  });
});

describe('idempotent completions', () => {
  it('ignoreDone swallows "already done" conflicts only', async () => {
    await expect(ignoreDone(Promise.reject(new ConflictError('exists')))).resolves.toBeUndefined();
    await expect(ignoreDone(Promise.reject(new Error('network')))).rejects.toThrow('network');
  });

  it('ignoreClosedTask swallows a task that no longer waits, nothing else', async () => {
    await expect(ignoreClosedTask(Promise.reject(new TaskClosedError('gone')))).resolves.toBeUndefined();
    await expect(ignoreClosedTask(Promise.reject(new ConflictError('other')))).rejects.toBeInstanceOf(ConflictError);
  });
});
