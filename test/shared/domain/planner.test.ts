import { describe, expect, it } from 'vitest';
import type { Choice, UnitOutcome } from '../../../shared/kernel/ids';
import {
  allowedChoices,
  canPlan,
  type CompletedStep,
  deadlineSeconds,
  pathAhead,
  type PlanResult,
  type ProcessState,
  ProcessStateError,
  planNext,
  plannableNivaaer,
  unitOutcome,
  waitSeconds,
} from '../../../shared/domain/planner';
import { MissingCouncilError } from '../../../shared/domain/governance/lookup';
import { testGovernance } from '../../support/fixtures/governance';

const gov = testGovernance();
const NOW = new Date('2026-03-02T08:00:00.000Z');
const DAY = 86_400;

type Base = Omit<ProcessState, 'steps'>;
const NIVAA2_GRANT: Base = { nivaa: 2, digifinGrantPath: true };

/**
 * Runs the planner through a script: each entry names the step the planner must plan next
 * (definition and unit ids) and the outcome of each of its units. Returns the final plan.
 */
function walk(base: Base, script: [string, Record<string, UnitOutcome>][], g = gov): PlanResult {
  const steps: CompletedStep[] = [];
  for (const [definitionId, outcomes] of script) {
    const plan = planNext({ ...base, steps }, g, NOW, DAY);
    if (plan.kind !== 'step') throw new Error(`expected ${definitionId}, case finished: ${plan.reasonKey}`);
    expect(plan.step.definitionId).toBe(definitionId);
    expect(plan.step.units.map((u) => u.unitId)).toEqual(Object.keys(outcomes));
    steps.push({
      definitionId,
      units: plan.step.units.map((u) => ({ unitId: u.unitId, bodyId: u.bodyId, outcome: outcomes[u.unitId]! })),
    });
  }
  return planNext({ ...base, steps }, g, NOW, DAY);
}

const confirm = ['triage', { sekretariat: 'confirm' }] as [string, Record<string, UnitOutcome>];

describe('planNext: paths', () => {
  it('grant + nivå 2: triage, KommIT-rådet, KS adm. dir., samstyringsstrukturen, styret → approved', () => {
    const end = walk(NIVAA2_GRANT, [
      confirm,
      ['grant.recommendation', { kommit_radet: 'recommend' }],
      ['grant.decision', { ks_adm_dir: 'approve' }],
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'approve' }],
    ]);
    expect(end).toEqual({
      kind: 'finished',
      status: 'approved',
      reasonKey: 'governance.finished.approved',
      bodyId: 'styret',
    });
  });

  it('a negative recommendation still goes to KS adm. dir., whose refusal ends the case', () => {
    const end = walk(NIVAA2_GRANT, [
      confirm,
      ['grant.recommendation', { kommit_radet: 'not_recommend' }],
      ['grant.decision', { ks_adm_dir: 'reject' }],
    ]);
    expect(end).toEqual({
      kind: 'finished',
      status: 'refused',
      reasonKey: 'governance.finished.grantRefused',
      bodyId: 'ks_adm_dir',
    });
  });

  it('nivå 1: styret proposes, parallel consultation, GF decides', () => {
    const end = walk({ nivaa: 1, digifinGrantPath: false }, [
      confirm,
      ['nivaa1.proposal', { styret: 'approve' }],
      ['nivaa1.consultation', { representasjonsradet: 'object', samstyringsstrukturen: 'support' }],
      ['nivaa1.decision', { generalforsamling: 'reject' }],
    ]);
    expect(end).toMatchObject({ kind: 'finished', status: 'refused', bodyId: 'generalforsamling' });
  });

  it('nivå 1 ends when styret does not propose the case', () => {
    const end = walk({ nivaa: 1, digifinGrantPath: false }, [confirm, ['nivaa1.proposal', { styret: 'reject' }]]);
    expect(end).toMatchObject({ status: 'refused', reasonKey: 'governance.finished.notProposed' });
  });

  it("nivå 3: the service's brukerråd, then daglig leder", () => {
    const end = walk({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, [
      confirm,
      ['nivaa3.consultation', { brukerrad: 'no_comment' }],
      ['nivaa3.decision', { daglig_leder: 'approve' }],
    ]);
    expect(end).toMatchObject({ status: 'approved', bodyId: 'daglig_leder' });
  });

  it('nivå 3 for a service without a brukerråd in the roster fails clearly', () => {
    const plan = () => walk({ nivaa: 3, digifinGrantPath: false, serviceId: 'ukjent' }, [confirm]);
    expect(plan).toThrow(MissingCouncilError);
  });

  it("lift: styret's lift counts as its proposal; consultations of nivå 1, then GF decides", () => {
    const lifted = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'lift' }],
      ['nivaa1.consultation', { representasjonsradet: 'support', samstyringsstrukturen: 'no_comment' }],
      ['nivaa1.decision', { generalforsamling: 'approve' }],
    ]);
    expect(lifted).toMatchObject({ status: 'approved', bodyId: 'generalforsamling' });
  });

  it('return: amendment by the applicant, then a fresh round from triage (grant path again)', () => {
    const plan = walk(NIVAA2_GRANT, [
      confirm,
      ['grant.recommendation', { kommit_radet: 'recommend' }],
      ['grant.decision', { ks_adm_dir: 'approve' }],
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'return' }],
      ['amendment', { sekretariat: 'amended' }],
      confirm,
    ]);
    expect(plan).toMatchObject({ kind: 'step', step: { definitionId: 'grant.recommendation', stepId: '008' } });
  });

  it('a lift is only possible where styret decides on nivå 2', () => {
    const bad = () =>
      walk({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, [
        confirm,
        ['nivaa3.consultation', { brukerrad: 'support' }],
        ['nivaa3.decision', { daglig_leder: 'lift' }],
      ]);
    expect(bad).toThrow(ProcessStateError);
  });

  it('a withdrawn unit ends the case as withdrawn', () => {
    const end = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'withdrawn' }],
    ]);
    expect(end).toMatchObject({ status: 'withdrawn', reasonKey: 'governance.finished.withdrawn' });
  });
});

describe('pathAhead', () => {
  it('is triage, the grant path when a grant is asked for, then the nivå path', () => {
    expect(pathAhead({ nivaa: 3, digifinGrantPath: false })).toEqual(['triage', 'nivaa3.consultation', 'nivaa3.decision']);
    expect(pathAhead(NIVAA2_GRANT)).toEqual([
      'triage',
      'grant.recommendation',
      'grant.decision',
      'nivaa2.consultation',
      'nivaa2.decision',
    ]);
  });

  it('is the path the planner walks when every step goes ahead', () => {
    const planned: string[] = [];
    const steps: CompletedStep[] = [];
    for (;;) {
      const next = planNext({ nivaa: 1, digifinGrantPath: true, steps }, gov, NOW, DAY);
      if (next.kind === 'finished') break;
      planned.push(next.step.definitionId);
      const outcome: UnitOutcome =
        next.step.kind === 'triage' ? 'confirm' : next.step.kind === 'consultation' ? 'support' : 'approve';
      steps.push({ definitionId: next.step.definitionId, units: next.step.units.map((u) => ({ ...u, outcome })) });
    }
    expect(planned).toEqual(pathAhead({ nivaa: 1, digifinGrantPath: true }));
  });
});

describe('planNext: no answer', () => {
  it("'proceed': a consultation without an answer counts as no comments", () => {
    const plan = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'no_answer' }],
    ]);
    expect(plan).toMatchObject({ kind: 'step', step: { definitionId: 'nivaa2.decision' } });
  });

  it("'escalate': the secretariat follows up, then the unanswered unit runs again", () => {
    const end = walk({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, [
      confirm,
      ['nivaa3.consultation', { brukerrad: 'no_answer' }],
      ['escalation', { sekretariat: 'confirm' }],
      ['nivaa3.consultation', { brukerrad: 'support' }],
      ['nivaa3.decision', { daglig_leder: 'approve' }],
    ]);
    expect(end).toMatchObject({ status: 'approved' });
  });

  it('re-runs only the units of a parallel step that did not answer', () => {
    const g = testGovernance((input) => {
      input.steps['nivaa1.consultation'].onNoAnswer = 'escalate';
    });
    const plan = walk(
      { nivaa: 1, digifinGrantPath: false },
      [
        confirm,
        ['nivaa1.proposal', { styret: 'approve' }],
        ['nivaa1.consultation', { representasjonsradet: 'support', samstyringsstrukturen: 'no_answer' }],
        ['escalation', { sekretariat: 'confirm' }],
        ['nivaa1.consultation', { samstyringsstrukturen: 'object' }],
      ],
      g,
    );
    expect(plan).toMatchObject({ kind: 'step', step: { definitionId: 'nivaa1.decision' } });
  });

  it('a decision without quorum or answer escalates, and is voted on again', () => {
    const plan = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'no_quorum' }],
      ['escalation', { sekretariat: 'no_answer' }],
      ['escalation', { sekretariat: 'confirm' }],
      ['nivaa2.decision', { styret: 'no_answer' }],
      ['escalation', { sekretariat: 'confirm' }],
    ]);
    expect(plan).toMatchObject({ kind: 'step', step: { definitionId: 'nivaa2.decision', stepId: '008' } });
  });

  it('an unanswered triage runs again; an unanswered amendment withdraws the case', () => {
    expect(walk(NIVAA2_GRANT, [['triage', { sekretariat: 'no_answer' }]])).toMatchObject({
      kind: 'step',
      step: { definitionId: 'triage', stepId: '002' },
    });
    const end = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'return' }],
      ['amendment', { sekretariat: 'no_answer' }],
    ]);
    expect(end).toMatchObject({ status: 'withdrawn', reasonKey: 'governance.finished.amendmentMissing' });
  });
});

describe('planNext: inconsistent history', () => {
  it('rejects steps after the end and unknown definitions', () => {
    const refused: CompletedStep[] = [
      { definitionId: 'triage', units: [{ unitId: 'sekretariat', bodyId: 'sekretariat', outcome: 'confirm' }] },
      { definitionId: 'grant.recommendation', units: [{ unitId: 'kommit_radet', bodyId: 'kommit_radet', outcome: 'recommend' }] },
      { definitionId: 'grant.decision', units: [{ unitId: 'ks_adm_dir', bodyId: 'ks_adm_dir', outcome: 'reject' }] },
    ];
    const after = [...refused, refused[0]!];
    expect(() => planNext({ ...NIVAA2_GRANT, steps: after }, gov, NOW, DAY)).toThrow(ProcessStateError);
    const unknown = [{ definitionId: 'nivaa4.decision', units: refused[0]!.units }];
    expect(() => planNext({ ...NIVAA2_GRANT, steps: unknown }, gov, NOW, DAY)).toThrow(ProcessStateError);
    const escalation = [{ definitionId: 'escalation', units: refused[0]!.units }];
    expect(() => planNext({ ...NIVAA2_GRANT, steps: escalation }, gov, NOW, DAY)).toThrow(ProcessStateError);
  });
});

describe('deadlines and reminders', () => {
  it('turns configured days into seconds in one place, and rejects nonsense', () => {
    expect(deadlineSeconds(5, DAY)).toBe(432_000);
    expect(deadlineSeconds(5, 2)).toBe(10);
    expect(() => deadlineSeconds(-1, DAY)).toThrow(RangeError);
    expect(() => deadlineSeconds(1.5, DAY)).toThrow(RangeError);
    expect(() => deadlineSeconds(1, 0)).toThrow(RangeError);
  });

  it('plans the first step with the configured deadline and a wait until the first reminder', () => {
    const plan = planNext({ ...NIVAA2_GRANT, steps: [] }, gov, NOW, DAY);
    expect(plan).toEqual({
      kind: 'step',
      step: {
        stepId: '001',
        definitionId: 'triage',
        kind: 'triage',
        requestKind: 'triage',
        units: [
          {
            unitId: 'sekretariat',
            bodyId: 'sekretariat',
            deadline: '2026-03-07T08:00:00.000Z',
            waitSeconds: 3 * DAY,
            remindersLeft: 1,
          },
        ],
      },
    });
    // Shortened days for local runs: the same arithmetic with 2 seconds per day.
    const fast = planNext({ ...NIVAA2_GRANT, steps: [] }, gov, NOW, 2);
    expect(fast).toMatchObject({
      step: { units: [{ deadline: '2026-03-02T08:00:10.000Z', waitSeconds: 6, remindersLeft: 1 }] },
    });
  });

  it('waits to the next reminder, then to the deadline; a late timer waits at least 1 second', () => {
    const policy = gov.steps['nivaa2.consultation']; // 28 days, reminders 7 and 2 days before
    const deadline = new Date(NOW.getTime() + 28 * DAY * 1000);
    expect(waitSeconds(policy, deadline, 2, NOW, DAY)).toBe(21 * DAY);
    const firstReminder = new Date(deadline.getTime() - 7 * DAY * 1000);
    expect(waitSeconds(policy, deadline, 1, firstReminder, DAY)).toBe(5 * DAY);
    const secondReminder = new Date(deadline.getTime() - 2 * DAY * 1000);
    expect(waitSeconds(policy, deadline, 0, secondReminder, DAY)).toBe(2 * DAY);
    expect(waitSeconds(policy, deadline, 0, new Date(deadline.getTime() + 5000), DAY)).toBe(1);
    expect(() => waitSeconds(policy, deadline, 3, NOW, DAY)).toThrow(RangeError);
  });

  it('without reminders, waits until the deadline', () => {
    const plan = walk({ nivaa: 2, digifinGrantPath: false }, [
      confirm,
      ['nivaa2.consultation', { samstyringsstrukturen: 'support' }],
      ['nivaa2.decision', { styret: 'no_answer' }],
    ]);
    expect(plan).toMatchObject({ step: { definitionId: 'escalation', units: [{ waitSeconds: 5 * DAY, remindersLeft: 0 }] } });
  });

  it('plans every unit of a parallel step with the step id, kind, reminders and first wait', () => {
    const plan = walk({ nivaa: 1, digifinGrantPath: false }, [confirm, ['nivaa1.proposal', { styret: 'approve' }]]);
    if (plan.kind !== 'step') throw new Error('expected a step');
    expect(plan.step).toMatchObject({ stepId: '003', kind: 'consultation' });
    expect(plan.step.units.map((u) => u.bodyId)).toEqual(['representasjonsradet', 'samstyringsstrukturen']);
    expect(plan.step.units[0]).toMatchObject({ remindersLeft: 2, waitSeconds: 28 * DAY });
  });
});

describe('unit outcomes and choices from the roster', () => {
  const votes = (...pairs: [string, Choice][]) => pairs.map(([memberId, choice]) => ({ memberId, choice }));

  it("tallies styret's votes by its rule and counts no_comment as an abstention", () => {
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', votes(['styret-2', 'approve'], ['styret-3', 'approve']), false)).toBeUndefined();
    const three = votes(['styret-2', 'approve'], ['styret-3', 'approve'], ['styret-4', 'approve']);
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', three, false)).toBe('approve');
    const abstaining = votes(['styret-2', 'approve'], ['styret-3', 'no_comment'], ['styret-4', 'no_comment']);
    // 3 of 5 take part (quorum), but 1 in favour is not more than a third of all members.
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', abstaining, true)).toBe('reject');
  });

  it('at the deadline: no_answer when nobody answered, no_quorum when too few did', () => {
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', [], true)).toBe('no_answer');
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', votes(['styret-1', 'approve']), true)).toBe('no_quorum');
    expect(unitOutcome(gov, 'nivaa2.consultation', 'samstyringsstrukturen', [], true)).toBe('no_answer');
  });

  it('ignores answers from people who are not voting members and choices the step does not offer', () => {
    const answers = votes(['stranger', 'approve'], ['styret-2', 'support']);
    expect(unitOutcome(gov, 'nivaa2.decision', 'styret', answers, true)).toBe('no_answer');
  });

  it("closes the secretariat's and the applicant's steps on the first answer", () => {
    expect(unitOutcome(gov, 'triage', 'sekretariat', votes(['sek-2', 'confirm']), false)).toBe('confirm');
    expect(unitOutcome(gov, 'amendment', 'sekretariat', [], false)).toBeUndefined();
    expect(unitOutcome(gov, 'amendment', 'sekretariat', [], true)).toBe('no_answer');
  });

  it('offers abstention only in collective votes', () => {
    expect(allowedChoices(gov, 'nivaa2.decision', 'styret')).toEqual(['approve', 'reject', 'return', 'lift', 'no_comment']);
    expect(allowedChoices(gov, 'nivaa3.decision', 'daglig_leder')).toEqual(['approve', 'reject', 'return']);
    expect(allowedChoices(gov, 'nivaa3.consultation', 'brukerrad', 'svarut')).toEqual(['support', 'object', 'no_comment']);
    expect(allowedChoices(gov, 'triage', 'sekretariat')).toEqual(['confirm']);
  });
});

describe('canPlan: the planner dry-runs the round a triage starts', () => {
  const without = (bodyId: string) => ({ ...gov, bodies: gov.bodies.filter((b) => b.id !== bodyId) });

  it('nivå 3 needs a service whose brukerråd the roster knows', () => {
    expect(canPlan({ nivaa: 3, digifinGrantPath: false }, gov)).toEqual({ plannable: false, bodyId: 'brukerrad' });
    expect(canPlan({ nivaa: 3, digifinGrantPath: true, serviceId: 'ukjent-tjeneste' }, gov)).toEqual({
      plannable: false,
      bodyId: 'brukerrad',
    });
    expect(canPlan({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, gov)).toEqual({ plannable: true });
    expect(canPlan({ nivaa: 3, digifinGrantPath: true, serviceId: 'svarut' }, gov)).toEqual({ plannable: true });
  });

  it('offers nivå 1 and 2 without a service, and nivå 3 only with one', () => {
    expect(plannableNivaaer({ digifinGrantPath: true }, gov)).toEqual([
      { nivaa: 1, plannable: true },
      { nivaa: 2, plannable: true },
      { nivaa: 3, plannable: false, bodyId: 'brukerrad' },
    ]);
    expect(plannableNivaaer({ digifinGrantPath: false, serviceId: 'svarut' }, gov).every((n) => n.plannable)).toBe(true);
  });

  it('checks the grant path only when a grant is asked for', () => {
    const g = without('kommit_radet');
    expect(canPlan({ nivaa: 2, digifinGrantPath: true }, g)).toEqual({ plannable: false, bodyId: 'kommit_radet' });
    expect(canPlan({ nivaa: 2, digifinGrantPath: false }, g)).toEqual({ plannable: true });
  });

  it('follows every branch of a decision: styret may lift nivå 2 to the nivå 1 consultation', () => {
    const g = without('representasjonsradet');
    expect(canPlan({ nivaa: 2, digifinGrantPath: false }, g)).toEqual({ plannable: false, bodyId: 'representasjonsradet' });
    expect(canPlan({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, g)).toEqual({ plannable: true });
  });

  it('needs the decision rule of every body on the path', () => {
    const g = { ...gov, bodies: gov.bodies.map((b) => (b.id === 'daglig_leder' ? { ...b, decisionRule: 'ukjent' } : b)) };
    expect(canPlan({ nivaa: 3, digifinGrantPath: false, serviceId: 'svarut' }, g)).toEqual({ plannable: false, bodyId: 'daglig_leder' });
    expect(canPlan({ nivaa: 1, digifinGrantPath: false }, g)).toEqual({ plannable: true });
  });
});
