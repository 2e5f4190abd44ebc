/**
 * A decision nobody makes, end to end on compressed time (one configured day = 2 s), through
 * the local runtime (HTTP API, the synthesized state machine on the local engine, dynalite,
 * MailDev). nivaa3.decision has 14 days with a reminder 3 days before and the roster's
 * no-answer rule 'escalate' (a decision cannot be skipped: Eierstrategi ch. 12 names the
 * body that decides). So at the deadline the secretariat is told and gets an escalation step
 * of its own (process.ts 'escalation', answered like triage); when it confirms through its
 * link, only the unanswered decision unit runs again with a fresh deadline and fresh links
 * (planner.ts). This time daglig leder approves and the case is decided.
 *
 * Two seconds a day (file ≈ 50 s) rather than one: the secretariat's own steps, triage and
 * escalation, have 5 days with a reminder 2 days before, so at one second a day a reminder
 * would be due 3 s after the step starts (answering takes ≈ 1 s here, more on a loaded CI
 * machine) and an unplanned reminder or a missed window would fail the exact mail checks.
 */
import { describe, expect, it, vi } from 'vitest';
import { STEP_DEFINITIONS } from '../../shared/domain/process';
import { governance } from '../../shared/domain/governance/load';
import { t } from '../../shared/i18n';
import {
  act,
  applications,
  type CaseEmail,
  currentStep,
  everyone,
  linkFor,
  openAction,
  postAction,
  SECRETARIAT,
  submitCase,
  useTestRuntime,
  voters,
} from '../support/integration';

const SECONDS_PER_DAY = 2;
// Timers of the local engine and the SES → SMTP hop run a little late under load.
const LATE_MS = 8_000;
vi.setConfig({ testTimeout: 120_000 });
const runtime = useTestRuntime(SECONDS_PER_DAY);

const seconds = (days: number) => days * SECONDS_PER_DAY;
// Timestamps are stored to the millisecond; timers are whole seconds rounded up (planner.ts).
const CLOCK_SLACK_MS = 500;

describe('a decision deadline passes without an answer', () => {
  it('reminds, escalates to the secretariat, which sends the decision out again; then the body decides', async () => {
    const policy = governance.steps['nivaa3.decision'];
    expect(policy).toMatchObject({ deadlineDays: 14, reminderDaysBefore: [3], onNoAnswer: 'escalate' });
    expect(governance.steps.escalation.deadlineDays * SECONDS_PER_DAY).toBeGreaterThanOrEqual(10);
    expect(STEP_DEFINITIONS.escalation).toMatchObject({ requestKind: 'escalation', choices: ['confirm'] });

    const applicant = 'soker-eskalering@example.org';
    const always = [applicant, ...SECRETARIAT];
    const [secretary = '', otherSecretary = ''] = SECRETARIAT;
    const { caseId, box, triage } = await submitCase(runtime, applications.nivaa3(applicant, 'Sak der daglig leder ikke svarer'));

    // Triage through the secretariat's e-mailed link.
    await act(linkFor(triage, 'newCase', secretary), 'confirm');

    // The brukerråd answers at once (simple majority), so the case reaches daglig leder.
    const brukerrad = voters('brukerrad', 'svarut');
    const consultation = await box.expectNext({ stepEnded: always, stepStarted: always, consultation: brukerrad });
    for (const member of brukerrad) {
      const link = linkFor(consultation, 'consultation', member);
      // Once the votes so far decide the statement, the remaining links are spent (409).
      if ((await openAction(link)).status === 409) break;
      await act(link, 'support');
    }
    const daglig = voters('daglig_leder');
    const [leader = ''] = daglig;
    const firstRound = await box.expectNext({
      stepEnded: [...always, ...everyone('daglig_leder')],
      stepStarted: always,
      decision: daglig,
    });
    const decisionView = await runtime.api.getCase(caseId);
    expect(decisionView.status).toBe('decision');
    expect(currentStep(decisionView)).toEqual({ kind: 'decision', bodies: ['daglig_leder'] });
    // Deadlines are stored as instants; the reminder and the deadline are timed from them.
    const firstDeadline = Date.parse(decisionView.currentStep?.deadline ?? '');
    const firstWindow = firstDeadline - Date.parse(decisionView.steps.at(-1)?.startedAt ?? '');
    expect(Math.abs(firstWindow - seconds(policy.deadlineDays) * 1000)).toBeLessThan(2_000);
    const firstLink = linkFor(firstRound, 'decision', leader);

    // Nobody decides. The reminder comes 3 days before the deadline, with a link of its own.
    const reminders = await box.expectNext({ reminder: daglig }, { timeoutMs: seconds(14) * 1000 + LATE_MS });
    expect(Date.now()).toBeGreaterThanOrEqual(firstDeadline - seconds(3) * 1000 - CLOCK_SLACK_MS);
    expect(Date.now()).toBeLessThan(firstDeadline);
    const reminderLink = linkFor(reminders, 'reminder', leader);
    expect(reminderLink).not.toBe(firstLink);

    // At the deadline the secretariat is told, and gets the escalation request naming the step
    // and the body; the decision step ends (the consulted brukerråd hears of it, as after any
    // decision step) and the secretariat's escalation step starts.
    const escalation = await box.expectNext(
      {
        deadlinePassed: SECRETARIAT,
        stepEnded: [...always, ...everyone('brukerrad', 'svarut')],
        stepStarted: always,
        escalation: SECRETARIAT,
      },
      { timeoutMs: seconds(3) * 1000 + LATE_MS },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(firstDeadline - CLOCK_SLACK_MS);
    for (const [address, lang] of [
      [secretary, 'nb'],
      [otherSecretary, 'nn'],
    ] as const) {
      const text = escalation.find((e) => e.kind === 'escalation' && e.to === address)?.text.replace(/\s+/g, ' ') ?? '';
      expect(text).toContain(t(lang, 'governance.step.nivaa3.decision'));
      expect(text).toContain(t(lang, 'governance.body.daglig_leder'));
    }

    const stalled = await runtime.api.getCase(caseId);
    expect(stalled.status).toBe('triage');
    expect(currentStep(stalled)).toEqual({ kind: 'triage', bodies: ['sekretariat'] });
    expect(stalled.steps.map((s) => [s.kind, s.status])).toEqual([
      ['triage', 'closed'],
      ['consultation', 'closed'],
      ['decision', 'closed'],
      ['triage', 'open'],
    ]);
    expect(stalled.steps[2]?.units.map((u) => [u.bodyId, u.outcome])).toEqual([['daglig_leder', 'no_answer']]);
    // Every link of the first round is past its deadline.
    expect((await openAction(firstLink)).status).toBe(410);
    expect((await openAction(reminderLink)).status).toBe(410);
    expect((await postAction(reminderLink, { choice: 'approve', csrf: 'x' })).status).toBe(410);

    // The secretariat confirms through its link: the one choice offered is to send it again.
    const escalationLink = linkFor(escalation, 'escalation', secretary);
    const page = await openAction(escalationLink);
    expect(page.status).toBe(200);
    expect(page.choices).toEqual(['confirm']);
    expect(page.html).toContain(t('nb', 'pages.action.choice.resend'));
    await act(escalationLink, 'confirm');
    // The first answer closes the escalation: the other secretary's link is spent.
    expect((await openAction(linkFor(escalation, 'escalation', otherSecretary))).status).toBe(409);

    // Only the unanswered decision runs again, with a fresh deadline and fresh links. A
    // reminder of the escalation step may slip in on a slow machine; it is not compared.
    const secondRound = await box.expectNext(
      { stepEnded: always, stepStarted: always, decision: daglig },
      { ignore: ['reminder'], timeoutMs: 20_000 },
    );
    const onlySecretariat = (emails: readonly CaseEmail[]) =>
      emails.filter((e) => e.kind === 'reminder' && !SECRETARIAT.includes(e.to)).map((e) => e.to);
    expect(onlySecretariat(secondRound), 'reminders to others than the secretariat').toEqual([]);
    const secondLink = linkFor(secondRound, 'decision', leader);
    expect(secondLink).not.toBe(firstLink);
    const rerun = await runtime.api.getCase(caseId);
    expect(rerun.status).toBe('decision');
    expect(currentStep(rerun)).toEqual({ kind: 'decision', bodies: ['daglig_leder'] });
    const secondDeadline = Date.parse(rerun.currentStep?.deadline ?? '');
    expect(secondDeadline).toBeGreaterThan(firstDeadline + seconds(policy.deadlineDays) * 1000);
    const secondWindow = secondDeadline - Date.parse(rerun.steps.at(-1)?.startedAt ?? '');
    expect(Math.abs(secondWindow - seconds(policy.deadlineDays) * 1000)).toBeLessThan(2_000);
    expect(rerun.steps.at(-1)?.units.map((u) => [u.bodyId, u.status])).toEqual([['daglig_leder', 'open']]);

    // This time daglig leder approves.
    await act(secondLink, 'approve');
    const end = await box.expectNext(
      { stepEnded: [...always, ...everyone('brukerrad', 'svarut')], approved: always },
      { ignore: ['reminder'], timeoutMs: 20_000 },
    );
    expect(onlySecretariat(end), 'reminders to others than the secretariat').toEqual([]);
    const done = await runtime.api.waitForStatus(caseId, 'approved');
    expect(done.outcome).toMatchObject({ status: 'approved', bodyId: 'daglig_leder', nivaa: 3 });
    expect(done.currentStep).toBeNull();
    expect(done.steps.map((s) => [s.kind, s.units.map((u) => [u.bodyId, u.outcome])])).toEqual([
      ['triage', [['sekretariat', 'confirm']]],
      ['consultation', [['brukerrad', 'support']]],
      ['decision', [['daglig_leder', 'no_answer']]],
      ['triage', [['sekretariat', 'confirm']]],
      ['decision', [['daglig_leder', 'approve']]],
    ]);

    // The audit trail: the deadline passed once, for daglig leder's decision; then the case
    // went back to the secretariat (decision → triage: the escalation step), the secretariat
    // confirmed, and the decision was sent out again (triage → decision) and made.
    const [, , stalledStep, escalationStep, rerunStep] = done.steps.map((s) => s.stepId);
    const events = done.events;
    expect(events.filter((e) => e.type === 'deadline_passed').map((e) => [e.stepId, e.bodyId, e.result])).toEqual([
      [stalledStep, 'daglig_leder', 'no_answer'],
    ]);
    expect(
      events.filter((e) => e.type === 'reminder_sent' && e.bodyId === 'daglig_leder').map((e) => e.stepId),
      'one reminder, in the first round only',
    ).toEqual([stalledStep]);
    const index = (what: string, match: (e: (typeof events)[number]) => boolean) => {
      const at = events.findIndex(match);
      expect(at, `${what} in ${JSON.stringify(events.map((e) => [e.type, e.stepId]))}`).toBeGreaterThanOrEqual(0);
      return at;
    };
    const trail = [
      index('deadline passed', (e) => e.type === 'deadline_passed'),
      index('escalation started', (e) => e.type === 'step_started' && e.stepId === escalationStep),
      index('escalation confirmed', (e) => e.stepId === escalationStep && e.result === 'confirm'),
      index('decision sent again', (e) => e.type === 'step_started' && e.stepId === rerunStep),
      index('decision made', (e) => e.stepId === rerunStep && e.result === 'approve'),
      index('case approved', (e) => e.to === 'approved'),
    ];
    expect(trail).toEqual([...trail].sort((a, b) => a - b));
    const [, started, confirmed, resent, decided] = trail.map((i) => events[i]);
    expect(started).toMatchObject({ actor: 'system', from: 'decision', to: 'triage', recipients: ['applicant', 'sekretariat'] });
    expect(confirmed).toMatchObject({ actor: 'member', bodyId: 'sekretariat' });
    expect(resent).toMatchObject({ actor: 'system', from: 'triage', to: 'decision' });
    expect(decided).toMatchObject({ actor: 'member', bodyId: 'daglig_leder' });
    expect(events.some((e) => e.type === 'notified' && e.stepId === escalationStep && e.bodyId === 'sekretariat')).toBe(true);
  });
});
