import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/get-case-status';
import { transition } from '../../shared/domain/lifecycle';
import { t } from '../../shared/i18n';
import { fakePorts } from '../support/fakes';
import { exampleStep } from '../support/fixtures/records';
import { CASE_ID, caseThrough, call, openStep, storeCase, UNKNOWN_CASE_ID } from '../support/case-api-setup';
import { httpEvent } from '../support/http-events';

const ROUTE = 'GET /api/cases/{caseId}';

function get(caseId: string, headers: Record<string, string> = {}) {
  return httpEvent(ROUTE, `/api/cases/${caseId}`, { pathParameters: { caseId }, headers });
}

/** A nivå 2 case in consultation: triage done, samstyringsstrukturen and brukerråd asked. */
async function consultationCase() {
  const ports = fakePorts();
  let c = caseThrough(['triage']);
  c = transition(c, 'consultation', {
    actor: { kind: 'system' },
    at: new Date('2026-03-02T13:00:00.000Z'),
    type: 'step_started',
    stepId: '002',
    recipients: ['samstyringsstrukturen'],
  });
  await ports.cases.create(c);
  await openStep(ports, { tokens: { sekretariat: 'tok-triage-secret' } });
  await ports.steps.closeUnit(
    { caseId: CASE_ID, stepId: '001', unitId: 'sekretariat' },
    'confirm',
    new Date('2026-03-02T12:30:00.000Z'),
  );
  await ports.steps.closeStep(CASE_ID, '001', new Date('2026-03-02T12:30:00.000Z'));
  await ports.steps.create(exampleStep({ stepId: '002' }));
  await ports.steps.setUnitToken({ caseId: CASE_ID, stepId: '002', unitId: 'styret' }, 'tok-styret-secret');
  await ports.steps.recordAnswer(
    { caseId: CASE_ID, stepId: '002', unitId: 'styret' },
    { memberId: 'm-anne', choice: 'support', comment: 'Viktig for kommunene.', at: '2026-03-03T08:00:00.000Z' },
  );
  await ports.steps.closeUnit(
    { caseId: CASE_ID, stepId: '002', unitId: 'brukerrad' },
    'no_answer',
    new Date('2026-03-12T10:00:00.000Z'),
  );
  return { ports, handler: makeHandler(ports) };
}

describe('GET /api/cases/{caseId}', () => {
  it('describes number, nivå, current step, steps with outcomes, statements and who was notified', async () => {
    const { handler } = await consultationCase();
    const res = await call(handler, get(CASE_ID));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-language']).toBe('nb');
    expect(res.json).toMatchObject({
      caseId: CASE_ID,
      caseNumber: '2026/0001',
      title: 'Felles løsning for digital byggesøknad',
      organisation: { name: 'Oslo kommune', organisationNumber: '958935420' },
      status: 'consultation',
      statusText: 'På høring',
      nivaa: 2,
      proposal: {
        nivaa: 2,
        needsConfirmation: false,
        reasons: [
          { key: 'classification.reason.newWithPublicFunding', text: t('nb', 'classification.reason.newWithPublicFunding') },
        ],
      },
      currentStep: { stepId: '002', kind: 'consultation', bodies: ['styret'], deadline: '2026-03-16T10:00:00.000Z' },
      outcome: null,
      submittedAt: '2026-03-02T09:00:00.000Z',
    });
    const steps = res.json.steps as Array<Record<string, unknown>>;
    expect(steps.map((s) => [s.stepId, s.kind, s.status])).toEqual([
      ['001', 'triage', 'closed'],
      ['002', 'consultation', 'open'],
    ]);
    expect(steps[1]?.units).toEqual([
      expect.objectContaining({ bodyId: 'styret', status: 'open', outcome: null, deadline: '2026-03-16T10:00:00.000Z' }),
      expect.objectContaining({ bodyId: 'brukerrad', status: 'closed', outcome: 'no_answer', outcomeText: expect.any(String) }),
    ]);
    expect(res.json.statements).toEqual([
      {
        stepId: '002',
        bodyId: 'styret',
        memberId: 'm-anne',
        choice: 'support',
        choiceText: 'Støtte',
        comment: 'Viktig for kommunene.',
        at: '2026-03-03T08:00:00.000Z',
      },
    ]);
    expect(res.json.notified).toEqual(['samstyringsstrukturen', 'sekretariat', 'styret', 'brukerrad']);
    expect(res.json.events).toEqual([
      expect.objectContaining({ type: 'submitted', actor: 'applicant', typeText: 'Søknad sendt inn' }),
      expect.objectContaining({ type: 'triage_started', actor: 'system', to: 'triage' }),
      expect.objectContaining({ type: 'step_started', stepId: '002', recipients: ['samstyringsstrukturen'] }),
    ]);
  });

  it('never shows the contact person, e-mail addresses or task tokens', async () => {
    const { handler } = await consultationCase();
    const res = await call(handler, get(CASE_ID));
    for (const secret of ['Kari Eksempel', 'kari.eksempel@example.org', '+4740000000', 'tok-', 'taskToken', '@']) {
      expect(res.text).not.toContain(secret);
    }
  });

  it('localizes labels in the requested language', async () => {
    const { handler } = await consultationCase();
    const en = await call(handler, get(CASE_ID, { 'accept-language': 'en' }));
    expect(en.json.statusText).toBe('In consultation');
    expect(en.headers?.['content-language']).toBe('en');
    const nn = await call(handler, httpEvent(ROUTE, `/api/cases/${CASE_ID}`, {
      pathParameters: { caseId: CASE_ID },
      queryStringParameters: { lang: 'nn' },
    }));
    expect(nn.json.statusText).toBe('På høyring');
  });

  it('shows the final outcome of a closed case', async () => {
    const ports = fakePorts();
    const c = caseThrough(['triage']);
    await ports.cases.create(
      transition(c, 'withdrawn', {
        actor: { kind: 'applicant' },
        at: new Date('2026-03-04T09:00:00.000Z'),
        reasonKey: 'lifecycle.reason.withdrawnByApplicant',
        comment: 'Vi løser det selv.',
      }),
    );
    const res = await call(makeHandler(ports), get(CASE_ID, { 'accept-language': 'en' }));
    expect(res.json.outcome).toEqual({
      status: 'withdrawn',
      statusText: 'Withdrawn',
      at: '2026-03-04T09:00:00.000Z',
      nivaa: 2,
      bodyId: null,
      reason: { key: 'lifecycle.reason.withdrawnByApplicant', text: 'The applicant withdrew the case.' },
    });
    expect(res.json.currentStep).toBeNull();
    // Free text in events stays out of the event list.
    expect(res.text).not.toContain('Vi løser det selv.');
  });

  it('answers an unknown and a malformed case id alike with 404', async () => {
    const ports = fakePorts();
    await storeCase(ports, []);
    const handler = makeHandler(ports);
    const unknown = await call(handler, get(UNKNOWN_CASE_ID));
    const malformed = await call(handler, get('not-a-case-id'));
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(unknown.headers?.['content-type']).toBe('application/problem+json');
    const { instance: _a, ...a } = unknown.json;
    const { instance: _b, ...b } = malformed.json;
    expect(a).toEqual(b);
  });

  it('answers a storage failure with a generic 500 that leaks nothing', async () => {
    const ports = fakePorts();
    await storeCase(ports, []);
    ports.steps.faults.failNext('listByCase', new Error('ProvisionedThroughputExceeded on table flyt-prod'));
    const res = await call(makeHandler(ports), get(CASE_ID));
    expect(res.statusCode).toBe(500);
    expect(res.json.code).toBe('internal');
    expect(res.text).not.toContain('flyt-prod');
    expect(res.text).not.toContain('Provisioned');
  });
});
