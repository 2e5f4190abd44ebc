import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler, secretariatActor } from '../../functions/triage-case';
import type { Application } from '../../shared/domain/application';
import { governance } from '../../shared/domain/governance/load';
import { t } from '../../shared/i18n';
import { makeGovernanceRules } from '../../shared/use-cases/governance-rules';
import { fakePorts } from '../support/fakes';
import { CASE_ID, call, openStep, pointers, storeCase, UNKNOWN_CASE_ID } from '../support/case-api-setup';
import { httpEvent, jsonEvent } from '../support/http-events';

const ROUTE = 'POST /api/secretariat/cases/{caseId}/triage';
const UNIT_REF = { caseId: CASE_ID, stepId: '001', unitId: 'sekretariat' };

/** `sub: null`: no authorizer context at all (a route without the JWT authorizer). */
function triage(body: unknown, options: { caseId?: string; sub?: unknown } = {}): APIGatewayProxyEventV2 {
  const caseId = options.caseId ?? CASE_ID;
  const event = jsonEvent(ROUTE, `/api/secretariat/cases/${caseId}/triage`, body);
  const sub = options.sub === undefined ? 'sek-test' : options.sub;
  const requestContext =
    sub === null ? event.requestContext : { ...event.requestContext, authorizer: { jwt: { claims: { sub }, scopes: [] } } };
  return { ...event, requestContext, pathParameters: { caseId } };
}

/** The shipped roster's rules: the planner's dry run decides which nivåer triage accepts. */
const rules = makeGovernanceRules(governance, 86_400);

/** An existing service whose brukerråd the shipped roster knows (nivå 3 can run for it). */
const SVARUT_CHANGE = { matter: { kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: true } } as const;

/**
 * A case in triage whose secretariat unit waits with token tok-triage. By default its
 * application is a new service (no existing service, so no brukerråd for nivå 3).
 */
async function triageCase(application: Partial<Application> = {}) {
  const ports = fakePorts();
  await storeCase(ports, ['triage'], { application });
  await openStep(ports, { tokens: { sekretariat: 'tok-triage' } });
  ports.clock.set('2026-03-03T08:00:00.000Z');
  return { ports, handler: makeHandler({ ...ports, rules }) };
}

describe('POST /api/secretariat/cases/{caseId}/triage', () => {
  it('confirms the proposed nivå: closes the unit, then completes its task', async () => {
    const { ports, handler } = await triageCase();
    const before = await ports.cases.get(CASE_ID);
    const res = await call(handler, triage({ choice: 'confirm' }, { sub: 'sek-ola' }));
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ caseId: CASE_ID, caseNumber: '2026/0001', nivaa: 2, status: 'triage' });
    // Only the audit trail changes: who confirmed, and when.
    const after = await ports.cases.get(CASE_ID);
    expect({ ...after, events: after?.events.slice(0, -1), version: before?.version, updatedAt: before?.updatedAt }).toEqual(before);
    expect(after?.events.at(-1)).toEqual({
      type: 'triaged',
      actor: { kind: 'secretariat', id: 'sek-ola' },
      at: '2026-03-03T08:00:00.000Z',
      stepId: '001',
      bodyId: 'sekretariat',
      result: 'confirm',
    });
    const unit = (await ports.steps.get(CASE_ID, '001'))?.units[0];
    expect(unit).toMatchObject({ status: 'closed', outcome: 'confirm', closedAt: '2026-03-03T08:00:00.000Z' });
    expect(ports.workflow.completions).toEqual([
      { token: 'tok-triage', kind: 'success', output: { unitId: 'sekretariat', outcome: 'confirm' } },
    ]);
  });

  it('overrides the nivå with a reason, recording the secretariat user from the JWT', async () => {
    const { ports, handler } = await triageCase();
    const res = await call(
      handler,
      triage({ choice: 'confirm', nivaa: 1, reason: 'Nytt leveranseområde.' }, { sub: 'sek-ola' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json.nivaa).toBe(1);
    const stored = await ports.cases.get(CASE_ID);
    expect(stored?.nivaa).toBe(1);
    expect(stored?.nivaaOverride).toEqual({
      from: 2,
      to: 1,
      reason: 'Nytt leveranseområde.',
      at: '2026-03-03T08:00:00.000Z',
      actor: { kind: 'secretariat', id: 'sek-ola' },
    });
    expect(stored?.events.slice(-2)).toMatchObject([
      { type: 'nivaa_overridden', fromNivaa: 2, toNivaa: 1, actor: { kind: 'secretariat', id: 'sek-ola' } },
      { type: 'triaged', result: 'confirm', actor: { kind: 'secretariat', id: 'sek-ola' } },
    ]);
    expect(ports.workflow.completions).toHaveLength(1);
  });

  it('requires a reason when the nivå changes, and changes nothing without one', async () => {
    const { ports, handler } = await triageCase();
    const before = await ports.cases.get(CASE_ID);
    const res = await call(handler, triage({ choice: 'confirm', nivaa: 3, reason: '   ' }));
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json)).toEqual(['/reason']);
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect((await ports.steps.get(CASE_ID, '001'))?.units[0]?.status).toBe('open');
    expect(ports.workflow.completions).toEqual([]);
  });

  it('rejects an override reason with an unpaired surrogate, and changes nothing', async () => {
    const { ports, handler } = await triageCase();
    const before = await ports.cases.get(CASE_ID);
    const res = await call(handler, triage({ choice: 'confirm', nivaa: 1, reason: 'Halv \ud800 kode' }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ pointer: '/reason', code: 'error.field.unpairedSurrogate' })]);
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect(ports.workflow.completions).toEqual([]);
  });

  it('refuses nivå 3 when the application names no existing service with a brukerråd, and changes nothing', async () => {
    const { ports, handler } = await triageCase();
    const before = await ports.cases.get(CASE_ID);
    const stepBefore = await ports.steps.get(CASE_ID, '001');
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const event = triage({ choice: 'confirm', nivaa: 3, reason: 'Bare en liten endring.' }, { sub: 'sek-ola' });
      const res = await call(handler, { ...event, headers: { ...event.headers, 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
      expect(res.json.errors).toEqual([
        { pointer: '/nivaa', code: 'governance.unplannable.brukerrad', message: t(lang, 'governance.unplannable.brukerrad', { nivaa: 3 }) },
      ]);
    }
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect(await ports.steps.get(CASE_ID, '001')).toEqual(stepBefore);
    expect(ports.workflow.completions).toEqual([]);
  });

  it('refuses even a confirmation when a body on the path is missing from the roster, naming it', async () => {
    const ports = fakePorts();
    await storeCase(ports, ['triage']);
    await openStep(ports, { tokens: { sekretariat: 'tok-triage' } });
    // The example case asks for a DigiFin grant: the grant path needs KommIT-rådet.
    const roster = { ...governance, bodies: governance.bodies.filter((b) => b.id !== 'kommit_radet') };
    const handler = makeHandler({ ...ports, rules: makeGovernanceRules(roster, 86_400) });
    const res = await call(handler, triage({ choice: 'confirm' }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([
      {
        pointer: '/nivaa',
        code: 'governance.unplannable.body',
        message: t('nb', 'governance.unplannable.body', { nivaa: 2, body: t('nb', 'governance.body.kommit_radet') }),
      },
    ]);
    expect((await ports.steps.get(CASE_ID, '001'))?.units[0]?.status).toBe('open');
    expect(ports.workflow.completions).toEqual([]);
  });

  it('accepts nivå 3 for a change to an existing service whose brukerråd the roster knows (SvarUt)', async () => {
    const { ports, handler } = await triageCase(SVARUT_CHANGE);
    const res = await call(handler, triage({ choice: 'confirm', nivaa: 3, reason: 'Innenfor avtalt tjenestepris.' }));
    expect(res.statusCode).toBe(200);
    expect((await ports.cases.get(CASE_ID))?.nivaa).toBe(3);
    expect(ports.workflow.completions).toHaveLength(1);
  });

  it('treats the current nivå as a confirmation (no reason needed)', async () => {
    const { ports, handler } = await triageCase();
    const res = await call(handler, triage({ choice: 'confirm', nivaa: 2 }));
    expect(res.statusCode).toBe(200);
    expect((await ports.cases.get(CASE_ID))?.nivaaOverride).toBeUndefined();
  });

  it('rejects a malformed body with one pointer per field', async () => {
    const { ports, handler } = await triageCase();
    const res = await call(handler, triage({ choice: 'approve', nivaa: 4, extra: 1 }));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(pointers(res.json).sort()).toEqual(['/choice', '/extra', '/nivaa']);
    const empty = await call(handler, {
      ...httpEvent(ROUTE, '/x', { headers: { 'content-type': 'application/json' }, jwtClaims: { sub: 'sek-test' } }),
      pathParameters: { caseId: CASE_ID },
    });
    expect(empty.statusCode).toBe(400);
    expect(ports.workflow.completions).toEqual([]);
  });

  it('answers a second triage with 409 and completes the task only once', async () => {
    const { ports, handler } = await triageCase();
    expect((await call(handler, triage({ choice: 'confirm' }))).statusCode).toBe(200);
    const second = await call(handler, triage({ choice: 'confirm', nivaa: 1, reason: 'Likevel nivå 1.' }));
    expect(second.statusCode).toBe(409);
    expect(second.json.code).toBe('conflict');
    expect(ports.workflow.completions).toHaveLength(1);
    expect((await ports.cases.get(CASE_ID))?.nivaa).toBe(2);
  });

  it('records one triage when two secretaries confirm at the same moment', async () => {
    type Body = { choice: 'confirm'; nivaa?: 1 | 2 | 3; reason?: string };
    const races: [Body, Body][] = [
      [{ choice: 'confirm', nivaa: 1, reason: 'Nytt leveranseområde.' }, { choice: 'confirm' }],
      [{ choice: 'confirm' }, { choice: 'confirm', nivaa: 3, reason: 'Ingen ny tjeneste.' }],
    ];
    for (const [first, second] of races) {
      const { ports, handler } = await triageCase(SVARUT_CHANGE);
      const answers = await Promise.all([
        call(handler, triage(first, { sub: 'sek-ola' })),
        call(handler, triage(second, { sub: 'sek-kari' })),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = answers[0]?.statusCode === 200 ? { sub: 'sek-ola', body: first } : { sub: 'sek-kari', body: second };
      const stored = await ports.cases.get(CASE_ID);
      const triaged = stored?.events.filter((e) => e.type === 'triaged') ?? [];
      expect(triaged.map((e) => e.actor.id)).toEqual([winner.sub]);
      // Only the winner's choice of nivå counts, and only it is in the audit trail.
      const overrides = stored?.events.filter((e) => e.type === 'nivaa_overridden') ?? [];
      expect(overrides.map((e) => e.actor.id)).toEqual(winner.body.nivaa ? [winner.sub] : []);
      expect(stored?.nivaa).toBe(winner.body.nivaa ?? 2);
      expect(ports.workflow.completions).toHaveLength(1);
    }
  });

  it('answers 409 for a case that is not in triage', async () => {
    const ports = fakePorts();
    await storeCase(ports, ['triage', 'consultation']);
    const res = await call(makeHandler({ ...ports, rules }), triage({ choice: 'confirm' }));
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 for an unknown case', async () => {
    const { handler } = await triageCase();
    expect((await call(handler, triage({ choice: 'confirm' }, { caseId: UNKNOWN_CASE_ID }))).statusCode).toBe(404);
  });

  it('completes with the token of the latest reminder round', async () => {
    const { ports, handler } = await triageCase();
    ports.workflow.timeOut('tok-triage');
    await ports.steps.setUnitToken(UNIT_REF, 'tok-triage-2', 0);
    ports.workflow.openTask('tok-triage-2');
    expect((await call(handler, triage({ choice: 'confirm' }))).statusCode).toBe(200);
    expect(ports.workflow.completions.map((c) => c.token)).toEqual(['tok-triage-2']);
  });

  it('keeps the recorded outcome when the task no longer waits (the step item is the truth)', async () => {
    const { ports, handler } = await triageCase();
    ports.workflow.timeOut('tok-triage');
    const res = await call(handler, triage({ choice: 'confirm' }));
    expect(res.statusCode).toBe(200);
    expect((await ports.steps.get(CASE_ID, '001'))?.units[0]?.outcome).toBe('confirm');
  });

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    const { ports, handler } = await triageCase();
    ports.workflow.faults.failNext('sendTaskSuccess', new Error('ThrottlingException arn:aws:states:secret'));
    const res = await call(handler, triage({ choice: 'confirm' }));
    expect(res.statusCode).toBe(500);
    expect(res.text).not.toContain('arn:');
    expect(res.text).not.toContain('Throttling');
  });
});

describe('POST /api/secretariat/cases/{caseId}/triage without the authorizer', () => {
  it('refuses a request without verified JWT claims (401 problem+json) and changes nothing', async () => {
    const { ports, handler } = await triageCase();
    const before = await ports.cases.get(CASE_ID);
    for (const event of [triage({ choice: 'confirm' }, { sub: null }), triage({ choice: 'confirm' }, { sub: '' })]) {
      const res = await call(handler, event);
      expect(res.statusCode).toBe(401);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
      expect(res.json).toMatchObject({ type: 'https://beslutningsflyt.ks.no/problems/unauthorized', status: 401 });
    }
    expect(await ports.cases.get(CASE_ID)).toEqual(before);
    expect((await ports.steps.get(CASE_ID, '001'))?.units[0]?.outcome).toBeUndefined();
  });
});

describe('secretariatActor', () => {
  it('takes the id from the JWT subject, or falls back to the role', () => {
    expect(secretariatActor(triage({}, { sub: 'sek-ola' }))).toEqual({ kind: 'secretariat', id: 'sek-ola' });
    expect(secretariatActor(triage({}, { sub: null }))).toEqual({ kind: 'secretariat' });
    // An e-mail address is personal data and never an actor id.
    expect(secretariatActor(triage({}, { sub: 'ola@ks.no' }))).toEqual({ kind: 'secretariat' });
    expect(secretariatActor(triage({}, { sub: 42 }))).toEqual({ kind: 'secretariat' });
  });
});
