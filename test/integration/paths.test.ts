/**
 * Every decision path of Eierstrategi DIF 2023–2027 ch. 12, end to end through the local
 * runtime: the real HTTP API, the synthesized state machine on the local engine, dynalite and
 * the e-mails in MailDev. Each step asserts exactly who was e-mailed (addresses from the
 * roster) and the case's state as GET /api/cases/{caseId} reports it. Deadlines are long here
 * (one day = 60 s) so no reminder interferes; deadlines and restarts have their own files.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Application } from '../../shared/domain/application';
import {
  act,
  always,
  answerAll,
  applications,
  type CaseMailbox,
  chairOf,
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

const SECONDS_PER_DAY = 60;
// A step's e-mails take a second or two to pass through the local SES endpoint and SMTP.
vi.setConfig({ testTimeout: 90_000 });
// Each test follows its own case, in an empty inbox.
const runtime = useTestRuntime(SECONDS_PER_DAY, { emptyInboxBeforeEach: true });

const union = (...lists: string[][]) => [...new Set(lists.flat())];
const without = (list: readonly string[], ...drop: string[]) => list.filter((a) => !drop.includes(a));

/** Submits, checks the receipt and the triage request, and confirms the nivå through a link. */
async function submitAndTriage(application: Application) {
  const c = await submitCase(runtime, application);
  expect((await runtime.api.getCase(c.caseId)).status).toBe('triage');
  const [first = '', second = ''] = SECRETARIAT;
  await act(linkFor(c.triage, 'newCase', first), 'confirm');
  // The other secretary's link is spent: the first answer closed the triage.
  expect((await openAction(linkFor(c.triage, 'newCase', second))).status).toBe(409);
  return c;
}

async function unitStatus(caseId: string, bodyId: string): Promise<string | undefined> {
  const view = await runtime.api.getCase(caseId);
  return view.steps.at(-1)?.units.find((u) => u.bodyId === bodyId)?.status;
}

describe('nivå 3: the brukerråd is consulted, daglig leder decides', () => {
  it('approves after the statement, e-mailing each body in turn', async () => {
    const applicant = 'soker-nivaa3@example.org';
    const c = await submitAndTriage(applications.nivaa3(applicant));
    expect(c.nivaa).toBe(3);
    const brukerrad = voters('brukerrad', 'svarut');
    const consultation = await c.box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: brukerrad,
    });
    expect(currentStep(await runtime.api.getCase(c.caseId))).toEqual({ kind: 'consultation', bodies: ['brukerrad'] });

    // Simple majority with the chair's casting vote: 1–1 is open, 2–1 with the chair is certain.
    const [leder = '', m2 = '', m3 = '', m4 = ''] = brukerrad;
    expect(leder).toBe(chairOf('brukerrad', 'svarut'));
    await act(linkFor(consultation, 'consultation', leder), 'support');
    await act(linkFor(consultation, 'consultation', m2), 'object');
    expect(await unitStatus(c.caseId, 'brukerrad')).toBe('open');
    await act(linkFor(consultation, 'consultation', m3), 'support', 'Bra for brukerne.');

    const decision = await c.box.expectNext({
      // The statement goes to the decider with the end of the consultation.
      stepEnded: union(always(applicant), everyone('daglig_leder')),
      stepStarted: always(applicant),
      decision: voters('daglig_leder'),
    });
    // The last member's link is closed: the brukerråd has answered.
    expect((await openAction(linkFor(consultation, 'consultation', m4))).status).toBe(409);
    const view = await runtime.api.getCase(c.caseId);
    expect(view.status).toBe('decision');
    expect(view.statements.map((s) => [s.bodyId, s.choice])).toEqual([
      ['brukerrad', 'support'],
      ['brukerrad', 'object'],
      ['brukerrad', 'support'],
    ]);

    const daglig = voters('daglig_leder')[0] ?? '';
    const page = await openAction(linkFor(decision, 'decision', daglig));
    expect(page.choices).toEqual(['approve', 'reject', 'return']);
    await act(linkFor(decision, 'decision', daglig), 'approve');
    await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('brukerrad', 'svarut')),
      approved: always(applicant),
    });
    const done = await runtime.api.waitForStatus(c.caseId, 'approved');
    expect(done.outcome).toMatchObject({ status: 'approved', bodyId: 'daglig_leder', nivaa: 3 });
    expect(done.currentStep).toBeNull();
  });
});

describe('nivå 2: samstyringsstrukturen is consulted, styret decides by the board rule', () => {
  it('needs a majority of the board: one vote, or two against one, decides nothing', async () => {
    const applicant = 'soker-nivaa2@example.org';
    const c = await submitAndTriage(applications.nivaa2(applicant));
    expect(c.nivaa).toBe(2);
    const samstyring = voters('samstyringsstrukturen');
    const consultation = await c.box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: samstyring,
    });
    await answerAll(consultation, 'consultation', samstyring.slice(0, 3), 'support');

    const styret = voters('styret');
    expect(styret).toHaveLength(5); // deputies and the secretary do not vote
    const decision = await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('styret')),
      stepStarted: always(applicant),
      decision: styret,
    });
    const [leder = '', m2 = '', m3 = '', m4 = '', m5 = ''] = styret;
    expect((await openAction(linkFor(decision, 'decision', m2))).choices).toEqual([
      'approve',
      'reject',
      'return',
      'lift',
      'no_comment',
    ]);
    // Aksjeloven §§ 6-24/6-25: the first vote decides nothing, nor does 2–1 with two to vote.
    await act(linkFor(decision, 'decision', m2), 'approve');
    expect(await unitStatus(c.caseId, 'styret')).toBe('open');
    await act(linkFor(decision, 'decision', m3), 'reject');
    await act(linkFor(decision, 'decision', leder), 'approve');
    expect(await unitStatus(c.caseId, 'styret')).toBe('open');
    await c.box.expectNothingNew();
    expect((await runtime.api.getCase(c.caseId)).status).toBe('decision');
    // A third vote for approval is a majority the last member cannot overturn.
    await act(linkFor(decision, 'decision', m4), 'approve');

    await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('samstyringsstrukturen')),
      approved: always(applicant),
    });
    const done = await runtime.api.waitForStatus(c.caseId, 'approved');
    expect(done.outcome).toMatchObject({ bodyId: 'styret', nivaa: 2 });
    expect((await openAction(linkFor(decision, 'decision', m5))).status).toBe(409);
  });
});

/** Nivå 1 consultation (both bodies in one step) and GF's decision; returns the final view. */
async function nivaa1ConsultationAndDecision(c: { caseId: string; box: CaseMailbox }, applicant: string, gfChoice: 'approve' | 'reject', startedBy: Record<string, string[]>) {
  const rr = voters('representasjonsradet');
  const samstyring = voters('samstyringsstrukturen');
  // Both bodies get the request in the same step, side by side.
  const consultation = await c.box.expectNext({ ...startedBy, stepStarted: always(applicant), consultation: [...rr, ...samstyring] });
  expect(currentStep(await runtime.api.getCase(c.caseId))).toEqual({
    kind: 'consultation',
    bodies: ['representasjonsradet', 'samstyringsstrukturen'],
  });
  // Representasjonsrådet: at least 2/3 of those present; four of six in favour is certain.
  await answerAll(consultation, 'consultation', rr.slice(0, 4), 'support');
  expect(await unitStatus(c.caseId, 'representasjonsradet')).toBe('closed');
  expect(currentStep(await runtime.api.getCase(c.caseId))).toEqual({ kind: 'consultation', bodies: ['samstyringsstrukturen'] });
  await c.box.expectNothingNew();
  await answerAll(consultation, 'consultation', samstyring.slice(0, 3), 'object');

  const gf = voters('generalforsamling');
  const decision = await c.box.expectNext({
    stepEnded: union(always(applicant), everyone('generalforsamling')),
    stepStarted: always(applicant),
    decision: gf,
  });
  const view = await runtime.api.getCase(c.caseId);
  expect(view.steps.at(-2)?.units.map((u) => [u.bodyId, u.outcome])).toEqual([
    ['representasjonsradet', 'support'],
    ['samstyringsstrukturen', 'object'],
  ]);
  await answerAll(decision, 'decision', gf.slice(0, 4), gfChoice);
  const final = gfChoice === 'approve' ? 'approved' : 'refused';
  await c.box.expectNext({
    stepEnded: union(
      always(applicant),
      everyone('styret'),
      everyone('representasjonsradet'),
      everyone('samstyringsstrukturen'),
    ),
    [final]: always(applicant),
  });
  return runtime.api.waitForStatus(c.caseId, final);
}

describe('nivå 1: styret proposes, both bodies are consulted in parallel, GF decides', () => {
  it('a nivå 2 case lifted by styret continues as nivå 1 and GF approves it', async () => {
    const applicant = 'soker-loftet@example.org';
    const c = await submitAndTriage(applications.nivaa2(applicant, 'Strategisk fellesløsning'));
    const samstyring = voters('samstyringsstrukturen');
    const consultation = await c.box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: samstyring,
    });
    await answerAll(consultation, 'consultation', samstyring.slice(0, 3), 'no_comment');
    const decision = await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('styret')),
      stepStarted: always(applicant),
      decision: voters('styret'),
    });
    await answerAll(decision, 'decision', voters('styret').slice(0, 3), 'lift');

    const done = await nivaa1ConsultationAndDecision(c, applicant, 'approve', {
      stepEnded: union(always(applicant), everyone('samstyringsstrukturen')),
    });
    expect(done.nivaa).toBe(1);
    expect(done.events.filter((e) => e.type === 'lifted').map((e) => [e.fromNivaa, e.toNivaa])).toEqual([[2, 1]]);
    expect(done.outcome).toMatchObject({ status: 'approved', bodyId: 'generalforsamling', nivaa: 1 });
  });

  it('a new delivery area: styret proposes, and GF refuses it', async () => {
    const applicant = 'soker-nivaa1@example.org';
    const c = await submitAndTriage(applications.nivaa1(applicant));
    expect(c.nivaa).toBe(1);
    const styret = voters('styret');
    const proposal = await c.box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      decision: styret,
    });
    expect(currentStep(await runtime.api.getCase(c.caseId))).toEqual({ kind: 'decision', bodies: ['styret'] });
    await answerAll(proposal, 'decision', without(styret, chairOf('styret')).slice(0, 3), 'approve');

    const done = await nivaa1ConsultationAndDecision(c, applicant, 'reject', { stepEnded: always(applicant) });
    expect(done.outcome).toMatchObject({ status: 'refused', bodyId: 'generalforsamling', nivaa: 1 });
  });
});

describe('DigiFin grant: KommIT-rådet recommends, KS’ adm. dir. decides', () => {
  async function toGrantDecision(applicant: string, recommendation: 'recommend' | 'not_recommend') {
    const c = await submitAndTriage(applications.grant(applicant));
    expect((await runtime.api.getCase(c.caseId)).proposal.digifinGrantPath).toBe(true);
    const kommit = voters('kommit_radet');
    const asked = await c.box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      recommendation: kommit,
    });
    expect((await openAction(linkFor(asked, 'recommendation', kommit[0] ?? ''))).choices).toEqual([
      'recommend',
      'not_recommend',
      'no_comment',
    ]);
    await answerAll(asked, 'recommendation', kommit.slice(0, 3), recommendation);
    const decision = await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('ks_adm_dir')),
      stepStarted: always(applicant),
      decision: voters('ks_adm_dir'),
    });
    const admDir = voters('ks_adm_dir')[0] ?? '';
    expect((await openAction(linkFor(decision, 'decision', admDir))).choices).toEqual(['approve', 'reject']);
    return { c, decisionLink: linkFor(decision, 'decision', admDir) };
  }

  it('a refusal ends the case as refused', async () => {
    const applicant = 'soker-digifin-avslag@example.org';
    const { c, decisionLink } = await toGrantDecision(applicant, 'recommend');
    await act(decisionLink, 'reject');
    await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('kommit_radet')),
      refused: always(applicant),
    });
    const done = await runtime.api.waitForStatus(c.caseId, 'refused');
    expect(done.outcome).toMatchObject({ bodyId: 'ks_adm_dir' });
    expect(done.steps.map((s) => s.kind)).toEqual(['triage', 'decision', 'decision']);
  });

  it('a grant continues on the nivå path; the applicant withdraws mid-consultation and is told', async () => {
    const applicant = 'soker-digifin-innvilget@example.org';
    const { c, decisionLink } = await toGrantDecision(applicant, 'not_recommend');
    await act(decisionLink, 'approve');
    const samstyring = voters('samstyringsstrukturen');
    const consultation = await c.box.expectNext({
      stepEnded: union(always(applicant), everyone('kommit_radet')),
      stepStarted: always(applicant),
      consultation: samstyring,
    });
    const [first = '', second = ''] = samstyring;
    await act(linkFor(consultation, 'consultation', first), 'support');

    const withdrawn = await runtime.api.withdraw(c.caseId, { reason: 'Vi har funnet en annen løsning.' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const done = await runtime.api.waitForStatus(c.caseId, 'withdrawn');
    expect(done.currentStep).toBeNull();
    expect(done.steps.at(-1)?.units.map((u) => u.outcome)).toEqual(['withdrawn']);
    // Open links fail, both to look at and to answer.
    const link = linkFor(consultation, 'consultation', second);
    const page = await openAction(link);
    expect(page.status).toBe(409);
    expect((await postAction(link, { choice: 'support', csrf: 'x' })).status).toBe(409);
    expect((await runtime.api.withdraw(c.caseId)).status).toBe(409);
    // The applicant and the secretariat are told, as when a case is withdrawn for a missing
    // amendment (advance-case notifyFinal). Soft: withdraw-case sends nothing yet (reported).
    await c.box.expectNext({ withdrawn: always(applicant) }, { timeoutMs: 10_000 });
  });
});
