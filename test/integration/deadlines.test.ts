/**
 * A consultation nobody answers, on compressed time (one configured day = 2 s): the brukerråd
 * gets its request and the configured reminders (nivaa3.consultation: 21 days, reminders 7
 * and 2 days before), at the deadline the secretariat is told and the statement counts as
 * no answer ('proceed' in the roster), and the workflow goes on to daglig leder's decision.
 * Links past their deadline, and links a reminder has replaced, answer 410 Gone.
 */
import { describe, expect, it, vi } from 'vitest';
import { governance } from '../../shared/domain/governance/load';
import { t } from '../../shared/i18n';
import { LANGUAGES } from '../../shared/kernel/ids';
import {
  act,
  applications,
  type CaseEmail,
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
const SUPERSEDED_HEADING = new RegExp(
  `<h1[^>]*>(${LANGUAGES.map((lang) => t(lang, 'pages.problem.superseded.heading')).join('|')})</h1>`,
);

function reminderFor(emails: readonly CaseEmail[], address: string): CaseEmail {
  const found = emails.find((e) => e.kind === 'reminder' && e.to === address.toLowerCase());
  if (!found) throw new Error(`No reminder to ${address}`);
  return found;
}
vi.setConfig({ testTimeout: 120_000 });
const runtime = useTestRuntime(SECONDS_PER_DAY);

describe('a consultation deadline passes without an answer', () => {
  it('reminds, tells the secretariat, records no answer and goes on to the decision', async () => {
    const policy = governance.steps['nivaa3.consultation'];
    expect(policy).toMatchObject({ deadlineDays: 21, reminderDaysBefore: [7, 2], onNoAnswer: 'proceed' });
    const applicant = 'soker-frist@example.org';
    const always = [applicant, ...SECRETARIAT];
    const { caseId, box } = await submitCase(runtime, applications.nivaa3(applicant, 'Sak der brukerrådet ikke svarer'));
    // Triage at once: its first reminder is due after 3 days (6 s).
    expect((await runtime.api.triage(caseId)).status).toBe(200);

    const brukerrad = voters('brukerrad', 'svarut');
    const requests = await box.expectNext({ stepEnded: always, stepStarted: always, consultation: brukerrad });
    const started = performance.now();
    const deadline = (await runtime.api.getCase(caseId)).currentStep?.deadline ?? '';
    expect(Date.parse(deadline) - Date.now()).toBeLessThanOrEqual(policy.deadlineDays * SECONDS_PER_DAY * 1000);
    const member = brukerrad[0] ?? '';
    const requestPage = await openAction(linkFor(requests, 'consultation', member));
    expect(requestPage.status).toBe(200);

    // Reminders 7 and 2 days before the deadline, each with a fresh link, to those who have not answered.
    const firstReminders = await box.expectNext({ reminder: brukerrad }, { timeoutMs: 40_000 });
    const elapsed = (performance.now() - started) / 1000;
    expect(elapsed).toBeGreaterThan((policy.deadlineDays - 7) * SECONDS_PER_DAY - 2);
    const reminderLink = linkFor(firstReminders, 'reminder', member);
    const requestLink = linkFor(requests, 'consultation', member);
    expect(reminderLink).not.toBe(requestLink);
    expect((await openAction(reminderLink)).status).toBe(200);
    // A re-issued link supersedes the one before it (shared/use-cases/issue-action-links.ts):
    // the request link now answers 410 and points to the reminder; a post on it, even from the
    // form loaded before the reminder came, records nothing.
    const superseded = await openAction(requestLink);
    expect(superseded.status, 'the request link after a reminder').toBe(410);
    expect(superseded.html).toMatch(SUPERSEDED_HEADING);
    expect(superseded.html).toContain(reminderFor(firstReminders, member).subject);
    const stale = await postAction(requestLink, { choice: 'support', csrf: requestPage.csrf ?? '' });
    expect(stale.status, 'a post from the form of the superseded link').toBe(410);
    const lastReminders = await box.expectNext({ reminder: brukerrad }, { timeoutMs: 20_000 });
    const lastLink = linkFor(lastReminders, 'reminder', member);
    expect((await openAction(reminderLink)).status, 'the first reminder link after the last').toBe(410);
    expect((await openAction(lastLink)).status, 'the newest link before the deadline').toBe(200);

    // The deadline: the secretariat hears of it; the statement is "no answer" and the case proceeds.
    const daglig = voters('daglig_leder');
    const decision = await box.expectNext(
      {
        deadlinePassed: SECRETARIAT,
        stepEnded: [...always, ...everyone('daglig_leder')],
        stepStarted: always,
        decision: daglig,
      },
      { timeoutMs: 20_000 },
    );
    const view = await runtime.api.waitForStatus(caseId, 'decision');
    expect(view.events.filter((e) => e.type === 'statement_given'), 'nothing recorded by the superseded link').toEqual([]);
    expect(view.steps[1]?.units.map((u) => [u.bodyId, u.outcome])).toEqual([['brukerrad', 'no_answer']]);
    expect(view.events.filter((e) => e.type === 'deadline_passed').map((e) => [e.bodyId, e.result])).toEqual([
      ['brukerrad', 'no_answer'],
    ]);

    // Past the deadline every link of the consultation is gone: 410 to look at or to answer.
    const lastPage = await openAction(lastLink);
    expect(lastPage.status).toBe(410);
    expect((await postAction(lastLink, { choice: 'support', csrf: 'x' })).status).toBe(410);
    expect([409, 410]).toContain((await openAction(requestLink)).status);

    await act(linkFor(decision, 'decision', daglig[0] ?? ''), 'approve');
    await box.expectNext({ stepEnded: [...always, ...everyone('brukerrad', 'svarut')], approved: always });
    const done = await runtime.api.waitForStatus(caseId, 'approved');
    expect(done.outcome).toMatchObject({ bodyId: 'daglig_leder', nivaa: 3 });
  });
});
