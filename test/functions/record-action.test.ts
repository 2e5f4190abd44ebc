import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../shared/errors';
import { governance } from '../../shared/domain/governance/load';
import { councilFor } from '../../shared/domain/governance/lookup';
import {
  answer,
  CASE_ID,
  call,
  csrfFrom,
  DECISION_CHOICES,
  expectPageHeaders,
  getEvent,
  issueLink,
  openStep,
  postEvent,
  type Setup,
  setup,
  singleDeciderLink,
  snapshot,
  storeCase,
  votingMembers,
} from '../support/action-link-setup';

const DAGLIG_LEDER = votingMembers('daglig_leder')[0]!;

const singleDecider = () => singleDeciderLink();

async function unitOf(s: Setup, stepId: string, unitId: string) {
  const step = await s.ports.steps.get(CASE_ID, stepId);
  return step?.units.find((u) => u.unitId === unitId);
}

describe('POST /handling/{token}', () => {
  it('records the secretariat’s confirmation by link as triaged, naming the secretary', async () => {
    const s = setup();
    await storeCase(s.ports, ['triage']);
    const secretaries = councilFor(governance, 'sekretariat').members.map((m) => m.id);
    const secretary = secretaries[0]!;
    const step = await openStep(s.ports, {
      stepId: '001',
      definitionId: 'triage',
      kind: 'triage',
      bodyId: 'sekretariat',
      memberIds: secretaries,
      taskToken: 'task-t',
    });
    const raw = await issueLink(s.ports, { step, memberId: secretary, choices: ['confirm'] });
    expect((await answer(s, raw, { choice: 'confirm' })).statusCode).toBe(200);
    const events = (await s.ports.cases.get(CASE_ID))?.events ?? [];
    expect(events.at(-1)).toMatchObject({ type: 'triaged', actor: { kind: 'member', id: secretary }, result: 'confirm' });
    expect(events.filter((e) => e.type === 'decided')).toEqual([]);
  });

  it('records a single decider’s decision, closes the unit and completes the task', async () => {
    const s = await singleDecider();
    const res = await answer(s, s.raw, { choice: 'approve', comment: '  Godt begrunnet.\r\nVidere.  ' });
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res);
    expect(res.html).toContain('Takk — svaret ditt er registrert');
    expect(res.html).toContain('Organet har nå tatt stilling');

    const unit = await unitOf(s, s.step.stepId, 'daglig_leder');
    expect(unit).toMatchObject({ status: 'closed', outcome: 'approve' });
    expect(unit?.taskToken).toBeUndefined();
    expect(unit?.answers).toEqual([
      { memberId: DAGLIG_LEDER, choice: 'approve', comment: 'Godt begrunnet.\nVidere.', at: '2026-03-03T09:00:00.000Z' },
    ]);
    expect(s.ports.workflow.completions).toEqual([
      { token: 'task-1', kind: 'success', output: { unitId: 'daglig_leder', outcome: 'approve' } },
    ]);
    expect(s.ports.tokens.all()[0]).toMatchObject({ usedChoice: 'approve', usedAt: '2026-03-03T09:00:00.000Z' });
    const events = (await s.ports.cases.get(CASE_ID))?.events ?? [];
    expect(events.at(-1)).toMatchObject({
      type: 'decided',
      actor: { kind: 'member', id: DAGLIG_LEDER },
      stepId: s.step.stepId,
      bodyId: 'daglig_leder',
      result: 'approve',
      comment: 'Godt begrunnet.\nVidere.',
    });
  });

  it('completes a board’s unit only when its rule makes the outcome certain', async () => {
    const s = setup();
    await storeCase(s.ports);
    const step = await openStep(s.ports, {
      definitionId: 'nivaa2.decision',
      kind: 'decision',
      bodyId: 'styret',
      taskToken: 'task-styret',
    });
    const members = votingMembers('styret');
    const choices = [...DECISION_CHOICES, 'lift', 'no_comment'] as const;
    const links = await Promise.all(members.map((memberId) => issueLink(s.ports, { step, memberId, choices })));

    const first = await answer(s, links[0]!, { choice: 'approve' });
    expect(first.statusCode).toBe(200);
    expect(first.html).toContain('Organet tar stilling når nok medlemmer har svart');
    expect(s.ports.workflow.completions).toEqual([]);
    expect((await unitOf(s, step.stepId, 'styret'))?.status).toBe('open');
    expect((await s.ports.cases.get(CASE_ID))?.events.at(-1)).toMatchObject({
      type: 'vote_cast',
      actor: { kind: 'member', id: members[0] },
      result: 'approve',
    });

    // Aksjeloven §§ 6-24/6-25 as configured: more than half take part, and the winning
    // choice has more than a third of all members. Vote approve until that is certain.
    let decidedAt = 0;
    for (let i = 1; i < members.length && decidedAt === 0; i++) {
      const res = await answer(s, links[i]!, { choice: 'approve' });
      expect(res.statusCode).toBe(200);
      if (s.ports.workflow.completions.length > 0) decidedAt = i + 1;
    }
    expect(decidedAt).toBeGreaterThan(members.length / 2);
    expect(s.ports.workflow.completions).toEqual([
      { token: 'task-styret', kind: 'success', output: { unitId: 'styret', outcome: 'approve' } },
    ]);
    expect((await unitOf(s, step.stepId, 'styret'))?.outcome).toBe('approve');

    // A member who had not voted yet now finds the unit closed.
    const late = links[decidedAt];
    if (late !== undefined) {
      const page = await call(s.show, getEvent(late));
      expect(page.statusCode).toBe(409);
    }
  });

  it('records a consultation statement with its own audit event', async () => {
    const s = setup();
    await storeCase(s.ports, ['triage', 'consultation']);
    const step = await openStep(s.ports, {
      definitionId: 'nivaa2.consultation',
      kind: 'consultation',
      bodyId: 'samstyringsstrukturen',
      taskToken: 'task-samstyring',
    });
    const member = votingMembers('samstyringsstrukturen')[0]!;
    const raw = await issueLink(s.ports, { step, memberId: member, choices: ['support', 'object', 'no_comment'] });
    const res = await answer(s, raw, { choice: 'support' });
    expect(res.statusCode).toBe(200);
    expect(res.html).toContain('Uttalelsen blir lagt ved saken');
    expect((await s.ports.cases.get(CASE_ID))?.events.at(-1)).toMatchObject({
      type: 'statement_given',
      actor: { kind: 'member', id: member },
      bodyId: 'samstyringsstrukturen',
      result: 'support',
    });
  });

  it('answers a second POST with 409 and changes nothing: exactly one completion', async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    const form = { csrf: csrfFrom(page.html), choice: 'approve' };
    expect((await call(s.record, postEvent(s.raw, form))).statusCode).toBe(200);
    const after = await snapshot(s.ports);
    const again = await call(s.record, postEvent(s.raw, { ...form, choice: 'reject' }));
    expect(again.statusCode).toBe(409);
    expect(again.html).toContain('Du har allerede svart');
    expect(await snapshot(s.ports)).toBe(after);
    expect(s.ports.workflow.completions).toHaveLength(1);
  });

  it('rejects a wrong or missing CSRF value with 400 and changes nothing', async () => {
    const s = await singleDecider();
    const before = await snapshot(s.ports);
    const wrong = await call(s.record, postEvent(s.raw, { csrf: 'f'.repeat(64), choice: 'approve' }));
    expect(wrong.statusCode).toBe(400);
    expectPageHeaders(wrong);
    expect(wrong.html).toMatch(/class="ds-error-summary" role="alert"/);
    expect(wrong.html).toContain('href="#submit"');
    expect(wrong.html).toContain('id="submit"');
    const missing = await call(s.record, postEvent(s.raw, { choice: 'approve' }));
    expect(missing.statusCode).toBe(400);
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('rejects a cross-site Origin even with the right CSRF value', async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    const before = await snapshot(s.ports);
    const fields = { csrf: csrfFrom(page.html), choice: 'approve' };
    const res = await call(s.record, postEvent(s.raw, fields, { origin: 'https://evil.example' }));
    expect(res.statusCode).toBe(400);
    expect(await snapshot(s.ports)).toBe(before);
    // Same origin, or no Origin header at all (older browsers), is accepted.
    const ok = await call(s.record, postEvent(s.raw, fields, {}));
    expect(ok.statusCode).toBe(200);
  });

  it("accepts a browser's opaque `Origin: null` (sent under Referrer-Policy no-referrer) with the right CSRF value", async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    const res = await call(s.record, postEvent(s.raw, { csrf: csrfFrom(page.html), choice: 'approve' }, { origin: 'null' }));
    expect(res.statusCode).toBe(200);
    expect(s.ports.workflow.completions).toHaveLength(1);
  });

  it('rejects a choice the link does not allow, or none, with 400 and an error summary', async () => {
    const s = await singleDecider();
    const before = await snapshot(s.ports);
    const lift = await answer(s, s.raw, { choice: 'lift', comment: 'Bør <løftes>' });
    expect(lift.statusCode).toBe(400);
    expect(lift.html).toContain('role="alert"');
    expect(lift.html).toContain('href="#choice-approve"');
    expect(lift.html).toContain('Velg ett av svarene på denne siden.');
    // What the member wrote is kept, escaped.
    expect(lift.html).toContain('Bør &lt;løftes&gt;</textarea>');
    const none = await answer(s, s.raw, {});
    expect(none.statusCode).toBe(400);
    expect(none.html).toContain('Velg ett av svarene.');
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('rejects an over-long comment with 400 linking to the field', async () => {
    const s = await singleDecider();
    const before = await snapshot(s.ports);
    const res = await answer(s, s.raw, { choice: 'approve', comment: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(res.html).toContain('href="#comment"');
    expect(res.html).toContain('aria-invalid="true"');
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('survives TaskClosedError: the unit stays closed with its outcome', async () => {
    const s = await singleDecider();
    s.ports.workflow.timeOut('task-1');
    const res = await answer(s, s.raw, { choice: 'reject' });
    expect(res.statusCode).toBe(200);
    expect((await unitOf(s, s.step.stepId, 'daglig_leder'))?.outcome).toBe('reject');
    expect(s.ports.workflow.completions).toEqual([]);
  });

  it('keeps the answer when completing the task fails for another reason', async () => {
    const s = await singleDecider();
    s.ports.workflow.faults.failNext('sendTaskSuccess', new Error('throttled'));
    const res = await answer(s, s.raw, { choice: 'approve' });
    expect(res.statusCode).toBe(200);
    expect((await unitOf(s, s.step.stepId, 'daglig_leder'))?.outcome).toBe('approve');
  });

  it('answers 409 when the unit closed between GET and POST, recording nothing', async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    await s.ports.steps.closeUnit(
      { caseId: CASE_ID, stepId: s.step.stepId, unitId: 'daglig_leder' },
      'no_answer',
      new Date('2026-03-03T08:00:00.000Z'),
    );
    const before = await snapshot(s.ports);
    const res = await call(s.record, postEvent(s.raw, { csrf: csrfFrom(page.html), choice: 'approve' }));
    expect(res.statusCode).toBe(409);
    expect(res.html).toContain('Saken er allerede avgjort');
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('answers 410 for an expired link and 404 for a forged one, changing nothing', async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    const csrf = csrfFrom(page.html);
    s.ports.clock.set('2026-03-17T00:00:00.000Z');
    const before = await snapshot(s.ports);
    expect((await call(s.record, postEvent(s.raw, { csrf, choice: 'approve' }))).statusCode).toBe(410);
    expect((await call(s.record, postEvent('y'.repeat(43), { csrf, choice: 'approve' }))).statusCode).toBe(404);
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('retries the audit save on a version conflict', async () => {
    const s = await singleDecider();
    s.ports.cases.faults.failNext('save', new VersionConflictError('changed', 3));
    const res = await answer(s, s.raw, { choice: 'approve' });
    expect(res.statusCode).toBe(200);
    const events = (await s.ports.cases.get(CASE_ID))?.events ?? [];
    expect(events.filter((e) => e.type === 'decided')).toHaveLength(1);
  });

  it('finishes a half-done answer when the member retries', async () => {
    const s = await singleDecider();
    const page = await call(s.show, getEvent(s.raw));
    const form = { csrf: csrfFrom(page.html), choice: 'approve' };
    s.ports.cases.faults.failNext('save', new Error('network'));
    const failed = await call(s.record, postEvent(s.raw, form));
    expect(failed.statusCode).toBe(500);
    expect(failed.html).not.toContain('network');
    expect(s.ports.workflow.completions).toEqual([]);

    const retry = await call(s.record, postEvent(s.raw, form));
    expect(retry.statusCode).toBe(409);
    expect((await s.ports.cases.get(CASE_ID))?.events.filter((e) => e.type === 'decided')).toHaveLength(1);
    expect((await unitOf(s, s.step.stepId, 'daglig_leder'))?.outcome).toBe('approve');
    expect(s.ports.workflow.completions).toHaveLength(1);
  });
});
