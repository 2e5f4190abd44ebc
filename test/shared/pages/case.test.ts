import { describe, expect, it } from 'vitest';
import { makeHandler as makeAction } from '../../../functions/case-page-action';
import { makeHandler as makeShow } from '../../../functions/show-case-page';
import { CASE_ID, openStep, storeCase, UNKNOWN_CASE_ID } from '../../support/case-api-setup';
import { httpEvent } from '../../support/http-events';
import { expectPageHeaders, formPost, hiddenValue, type PageDeps, pageDeps, setCookies, validFields } from '../../support/page-headers';

const show = (deps: PageDeps, sub = '', cookies?: string[], caseId = CASE_ID) =>
  makeShow(deps)(
    httpEvent(`GET /sak/{caseId}${sub}`, `/sak/${caseId}${sub}`, {
      pathParameters: { caseId },
      ...(cookies ? { cookies } : {}),
    }),
  );

/** Opens a case's form page and posts it back with the page's own token and nonce. */
async function postFrom(deps: PageDeps, sub: '/endre' | '/trekk', fields: Record<string, string>, tamper = false) {
  const page = await show(deps, sub);
  const cookies = [`form_nonce=${setCookies(page).form_nonce}`];
  const csrf = tamper ? 'x'.repeat(64) : hiddenValue(page.body, 'csrf');
  return makeAction(deps)(
    formPost(`POST /sak/{caseId}${sub}`, `/sak/${CASE_ID}${sub}`, { csrf, ...fields }, { cookies, pathParameters: { caseId: CASE_ID } }),
  );
}

async function consultationCase() {
  const deps = pageDeps();
  await storeCase(deps, ['triage', 'consultation']);
  const step = await openStep(deps, {
    stepId: '002',
    kind: 'consultation',
    definitionId: 'nivaa2.consultation',
    units: [
      {
        unitId: 'samstyringsstrukturen',
        bodyId: 'samstyringsstrukturen',
        remindersLeft: 1,
        deadline: '2026-03-16T12:00:00.000Z',
        recipients: [{ memberId: 'samstyring-leder', language: 'nb' }],
      },
    ],
  });
  await deps.steps.recordAnswer(
    { caseId: CASE_ID, stepId: step.stepId, unitId: 'samstyringsstrukturen' },
    { memberId: 'samstyring-leder', choice: 'support', comment: 'Viktig <b>for</b> oss', at: '2026-03-03T08:00:00.000Z' },
    step.version,
  );
  return deps;
}

async function returnedCase() {
  const deps = pageDeps();
  await storeCase(deps, ['triage', 'decision', 'returned']);
  await openStep(deps, {
    stepId: '002',
    kind: 'amendment',
    definitionId: 'amendment',
    units: [
      {
        unitId: 'sekretariat',
        bodyId: 'sekretariat',
        remindersLeft: 0,
        deadline: '2026-03-20T12:00:00.000Z',
        recipients: [{ memberId: 'applicant', language: 'nb' }],
      },
    ],
    tokens: { sekretariat: 'tok-amend' },
  });
  return deps;
}

describe('GET /sak/{caseId} (status page)', () => {
  it('shows the case, the current step with its body and deadline, steps, statements and the withdraw link', async () => {
    const deps = await consultationCase();
    const response = await show(deps);
    expect(response.statusCode).toBe(200);
    expectPageHeaders(response);
    const body = response.body;
    expect(body).toContain('Sak 2026/0001');
    expect(body).toContain('På høring');
    expect(body).toMatch(/id="current-step">[^<]*Samstyringsstrukturen/i);
    expect(body).toContain('Uttalelser fra organene som er hørt');
    expect(body).toContain('Viktig &lt;b&gt;for&lt;/b&gt; oss');
    expect(body).toContain(`href="/sak/${CASE_ID}/trekk"`);
    expect(body).not.toContain('kari.eksempel@example.org');
  });

  it('answers 404 with the same page for unknown and malformed ids', async () => {
    const deps = pageDeps();
    for (const id of [UNKNOWN_CASE_ID, 'not-an-id']) {
      const response = await show(deps, '', undefined, id);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Vi fant ikke saken');
    }
  });

  it('offers the amendment form when the case is returned', async () => {
    const deps = await returnedCase();
    expect((await show(deps)).body).toContain(`href="/sak/${CASE_ID}/endre"`);
    const form = await show(deps, '/endre');
    expect(form.statusCode).toBe(200);
    // Prefilled with the stored application.
    expect(form.body).toContain('value="Felles løsning for digital byggesøknad"');
    expect(form.body).toMatch(/id="f-matter-kind-new_service" name="matter.kind" value="new_service" checked/);
  });

  it('says the case does not wait for changes when it is not returned', async () => {
    const deps = await consultationCase();
    const response = await show(deps, '/endre');
    expect(response.body).toContain('Saken venter ikke på endringer');
    expect(response.body).not.toContain('name="csrf"');
  });
});

describe('POST /sak/{caseId}/endre', () => {
  it('saves the amended application and completes the amendment task', async () => {
    const deps = await returnedCase();
    const response = await postFrom(deps, '/endre', validFields({ title: 'Endret tittel' }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Den endrede søknaden er mottatt');
    const saved = await deps.cases.get(CASE_ID);
    expect(saved?.application.title).toBe('Endret tittel');
    expect(saved?.proposal.nivaa).toBe(3);
    expect(deps.workflow.completions).toEqual([
      { token: 'tok-amend', kind: 'success', output: { unitId: 'sekretariat', outcome: 'amended' } },
    ]);
  });

  it('shows the form again with errors and changes nothing', async () => {
    const deps = await returnedCase();
    const response = await postFrom(deps, '/endre', validFields({ 'contactPerson.phone': '12' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#f-contactPerson-phone"');
    expect((await deps.cases.get(CASE_ID))?.application.title).toBe('Felles løsning for digital byggesøknad');
    expect(deps.workflow.completions).toEqual([]);
  });

  it('refuses a forged token (403) and a case that is not returned (409)', async () => {
    const returned = await returnedCase();
    expect((await postFrom(returned, '/endre', validFields(), true)).statusCode).toBe(403);
    expect(returned.workflow.completions).toEqual([]);
    const deps = await consultationCase();
    const page = await makeAction(deps)(
      formPost('POST /sak/{caseId}/endre', `/sak/${CASE_ID}/endre`, validFields(), { pathParameters: { caseId: CASE_ID } }),
    );
    expect(page.statusCode).toBe(403);
  });
});

describe('GET and POST /sak/{caseId}/trekk', () => {
  it('asks for confirmation first, then withdraws the case and stops its waiting units', async () => {
    const deps = await consultationCase();
    const confirm = await show(deps, '/trekk');
    expect(confirm.body).toContain('Vil dere trekke sak 2026/0001?');
    expect((await deps.cases.get(CASE_ID))?.status).toBe('consultation');
    const response = await postFrom(deps, '/trekk', { reason: 'Ikke lenger aktuelt' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Sak 2026/0001 er trukket');
    expect((await deps.cases.get(CASE_ID))?.status).toBe('withdrawn');
    const steps = await deps.steps.listByCase(CASE_ID);
    expect(steps.every((s) => s.status === 'closed')).toBe(true);
  });

  it('refuses a forged token (403), a too long reason (400) and a final case (409), changing nothing', async () => {
    const deps = await consultationCase();
    expect((await postFrom(deps, '/trekk', {}, true)).statusCode).toBe(403);
    const long = await postFrom(deps, '/trekk', { reason: 'x'.repeat(5000) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('href="#f-reason"');
    expect((await deps.cases.get(CASE_ID))?.status).toBe('consultation');
    expect((await postFrom(deps, '/trekk', {})).statusCode).toBe(200);
    const again = await makeAction(deps)(
      formPost('POST /sak/{caseId}/trekk', `/sak/${CASE_ID}/trekk`, { csrf: 'x' }, { pathParameters: { caseId: CASE_ID } }),
    );
    expect(again.statusCode).toBe(403);
    const closed = await show(deps, '/trekk');
    expect(closed.body).toContain('Saken kan ikke trekkes');
  });
});
