/**
 * A decision nobody makes, on compressed time (one configured day = 1 s): daglig leder gets
 * the decision request and a reminder (nivaa3.decision: 14 days, reminder 3 days before); at
 * the deadline the unit has no answer, and since a decision cannot be skipped the roster's
 * rule is 'escalate' (Eierstrategi ch. 12: the case must be decided by its body): the
 * secretariat gets an escalation step, and when it confirms, only the unanswered decision
 * runs again, with fresh links. This time daglig leder approves.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { governance } from '../../shared/governance/load';
import { t } from '../../shared/i18n';
import {
  Api,
  act,
  applications,
  CaseMailbox,
  everyone,
  linkFor,
  openAction,
  SECRETARIAT,
  startTestRuntime,
  type TestRuntime,
  voters,
} from './helpers';

const SECONDS_PER_DAY = 1;
vi.setConfig({ testTimeout: 120_000 });

let runtime: TestRuntime;
let api: Api;

beforeAll(async () => {
  runtime = await startTestRuntime(SECONDS_PER_DAY);
  api = new Api(runtime.base);
}, 120_000);

afterAll(async () => {
  await runtime?.close();
});

describe('a decision deadline passes without an answer', () => {
  it('escalates to the secretariat, which sends the decision round again; then the body decides', async () => {
    expect(governance.steps['nivaa3.decision']).toMatchObject({ deadlineDays: 14, reminderDaysBefore: [3], onNoAnswer: 'escalate' });
    const applicant = 'soker-eskalering@example.org';
    const always = [applicant, ...SECRETARIAT];
    const submitted = await api.submit(applications.nivaa3(applicant, 'Sak der daglig leder ikke svarer'));
    const { caseId } = submitted;
    const box = new CaseMailbox(runtime.mail, submitted.caseNumber);
    await box.expectNext({ receipt: [applicant], stepStarted: always, newCase: SECRETARIAT });
    expect((await api.triage(caseId)).status).toBe(200);

    // The brukerråd answers at once, so the case reaches daglig leder's decision.
    const brukerrad = voters('brukerrad', 'svarut');
    const consultation = await box.expectNext({ stepEnded: always, stepStarted: always, consultation: brukerrad });
    for (const member of brukerrad) {
      const link = linkFor(consultation, 'consultation', member);
      if ((await openAction(link)).status !== 200) break;
      await act(link, 'support');
    }
    const daglig = voters('daglig_leder');
    const firstRound = await box.expectNext({
      stepEnded: [...always, ...everyone('daglig_leder')],
      stepStarted: always,
      decision: daglig,
    });
    const firstLink = linkFor(firstRound, 'decision', daglig[0] ?? '');

    // Nobody decides: a reminder 3 days before, then at the deadline the secretariat is told
    // and gets the escalation request (a step of its own, answered like triage), naming the step.
    await box.expectNext({ reminder: daglig }, { timeoutMs: 30_000 });
    const escalation = await box.expectNext(
      {
        deadlinePassed: SECRETARIAT,
        // The consulted brukerråd hears how the decision step ended, as after any decision.
        stepEnded: [...always, ...everyone('brukerrad', 'svarut')],
        stepStarted: always,
        escalation: SECRETARIAT,
      },
      { timeoutMs: 30_000 },
    );
    const stalled = await api.getCase(caseId);
    expect(stalled.status).toBe('triage');
    expect(stalled.steps.at(-2)?.units.map((u) => [u.bodyId, u.outcome])).toEqual([['daglig_leder', 'no_answer']]);
    expect(stalled.events.filter((e) => e.type === 'deadline_passed').map((e) => [e.bodyId, e.result])).toEqual([
      ['daglig_leder', 'no_answer'],
    ]);
    // The first round's link is past its deadline.
    expect((await openAction(firstLink)).status).toBe(410);

    // The secretariat confirms: only the unanswered decision runs again, with a fresh link.
    const escalationLink = linkFor(escalation, 'escalation', SECRETARIAT[0] ?? '');
    const page = await openAction(escalationLink);
    expect(page.status).toBe(200);
    expect(page.html).toContain(t('nb', 'pages.action.choice.resend'));
    await act(escalationLink, 'confirm');
    const secondRound = await box.expectNext(
      { stepEnded: always, stepStarted: always, decision: daglig },
      { ignore: ['reminder'], timeoutMs: 30_000 },
    );
    const secondLink = linkFor(secondRound, 'decision', daglig[0] ?? '');
    expect(secondLink).not.toBe(firstLink);
    expect((await api.getCase(caseId)).status).toBe('decision');

    await act(secondLink, 'approve');
    await box.expectNext(
      { stepEnded: [...always, ...everyone('brukerrad', 'svarut')], approved: always },
      { ignore: ['reminder'], timeoutMs: 30_000 },
    );
    const done = await api.waitForStatus(caseId, 'approved');
    expect(done.outcome).toMatchObject({ bodyId: 'daglig_leder', nivaa: 3 });
    expect(done.steps.map((s) => s.kind)).toEqual(['triage', 'consultation', 'decision', 'triage', 'decision']);
  });
});
