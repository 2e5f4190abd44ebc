import { describe, expect, it } from 'vitest';
import { makeHandler as makeTimeout } from '../../../functions/handle-unit-timeout';
import { makeHandler as makeNotifyFailure } from '../../../functions/notify-failure';
import { makeHandler as makeStart } from '../../../functions/start-step-unit';
import type { UnitTimeoutOutput } from '../../../shared/workflow/contract';
import {
  atConsultation,
  SECONDS_PER_DAY,
  SECRETARIAT_EMAILS,
  SVARUT_BRUKERRAD_EMAILS,
  workflowSetup,
} from '../../support/workflow-setup';

describe('start-step-unit (AwaitUnit, .waitForTaskToken)', () => {
  it('stores the task token and sends each brukerråd member a personal action link, once', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    s.ports.mailer.sent.length = 0;
    const start = makeStart(s.deps);
    await start({ unit, taskToken: 'token-round-1' });
    const step = await s.ports.steps.get(s.caseId, unit.stepId);
    expect(step?.units[0]?.taskToken).toBe('token-round-1');
    const requests = s.ports.mailer.sent;
    expect(requests.map((m) => m.to).sort()).toEqual([...SVARUT_BRUKERRAD_EMAILS].sort());
    for (const mail of requests) expect(mail.text).toMatch(/https:\/\/flyt\.example\.org\/handling\/[A-Za-z0-9_-]{43}/);
    // Tagged, so an SES bounce of a link e-mail is traced to its case and member.
    for (const mail of requests) expect(mail.tags).toMatchObject({ caseId: s.caseId, recipient: expect.any(String) });
    expect(requests.every((m) => m.onceKey === undefined)).toBe(true);
    // A retried invocation with a new token stores it but does not e-mail everyone again.
    await start({ unit, taskToken: 'token-round-2' });
    expect(s.ports.mailer.sent).toHaveLength(requests.length);
    expect((await s.ports.steps.get(s.caseId, unit.stepId))?.units[0]?.taskToken).toBe('token-round-2');
  });

  it('a retried request round after a crash half-way sends nobody a second request', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    s.ports.mailer.sent.length = 0;
    const mailer = s.ports.mailer;
    // The task crashes at its second e-mail.
    mailer.faults.failAfter('send', 1, new Error('SES throttled'));
    await expect(makeStart(s.deps)({ unit, taskToken: 'token-1' })).rejects.toThrow('SES throttled');
    await makeStart(s.deps)({ unit, taskToken: 'token-1' });
    expect(mailer.sent.map((m) => m.to).sort()).toEqual([...SVARUT_BRUKERRAD_EMAILS].sort());
  });

  it('completes the task at once when answers recorded meanwhile already settle the unit', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    const step = await s.ports.steps.get(s.caseId, unit.stepId);
    for (const r of step?.units[0]?.recipients ?? []) {
      await s.ports.steps.recordAnswer(
        { caseId: s.caseId, stepId: unit.stepId, unitId: unit.unitId },
        { memberId: r.memberId, choice: 'support', at: s.ports.clock.now().toISOString() },
      );
    }
    s.ports.workflow.openTask('token-late');
    await makeStart(s.deps)({ unit, taskToken: 'token-late' });
    expect(s.ports.workflow.completions).toEqual([
      { token: 'token-late', kind: 'success', output: { unitId: unit.unitId, outcome: 'support' } },
    ]);
    expect((await s.ports.steps.get(s.caseId, unit.stepId))?.units[0]?.status).toBe('closed');
  });

  it('completes with the recorded outcome when the unit is already closed', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    await s.ports.steps.closeUnit({ caseId: s.caseId, stepId: unit.stepId, unitId: unit.unitId }, 'object', s.ports.clock.now());
    s.ports.workflow.openTask('t');
    await makeStart(s.deps)({ unit, taskToken: 't' });
    expect(s.ports.workflow.completions).toEqual([{ token: 't', kind: 'success', output: { unitId: unit.unitId, outcome: 'object' } }]);
  });

  it('rejects a payload outside the contract', async () => {
    const s = await workflowSetup();
    await expect(makeStart(s.deps)({ unit: {}, taskToken: '' })).rejects.toThrow();
  });
});

describe('handle-unit-timeout (UnitTimedOut)', () => {
  it('sends a reminder to those who have not answered and waits until the deadline', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    await makeStart(s.deps)({ unit, taskToken: 'tk' });
    // nivå 3 consultation: 21 days, reminders 7 and 2 days before. First reminder at day 14.
    s.ports.clock.advance(unit.waitSeconds * 1000);
    s.ports.mailer.sent.length = 0;
    const out = (await makeTimeout(s.deps)({ unit })) as UnitTimeoutOutput;
    expect(out.action).toBe('wait');
    if (out.action !== 'wait') return;
    expect(out.unit.remindersLeft).toBe(unit.remindersLeft - 1);
    expect(out.unit.waitSeconds).toBe(5 * SECONDS_PER_DAY);
    expect(s.ports.mailer.sent.map((m) => m.to).sort()).toEqual([...SVARUT_BRUKERRAD_EMAILS].sort());
    expect(s.ports.mailer.sent.every((m) => /Påminnelse|Påminning|Reminder/.test(m.subject))).toBe(true);
  });

  it('a reminder round retried after a crash half-way sends each member one reminder, one working link', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    await makeStart(s.deps)({ unit, taskToken: 'tk' });
    s.ports.clock.advance(unit.waitSeconds * 1000);
    s.ports.mailer.sent.length = 0;
    const mailer = s.ports.mailer;
    // The task crashes at its second e-mail.
    mailer.faults.failAfter('send', 1, new Error('SES throttled'));
    await expect(makeTimeout(s.deps)({ unit })).rejects.toThrow('SES throttled');
    await makeTimeout(s.deps)({ unit });
    const to = mailer.sent.map((m) => m.to);
    expect(to.sort()).toEqual([...SVARUT_BRUKERRAD_EMAILS].sort());
    // Every member's current link is the one in the reminder they got.
    const step = await s.ports.steps.get(s.caseId, unit.stepId);
    for (const r of step?.units[0]?.recipients ?? []) expect(r.currentLink?.round).toBe(`reminder-${unit.remindersLeft}`);
  });

  it('at the deadline applies the no-answer rule and tells the secretariat', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    await makeStart(s.deps)({ unit, taskToken: 'tk' });
    s.ports.clock.set(unit.deadline);
    s.ports.mailer.sent.length = 0;
    const out = (await makeTimeout(s.deps)({ unit: { ...unit, remindersLeft: 0 } })) as UnitTimeoutOutput;
    expect(out).toEqual({ action: 'closed', result: { unitId: unit.unitId, outcome: 'no_answer' } });
    expect(s.ports.mailer.sent.map((m) => m.to).sort()).toEqual([...SECRETARIAT_EMAILS].sort());
    const c = await s.ports.cases.get(s.caseId);
    expect(c?.events.at(-1)).toEqual(expect.objectContaining({ type: 'deadline_passed', result: 'no_answer' }));
  });

  it('keeps an outcome that a last answer settled before the deadline handler ran', async () => {
    const s = await workflowSetup();
    const unit = await atConsultation(s);
    await s.ports.steps.closeUnit({ caseId: s.caseId, stepId: unit.stepId, unitId: unit.unitId }, 'support', s.ports.clock.now());
    s.ports.clock.set(unit.deadline);
    const out = (await makeTimeout(s.deps)({ unit: { ...unit, remindersLeft: 0 } })) as UnitTimeoutOutput;
    expect(out).toEqual({ action: 'closed', result: { unitId: unit.unitId, outcome: 'support' } });
  });
});

describe('notify-failure', () => {
  it('tells the secretariat without any error text and records it in the audit trail', async () => {
    const s = await workflowSetup();
    const out = await makeNotifyFailure(s.deps)({ caseId: s.caseId, error: 'States.Runtime', cause: 'secret internals arn:aws:x' });
    expect(out).toEqual({ notified: SECRETARIAT_EMAILS.length });
    for (const mail of s.ports.mailer.sent) {
      expect(mail.text).not.toContain('secret internals');
      expect(mail.html).not.toContain('arn:aws');
    }
    expect((await s.ports.cases.get(s.caseId))?.events.at(-1)?.type).toBe('workflow_failed');
  });
});
