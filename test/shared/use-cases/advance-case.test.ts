import { describe, expect, it } from 'vitest';
import { makeHandler as makeAdvance } from '../../../functions/advance-case';
import { type AdvanceOutput, StepUnitSchema } from '../../../shared/workflow/contract';
import {
  nivaa3Application,
  SECONDS_PER_DAY,
  SECRETARIAT_EMAILS,
  SVARUT_BRUKERRAD_EMAILS,
  workflowSetup,
} from '../../support/workflow-setup';

type Deps = Awaited<ReturnType<typeof workflowSetup>>;

async function closeAllUnits(s: Deps, stepId: string, outcome: 'confirm' | 'support' | 'approve' | 'reject' | 'return' | 'lift' | 'withdrawn') {
  const step = await s.ports.steps.get(s.caseId, stepId);
  for (const unit of step?.units ?? []) {
    await s.ports.steps.closeUnit({ caseId: s.caseId, stepId, unitId: unit.unitId }, outcome, s.ports.clock.now());
  }
  return { stepId, results: (step?.units ?? []).map((u) => ({ unitId: u.unitId, outcome })) };
}

async function advance(s: Deps, completed: { stepId: string; results: Array<{ unitId: string; outcome: string }> } | null) {
  const handler = makeAdvance(s.deps);
  return (await handler({ caseId: s.caseId, completed })) as AdvanceOutput;
}

describe('advance-case (Step Functions task Advance)', () => {
  it('opens triage first: receipt to the applicant, the case moves to triage', async () => {
    const s = await workflowSetup();
    const out = await advance(s, null);
    expect(out.done).toBe(false);
    if (out.done) return;
    expect(out.step.kind).toBe('triage');
    expect(out.step.units).toEqual([
      expect.objectContaining({ bodyId: 'sekretariat', caseId: s.caseId, stepId: '001', remindersLeft: 1 }),
    ]);
    // Triage: 5 days with a reminder 2 days before → first wait is 3 days.
    expect(out.step.units[0]?.waitSeconds).toBe(3 * SECONDS_PER_DAY);
    expect((await s.ports.cases.get(s.caseId))?.status).toBe('triage');
    const to = s.ports.mailer.sent.map((m) => m.to);
    expect(to).toContain('kari.eksempel@example.org');
    expect(s.ports.mailer.sent.some((m) => m.subject.startsWith('Kvittering'))).toBe(true);
    expect(to).toEqual(expect.arrayContaining(SECRETARIAT_EMAILS));
  });

  it('lists the path ahead in the receipt e-mail, as the receipt page does', async () => {
    const s = await workflowSetup(nivaa3Application());
    await advance(s, null);
    const receipt = s.ports.mailer.sent.find((m) => m.subject.startsWith('Kvittering'));
    expect(receipt?.text).toContain('Veien videre:');
    const steps = [
      'Sekretariatet vurderer saken og bekrefter eller endrer nivået.',
      'Høring: Brukerrådet.',
      'Beslutning: Daglig leder i DIF.',
    ];
    for (const step of steps) expect(receipt?.text).toContain(step);
    // In the path's order: triage, then the brukerråd, then daglig leder.
    const at = steps.map((step) => receipt?.text.indexOf(step) ?? -1);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(receipt?.text).toContain('Veien kan endre seg hvis nivået blir endret.');
  });

  it('is idempotent when Step Functions retries it: the open step is handed out again', async () => {
    const s = await workflowSetup();
    const first = await advance(s, null);
    const again = await advance(s, null);
    expect(again).toEqual(first);
    expect(await s.ports.steps.listByCase(s.caseId)).toHaveLength(1);
  });

  it('walks nivå 3: triage → brukerråd consulted → daglig leder decides → approved', async () => {
    const s = await workflowSetup(nivaa3Application());
    await advance(s, null);
    const afterTriage = await advance(s, await closeAllUnits(s, '001', 'confirm'));
    expect(afterTriage.done).toBe(false);
    if (afterTriage.done) return;
    expect(afterTriage.step.units.map((u) => u.bodyId)).toEqual(['brukerrad']);
    expect((await s.ports.cases.get(s.caseId))?.status).toBe('consultation');
    const decision = await advance(s, await closeAllUnits(s, '002', 'support'));
    if (decision.done) throw new Error('expected the decision step');
    expect(decision.step.units.map((u) => u.bodyId)).toEqual(['daglig_leder']);
    const end = await advance(s, await closeAllUnits(s, '003', 'approve'));
    expect(end).toEqual({ done: true, caseId: s.caseId, status: 'approved' });
    const stored = await s.ports.cases.get(s.caseId);
    expect(stored?.outcome?.status).toBe('approved');
    const last = s.ports.mailer.sent.filter((m) => m.to === 'kari.eksempel@example.org').at(-1);
    expect(last?.text).toContain('2026/0007');
  });

  it('hands each unit of a parallel step to Step Functions as a workflow contract StepUnit', async () => {
    const s = await workflowSetup(nivaa3Application({ matter: { kind: 'new_delivery_area' } }));
    await advance(s, null);
    await advance(s, await closeAllUnits(s, '001', 'confirm'));
    const out = await advance(s, await closeAllUnits(s, '002', 'approve'));
    if (out.done) throw new Error('expected the nivå 1 consultation');
    expect(out.step.units.map((u) => StepUnitSchema.parse(u).bodyId)).toEqual(['representasjonsradet', 'samstyringsstrukturen']);
    // 42 days with reminders 14 and 3 days before: the first wait is 28 days.
    expect(out.step.units[0]).toMatchObject({
      caseId: s.caseId,
      stepId: '003',
      kind: 'consultation',
      remindersLeft: 2,
      waitSeconds: 28 * SECONDS_PER_DAY,
    });
  });

  it('lifts a nivå 2 case to nivå 1 when styret chooses lift, then consults both bodies in parallel', async () => {
    const app = nivaa3Application({
      matter: { kind: 'new_service' },
      financing: {
        digifinGrant: { requested: false },
        stateFinancing: true,
        ownEffort: false,
        municipalContributions: false,
        userFinanced: false,
        firstYearOperationCovered: true,
      },
    });
    const s = await workflowSetup(app);
    await advance(s, null);
    await advance(s, await closeAllUnits(s, '001', 'confirm'));
    await advance(s, await closeAllUnits(s, '002', 'support'));
    const lifted = await advance(s, await closeAllUnits(s, '003', 'lift'));
    if (lifted.done) throw new Error('expected the nivå 1 consultation');
    expect(lifted.step.units.map((u) => u.bodyId).sort()).toEqual(['representasjonsradet', 'samstyringsstrukturen']);
    const stored = await s.ports.cases.get(s.caseId);
    expect(stored?.nivaa).toBe(1);
    expect(stored?.events.some((e) => e.type === 'lifted')).toBe(true);
  });

  it('refuses the case when the decider rejects', async () => {
    const s = await workflowSetup();
    await advance(s, null);
    await advance(s, await closeAllUnits(s, '001', 'confirm'));
    await advance(s, await closeAllUnits(s, '002', 'support'));
    const end = await advance(s, await closeAllUnits(s, '003', 'reject'));
    expect(end).toEqual({ done: true, caseId: s.caseId, status: 'refused' });
  });

  it('sends a returned case to the applicant for amendment', async () => {
    const s = await workflowSetup();
    await advance(s, null);
    await advance(s, await closeAllUnits(s, '001', 'confirm'));
    await advance(s, await closeAllUnits(s, '002', 'support'));
    const amend = await advance(s, await closeAllUnits(s, '003', 'return'));
    if (amend.done) throw new Error('expected the amendment step');
    expect(amend.step.kind).toBe('amendment');
    expect((await s.ports.cases.get(s.caseId))?.status).toBe('returned');
  });

  it('ends a withdrawn case without planning further', async () => {
    const s = await workflowSetup();
    await advance(s, null);
    const c = await s.ports.cases.get(s.caseId);
    if (!c) throw new Error('case missing');
    const { transition } = await import('../../../shared/domain/lifecycle');
    await s.ports.cases.save(transition(c, 'withdrawn', { actor: { kind: 'applicant' }, at: s.ports.clock.now() }), c.version);
    s.ports.mailer.sent.length = 0;
    const end = await advance(s, await closeAllUnits(s, '001', 'withdrawn'));
    expect(end).toEqual({ done: true, caseId: s.caseId, status: 'withdrawn' });
    // The applicant and the secretariat are told, as at every other end of a case.
    expect(s.ports.mailer.sent.map((m) => m.to).sort()).toEqual(
      ['kari.eksempel@example.org', ...SECRETARIAT_EMAILS].sort(),
    );
  });

  it('tells the members who still held open links of a withdrawn step, and nobody else twice', async () => {
    const s = await workflowSetup(nivaa3Application());
    await advance(s, null);
    await advance(s, await closeAllUnits(s, '001', 'confirm'));
    const consultation = await s.ports.steps.get(s.caseId, '002');
    const [answered, ...pending] = consultation?.units[0]?.recipients ?? [];
    if (!answered || pending.length === 0) throw new Error('expected a brukerråd with several members');
    const ref = { caseId: s.caseId, stepId: '002', unitId: consultation?.units[0]?.unitId ?? '' };
    await s.ports.steps.recordAnswer(ref, { memberId: answered.memberId, choice: 'support', at: s.ports.clock.now().toISOString() });
    const c = await s.ports.cases.get(s.caseId);
    if (!c) throw new Error('case missing');
    const { transition } = await import('../../../shared/domain/lifecycle');
    await s.ports.cases.save(transition(c, 'withdrawn', { actor: { kind: 'applicant' }, at: s.ports.clock.now() }), c.version);
    s.ports.mailer.sent.length = 0;
    await advance(s, await closeAllUnits(s, '002', 'withdrawn'));
    const withdrawnNotices = s.ports.mailer.sent.filter((m) => SVARUT_BRUKERRAD_EMAILS.includes(m.to));
    expect(withdrawnNotices).toHaveLength(pending.length);
    for (const mail of withdrawnNotices) {
      expect(mail.subject).toMatch(/er trukket|er trekt|has been withdrawn/);
      expect(mail.text).not.toMatch(/\/handling\//);
    }
    // Each address once: applicant and secretariat get the final notice only.
    const to = s.ports.mailer.sent.map((m) => m.to);
    expect(new Set(to).size).toBe(to.length);
  });

  it('finishes a half-done Advance on retry: status once, every notice once, none lost', async () => {
    const s = await workflowSetup();
    const mailer = s.ports.mailer;
    // The task crashes at its second e-mail.
    mailer.faults.failAfter('send', 1, new Error('SES throttled'));
    await expect(advance(s, null)).rejects.toThrow('SES throttled');
    const out = await advance(s, null);
    expect(out.done).toBe(false);
    const to = mailer.sent.map((m) => `${m.to} ${m.subject}`);
    expect(new Set(to).size).toBe(to.length);
    expect(mailer.sent.map((m) => m.to)).toEqual(expect.arrayContaining(['kari.eksempel@example.org', ...SECRETARIAT_EMAILS]));
    const c = await s.ports.cases.get(s.caseId);
    expect(c?.status).toBe('triage');
    expect(c?.events.filter((e) => e.type === 'step_started')).toHaveLength(1);
    // Retried again after everything was done: nothing new.
    const before = mailer.sent.length;
    await advance(s, null);
    expect(mailer.sent).toHaveLength(before);
    expect((await s.ports.cases.get(s.caseId))?.version).toBe(c?.version);
  });

  it('completes a step once when Advance is retried after it logged the completion', async () => {
    const s = await workflowSetup(nivaa3Application());
    await advance(s, null);
    const completed = await closeAllUnits(s, '001', 'confirm');
    s.ports.steps.faults.failNext('closeStep', new Error('throttled'));
    await expect(advance(s, completed)).rejects.toThrow('throttled');
    await advance(s, completed);
    await advance(s, completed);
    const c = await s.ports.cases.get(s.caseId);
    expect(c?.events.filter((e) => e.type === 'step_completed' && e.stepId === '001')).toHaveLength(1);
    expect((await s.ports.steps.get(s.caseId, '001'))?.status).toBe('closed');
    const subjects = s.ports.mailer.sent.map((m) => `${m.to} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('rejects a payload that is not the contract', async () => {
    const s = await workflowSetup();
    await expect(makeAdvance(s.deps)({ caseId: s.caseId })).rejects.toThrow();
  });
});
