import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/amend-application';
import { overrideNivaa, transition } from '../../shared/domain/lifecycle';
import { fakePorts } from '../support/fakes';
import { exampleApplication } from '../support/fixtures/application';
import { CASE_ID, call, caseThrough, openStep, pointers, storeCase, UNKNOWN_CASE_ID } from '../support/case-api-setup';
import { httpEvent, jsonEvent } from '../support/http-events';

const ROUTE = 'POST /api/cases/{caseId}/amendment';
const AT = (hour: number) => new Date(`2026-03-02T${String(hour).padStart(2, '0')}:00:00.000Z`);

function amend(body: unknown, caseId = CASE_ID) {
  return { ...jsonEvent(ROUTE, `/api/cases/${caseId}/amendment`, body), pathParameters: { caseId } };
}

/** A functionality change within the service price: nivå 3 (Eierstrategi ch. 12, row 3). */
function amendedApplication() {
  return exampleApplication({
    title: 'Ny funksjon i eksisterende tjeneste',
    matter: { kind: 'functionality_change', affectedServiceId: 'fiks-byggesak', withinAgreedServicePrice: true },
    financing: {
      digifinGrant: { requested: false },
      stateFinancing: false,
      ownEffort: true,
      municipalContributions: false,
      userFinanced: true,
      firstYearOperationCovered: true,
    },
  });
}

/** A case returned for more information, its amendment unit waiting on tok-amend. */
async function returnedCase() {
  const ports = fakePorts();
  await storeCase(ports, ['triage', 'decision', 'returned']);
  await openStep(ports, {
    stepId: '002',
    kind: 'amendment',
    definitionId: 'amendment',
    units: [
      {
        unitId: 'applicant',
        bodyId: 'sekretariat',
        remindersLeft: 1,
        deadline: '2026-03-30T12:00:00.000Z',
        recipients: [{ memberId: 'applicant', language: 'nb' }],
      },
    ],
    tokens: { applicant: 'tok-amend' },
  });
  ports.clock.set('2026-03-10T09:00:00.000Z');
  return { ports, handler: makeHandler(ports) };
}

describe('POST /api/cases/{caseId}/amendment', () => {
  it('saves the amended application with a new proposal, then completes the amendment task', async () => {
    const { ports, handler } = await returnedCase();
    const res = await call(handler, amend(amendedApplication()));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({
      caseId: CASE_ID,
      caseNumber: '2026/0001',
      nivaa: 3,
      needsConfirmation: false,
      status: 'returned',
      statusText: 'Sendt tilbake for mer informasjon',
    });
    const stored = await ports.cases.get(CASE_ID);
    expect(stored?.application.title).toBe('Ny funksjon i eksisterende tjeneste');
    expect(stored?.proposal).toMatchObject({ nivaa: 3, decidingBody: 'daglig_leder' });
    expect(stored?.nivaa).toBe(3);
    expect(stored?.events.at(-1)).toEqual({ type: 'amended', actor: { kind: 'applicant' }, at: '2026-03-10T09:00:00.000Z' });
    expect((await ports.steps.get(CASE_ID, '002'))?.units[0]).toMatchObject({ status: 'closed', outcome: 'amended' });
    expect(ports.workflow.completions).toEqual([
      { token: 'tok-amend', kind: 'success', output: { unitId: 'applicant', outcome: 'amended' } },
    ]);
  });

  it('starts triage over: an earlier nivå override is replaced by the new proposal', async () => {
    const ports = fakePorts();
    let c = caseThrough(['triage']);
    c = overrideNivaa(c, 1, { actor: { kind: 'secretariat' }, at: AT(11), reason: 'Strategisk.' });
    c = transition(transition(c, 'decision', { actor: { kind: 'system' }, at: AT(12) }), 'returned', {
      actor: { kind: 'system' },
      at: AT(13),
    });
    await ports.cases.create(c);
    await openStep(ports, { kind: 'amendment', tokens: { sekretariat: 'tok-amend' } });
    const res = await call(makeHandler(ports), amend(exampleApplication()));
    expect(res.statusCode).toBe(200);
    const stored = await ports.cases.get(CASE_ID);
    expect(stored?.nivaa).toBe(2);
    expect(stored?.nivaaOverride).toBeUndefined();
    expect(stored?.events.some((e) => e.type === 'nivaa_overridden')).toBe(true);
  });

  it('rejects an invalid application with field pointers and changes nothing', async () => {
    const { ports, handler } = await returnedCase();
    const before = await ports.cases.get(CASE_ID);
    const bad = { ...amendedApplication(), title: '', contactPerson: { name: 'Kari', email: 'nope', phone: '1' } };
    const res = await call(handler, amend(bad));
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json)).toEqual(expect.arrayContaining(['/title', '/contactPerson/email', '/contactPerson/phone']));
    const malformed = await call(handler, {
      ...httpEvent(ROUTE, '/x', { body: '{"title"', headers: { 'content-type': 'application/json' } }),
      pathParameters: { caseId: CASE_ID },
    });
    expect(malformed.statusCode).toBe(400);
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect((await ports.steps.get(CASE_ID, '002'))?.units[0]?.status).toBe('open');
    expect(ports.workflow.completions).toEqual([]);
  });

  it('answers 409 when the case is not waiting for an amendment', async () => {
    const ports = fakePorts();
    const triage = await storeCase(ports, ['triage']);
    await openStep(ports, { tokens: { sekretariat: 'tok-triage' } });
    const res = await call(makeHandler(ports), amend(amendedApplication()));
    expect(res.statusCode).toBe(409);
    expect(await ports.cases.get(CASE_ID)).toEqual(triage);
    expect(ports.workflow.completions).toEqual([]);
  });

  it('answers a second amendment with 409 and completes the task once', async () => {
    const { ports, handler } = await returnedCase();
    expect((await call(handler, amend(amendedApplication()))).statusCode).toBe(200);
    const second = await call(handler, amend(exampleApplication({ title: 'Enda en endring' })));
    expect(second.statusCode).toBe(409);
    expect((await ports.cases.get(CASE_ID))?.application.title).toBe('Ny funksjon i eksisterende tjeneste');
    expect(ports.workflow.completions).toHaveLength(1);
  });

  it('answers 404 for an unknown case', async () => {
    const { handler } = await returnedCase();
    expect((await call(handler, amend(amendedApplication(), UNKNOWN_CASE_ID))).statusCode).toBe(404);
  });

  it('answers an unexpected failure with a generic 500 and saves nothing', async () => {
    const { ports, handler } = await returnedCase();
    const before = await ports.cases.get(CASE_ID);
    ports.steps.faults.failNext('listByCase', new Error('socket hang up at 10.0.0.12'));
    const res = await call(handler, amend(amendedApplication()));
    expect(res.statusCode).toBe(500);
    expect(res.text).not.toContain('10.0.0.12');
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
  });
});
