/**
 * Killing the local runtime in the middle of cases and starting a new one on the same data:
 * every execution resumes where it was. Case X waits on a consultation whose deadline falls
 * while the first runtime is dead or shortly after; case Y waits on two bodies consulted in
 * parallel, one answer cast before the crash. The runtimes are child processes (a fresh
 * process reads the handler configuration afresh) on the same ports, so links stay valid.
 * One configured day = 2 s: X's deadline (21 days) is 42 s away, Y's (42 days) 84 s.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  act,
  answerAll,
  applications,
  everyone,
  linkFor,
  newestLinkFor,
  openAction,
  SECRETARIAT,
  submitCase,
  useTestRuntime,
  voters,
} from '../support/integration';

vi.setConfig({ testTimeout: 240_000 });
const runtime = useTestRuntime(2, { restartable: true });

describe('a restart in the middle of cases', () => {
  it('resumes waits for answers and deadlines in a new process', async () => {
    // Case X (nivå 3) reaches the brukerråd consultation; nobody will answer.
    const applicantX = 'soker-omstart-x@example.org';
    const alwaysX = [applicantX, ...SECRETARIAT];
    const { box: boxX, ...x } = await submitCase(runtime, applications.nivaa3(applicantX, 'Sak som venter på høringsfrist'));
    expect((await runtime.api.triage(x.caseId)).status).toBe(200);
    await boxX.expectNext({ stepEnded: alwaysX, stepStarted: alwaysX, consultation: voters('brukerrad', 'svarut') });

    // Case Y (nivå 1): styret proposes, then Representasjonsrådet and samstyringsstrukturen are
    // consulted side by side; the council's chair answers before the crash.
    const applicantY = 'soker-omstart-y@example.org';
    const alwaysY = [applicantY, ...SECRETARIAT];
    const { box: boxY, ...y } = await submitCase(runtime, applications.nivaa1(applicantY, 'Sak som venter på to høringer'));
    expect((await runtime.api.triage(y.caseId)).status).toBe(200);
    const styret = voters('styret');
    const proposal = await boxY.expectNext({ stepEnded: alwaysY, stepStarted: alwaysY, decision: styret });
    await answerAll(proposal, 'decision', styret.slice(0, 3), 'approve');
    const rr = voters('representasjonsradet');
    const samstyring = voters('samstyringsstrukturen');
    const consultation = await boxY.expectNext({ stepEnded: alwaysY, stepStarted: alwaysY, consultation: [...rr, ...samstyring] });
    const [rrLeder = ''] = rr;
    await act(linkFor(consultation, 'consultation', rrLeder), 'support');

    // Crash: no chance to finish anything.
    expect(await runtime.kill('SIGKILL')).toBe('SIGKILL');
    await runtime.restart();

    // Y: the answer given before the crash counts; links mailed before it still work, and the
    // two parallel waits resume independently.
    expect((await openAction(linkFor(consultation, 'consultation', rrLeder))).status).toBe(409);
    // On a slow machine a reminder may have replaced a member's link: each answers from the newest.
    const answerNewest = async (members: readonly string[]) => {
      for (const member of members) await act(await newestLinkFor(boxY, 'consultation', member), 'support');
    };
    await answerNewest(rr.slice(1, 4));
    expect((await runtime.api.getCase(y.caseId)).steps.at(-1)?.units.map((u) => u.status)).toEqual(['closed', 'open']);
    await answerNewest(samstyring.slice(0, 3));
    await boxY.expectNext(
      {
        stepEnded: [...alwaysY, ...everyone('generalforsamling')],
        stepStarted: alwaysY,
        decision: voters('generalforsamling'),
      },
      // On a slow machine the first reminders may already have gone out.
      { ignore: ['reminder'] },
    );
    const viewY = await runtime.api.waitForStatus(y.caseId, 'decision');
    expect(viewY.steps.map((s) => [s.kind, s.units.map((u) => u.outcome)])).toEqual([
      ['triage', ['confirm']],
      ['decision', ['approve']],
      ['consultation', ['support', 'support']],
      ['decision', [null]],
    ]);

    // X: the consultation deadline (42 s after it started) fires in the new process.
    const daglig = voters('daglig_leder');
    const decision = await boxX.expectNext(
      {
        deadlinePassed: SECRETARIAT,
        stepEnded: [...alwaysX, ...everyone('daglig_leder')],
        stepStarted: alwaysX,
        decision: daglig,
      },
      // Reminders are due before the deadline unless the runtime was down past them.
      { timeoutMs: 90_000, ignore: ['reminder'] },
    );
    expect((await runtime.api.getCase(x.caseId)).steps[1]?.units.map((u) => u.outcome)).toEqual(['no_answer']);
    await act(linkFor(decision, 'decision', daglig[0] ?? ''), 'approve');
    await boxX.expectNext({ stepEnded: [...alwaysX, ...everyone('brukerrad', 'svarut')], approved: alwaysX });
    const done = await runtime.api.waitForStatus(x.caseId, 'approved');
    expect(done.outcome).toMatchObject({ bodyId: 'daglig_leder' });
  });
});
