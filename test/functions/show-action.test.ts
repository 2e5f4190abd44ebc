import { describe, expect, it } from 'vitest';
import { createStep } from '../../shared/domain/step';
import {
  CASE_ID,
  call,
  csrfFrom,
  DEADLINE,
  DECISION_CHOICES,
  expectPageHeaders,
  getEvent,
  issueLink,
  NOW,
  openStep,
  setup,
  singleDeciderLink,
  snapshot,
  storeCase,
  votingMembers,
} from '../support/action-link-setup';

const dagligLederLink = singleDeciderLink;

describe('GET /handling/{token}', () => {
  it('shows the case and the allowed choices, and changes nothing', async () => {
    const s = await dagligLederLink();
    const before = await snapshot(s.ports);
    const res = await call(s.show, getEvent(s.raw));
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res);
    expect(res.html).toContain('<html lang="nb">');
    expect(res.html).toContain('2026/0001');
    expect(res.html).toContain('Ta stilling i sak 2026/0001');
    expect(res.html).toContain('Daglig leder');
    const radios = [...res.html.matchAll(/type="radio" name="choice" id="choice-(\w+)" value="(\w+)"/g)];
    expect(radios.map((m) => m[2])).toEqual(['approve', 'reject', 'return']);
    expect(res.html).toContain('Godkjenne');
    expect(res.html).toMatch(/<textarea[^>]*name="comment"[^>]*maxlength="2000"/);
    expect(csrfFrom(res.html)).toMatch(/^[0-9a-f]{64}$/);
    // A scanner's prefetch must not count as an answer.
    expect(await snapshot(s.ports)).toBe(before);
    expect(s.ports.workflow.completions).toEqual([]);
    // The token appears nowhere in the page (the form posts to its own URL).
    expect(res.html).not.toContain(s.raw);
  });

  it('escapes applicant text', async () => {
    const s = setup();
    const c = await storeCase(s.ports);
    await s.ports.cases.save(
      { ...c, version: c.version + 1, application: { ...c.application, title: 'Nytt <script>alert(1)</script>' } },
      c.version,
    );
    const step = await openStep(s.ports, { definitionId: 'nivaa3.decision', kind: 'decision', bodyId: 'daglig_leder' });
    const raw = await issueLink(s.ports, { step, memberId: votingMembers('daglig_leder')[0]!, choices: DECISION_CHOICES });
    const res = await call(s.show, getEvent(raw));
    expect(res.statusCode).toBe(200);
    expect(res.html).not.toContain('<script>');
    expect(res.html).toContain('Nytt &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows the statements of earlier consultations on a decision page', async () => {
    const s = setup();
    await storeCase(s.ports);
    const [first, second] = votingMembers('brukerrad');
    const consultation = createStep({
      caseId: CASE_ID,
      stepId: '001',
      definitionId: 'nivaa3.consultation',
      kind: 'consultation',
      startedAt: new Date('2026-03-01T10:00:00.000Z'),
      units: [
        {
          unitId: 'brukerrad',
          bodyId: 'brukerrad',
          remindersLeft: 0,
          deadline: '2026-03-02T09:00:00.000Z',
          recipients: [
            { memberId: first!, language: 'nb' },
            { memberId: second!, language: 'nb' },
          ],
        },
      ],
    });
    await s.ports.steps.create(consultation);
    const ref = { caseId: CASE_ID, stepId: '001', unitId: 'brukerrad' };
    await s.ports.steps.recordAnswer(ref, {
      memberId: first!,
      choice: 'object',
      comment: 'Kostnaden er <b>for høy</b>',
      at: '2026-03-01T12:00:00.000Z',
    });
    const decision = await openStep(s.ports, { definitionId: 'nivaa3.decision', kind: 'decision', bodyId: 'daglig_leder' });
    const raw = await issueLink(s.ports, {
      step: decision,
      memberId: votingMembers('daglig_leder')[0]!,
      choices: DECISION_CHOICES,
    });
    const res = await call(s.show, getEvent(raw));
    expect(res.statusCode).toBe(200);
    expect(res.html).toContain('Uttalelser så langt');
    expect(res.html).toContain('Ha innvendinger');
    expect(res.html).toContain('Kostnaden er &lt;b&gt;for høy&lt;/b&gt;');
  });

  it('does not show statements on a consultation page', async () => {
    const s = setup();
    await storeCase(s.ports, ['triage', 'consultation']);
    const step = await openStep(s.ports, {
      definitionId: 'nivaa2.consultation',
      kind: 'consultation',
      bodyId: 'samstyringsstrukturen',
    });
    const raw = await issueLink(s.ports, {
      step,
      memberId: votingMembers('samstyringsstrukturen')[0]!,
      choices: ['support', 'object', 'no_comment'],
    });
    const res = await call(s.show, getEvent(raw));
    expect(res.statusCode).toBe(200);
    expect(res.html).toContain('Gi uttalelse i sak 2026/0001');
    expect(res.html).not.toContain('Uttalelser så langt');
  });

  it("speaks the recipient's language unless ?lang= or the lang cookie says otherwise", async () => {
    const s = await dagligLederLink('nn');
    const own = await call(s.show, getEvent(s.raw, { headers: { 'accept-language': 'en' } }));
    expect(own.html).toContain('<html lang="nn">');
    expect(own.headers?.['content-language']).toBe('nn');
    expect(own.cookies).toBeUndefined();

    const chosen = await call(s.show, getEvent(s.raw, { queryStringParameters: { lang: 'en' } }));
    expect(chosen.html).toContain('<html lang="en">');
    expect(chosen.html).toContain('Decide on case 2026/0001');
    expect(chosen.cookies).toEqual([expect.stringMatching(/^lang=en; Path=\/;.*SameSite=Lax/)]);

    const remembered = await call(s.show, getEvent(s.raw, { cookies: ['lang=nb'] }));
    expect(remembered.html).toContain('<html lang="nb">');
  });

  it('answers 404 for a forged or malformed token, without echoing it', async () => {
    const s = await dagligLederLink();
    const forged = 'x'.repeat(43);
    const unknown = await call(s.show, getEvent(forged));
    expect(unknown.statusCode).toBe(404);
    expectPageHeaders(unknown);
    expect(unknown.html).toContain('Vi kjenner ikke igjen lenken');
    expect(unknown.html).not.toContain(forged);
    const malformed = await call(s.show, getEvent('<script>'));
    expect(malformed.statusCode).toBe(404);
    expect(malformed.html).not.toContain('<script>');
  });

  it('refuses a link to an amendment step: the applicant amends through the amendment form', async () => {
    const s = setup();
    await storeCase(s.ports, ['triage', 'decision', 'returned']);
    const step = await openStep(s.ports, {
      definitionId: 'amendment',
      kind: 'amendment',
      bodyId: 'sekretariat',
      memberIds: ['applicant'],
    });
    const raw = await issueLink(s.ports, { step, memberId: 'applicant', choices: ['amended'] });
    expect((await call(s.show, getEvent(raw))).statusCode).toBe(404);
  });

  it('answers 410 for an expired link', async () => {
    const s = await dagligLederLink();
    s.ports.clock.set('2026-03-16T10:00:00.000Z');
    const before = await snapshot(s.ports);
    const res = await call(s.show, getEvent(s.raw));
    expect(res.statusCode).toBe(410);
    expect(res.html).toContain('Lenken har gått ut');
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('answers 409 when the link was used or its unit or case has ended, 410 when superseded', async () => {
    const used = await dagligLederLink();
    await used.ports.tokens.markUsed(await used.ports.tokenHasher.hash(used.raw), 'approve', new Date(beforeDeadline()));
    expect((await call(used.show, getEvent(used.raw))).statusCode).toBe(409);

    const superseded = await dagligLederLink();
    await superseded.ports.tokens.supersede(await superseded.ports.tokenHasher.hash(superseded.raw), 'b'.repeat(64));
    const supersededPage = await call(superseded.show, getEvent(superseded.raw));
    expect(supersededPage.statusCode).toBe(410);
    expect(supersededPage.html).toContain('Det finnes en nyere lenke');

    const closed = await dagligLederLink();
    await closed.ports.steps.closeUnit(
      { caseId: CASE_ID, stepId: closed.step.stepId, unitId: 'daglig_leder' },
      'no_answer',
      new Date(beforeDeadline()),
    );
    const closedPage = await call(closed.show, getEvent(closed.raw));
    expect(closedPage.statusCode).toBe(409);
    expect(closedPage.html).toContain('Saken er allerede avgjort');

    const answered = await dagligLederLink();
    await answered.ports.steps.recordAnswer(
      { caseId: CASE_ID, stepId: answered.step.stepId, unitId: 'daglig_leder' },
      { memberId: votingMembers('daglig_leder')[0]!, choice: 'reject', at: beforeDeadline() },
    );
    const answeredPage = await call(answered.show, getEvent(answered.raw));
    expect(answeredPage.statusCode).toBe(409);
    expect(answeredPage.html).toContain('Du har allerede svart');
  });

  it('answers 410 for a link that is not the member’s current one, pointing to the newest e-mail', async () => {
    const s = await dagligLederLink();
    const ref = { caseId: CASE_ID, stepId: s.step.stepId, unitId: 'daglig_leder' };
    const subject = 'Påminnelse: frist 16. mars 2026 i sak <2026-0001>';
    await s.ports.steps.setCurrentLink(ref, s.memberId, { tokenHash: 'c'.repeat(64), sentAt: NOW, subject });
    const before = await snapshot(s.ports);
    const res = await call(s.show, getEvent(s.raw));
    expect(await snapshot(s.ports)).toBe(before);
    expect(res.statusCode).toBe(410);
    expect(res.html).toContain('<h1 class="ds-heading" data-size="lg">Det finnes en nyere lenke</h1>');
    expect(res.html).toContain('«Påminnelse: frist 16. mars 2026 i sak &lt;2026-0001&gt;»');
    expectPageHeaders(res);
  });

  it('keeps a link valid that the step has no current link for, or that is newer than the current one', async () => {
    // Issued before current links were recorded.
    const legacy = await dagligLederLink();
    expect(legacy.step.units[0]?.recipients.every((r) => r.currentLink === undefined)).toBe(true);
    expect((await call(legacy.show, getEvent(legacy.raw))).statusCode).toBe(200);
    // Made after the current link was sent: its own recording as current was cut short.
    const newer = await dagligLederLink();
    const ref = { caseId: CASE_ID, stepId: newer.step.stepId, unitId: 'daglig_leder' };
    const sentAt = '2026-03-01T10:00:00.000Z';
    await newer.ports.steps.setCurrentLink(ref, newer.memberId, { tokenHash: 'c'.repeat(64), sentAt, subject: 'Sak' });
    expect((await call(newer.show, getEvent(newer.raw))).statusCode).toBe(200);
  });

  it('answers 409 when the case is final', async () => {
    const s = setup();
    await storeCase(s.ports, ['triage', 'decision', 'withdrawn']);
    const step = await openStep(s.ports, { definitionId: 'nivaa3.decision', kind: 'decision', bodyId: 'daglig_leder' });
    const raw = await issueLink(s.ports, { step, memberId: votingMembers('daglig_leder')[0]!, choices: DECISION_CHOICES });
    const res = await call(s.show, getEvent(raw));
    expect(res.statusCode).toBe(409);
    expect(res.html).toContain('Saken er avsluttet');
  });

  it('shows a generic 500 page when a store fails, without internals', async () => {
    const s = await dagligLederLink('en');
    s.ports.tokens.faults.failNext('getByHash', new Error('ddb table beslutningsflyt-secret exploded'));
    const res = await call(s.show, getEvent(s.raw));
    expect(res.statusCode).toBe(500);
    expectPageHeaders(res);
    expect(res.html).toContain('Noe gikk galt');
    expect(res.html).not.toContain('exploded');
  });
});

function beforeDeadline(): string {
  return new Date(Date.parse(DEADLINE) - 24 * 60 * 60 * 1000).toISOString();
}
