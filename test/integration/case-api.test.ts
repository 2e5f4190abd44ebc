/**
 * The case API and the action links against the local runtime: validation (nothing stored),
 * idempotent submission, links that look before they act (GET changes nothing, one answer per
 * link, forged and spent links), the secretariat's triage API with a nivå override, and
 * "returned for more information" → the applicant's amendment → a fresh triage.
 * Tests run in order and share one runtime (one runtime per file: handlers read their
 * configuration once); each case has its own mailbox view.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createLocalUserPool } from '../../infra/local/local-user-pool';
import type { CaseStatusView } from '../../shared/use-cases/get-case-status';
import {
  act,
  always,
  answerAll,
  applications,
  CaseMailbox,
  currentStep,
  everyone,
  linkFor,
  openAction,
  poll,
  postAction,
  SECRETARIAT,
  submitCase,
  useTestRuntime,
  voters,
} from '../support/integration';

const SECONDS_PER_DAY = 60;
vi.setConfig({ testTimeout: 90_000 });
const PROBLEMS = 'https://beslutningsflyt.ks.no/problems/';

// Each test follows its own case, in an empty inbox.
const runtime = useTestRuntime(SECONDS_PER_DAY, { emptyInboxBeforeEach: true });

interface Problem {
  type: string;
  status: number;
  errors?: Array<{ pointer: string; code: string; message: string }>;
}

describe('submitting an application', () => {
  it('rejects an invalid application with problem+json pointers and stores nothing', async () => {
    const valid = applications.nivaa3('soker-ugyldig@example.org');
    const invalid = {
      ...valid,
      title: '   ',
      contactPerson: { name: 'Kari Eksempel', email: 'ikke-en-adresse', phone: '12' },
      applicant: { ...valid.applicant, organisationNumber: '123456789' },
    };
    const response = await runtime.api.request<Problem>('POST', '/api/applications', invalid);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: `${PROBLEMS}validation`, status: 400 });
    const pointers = (response.body.errors ?? []).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/applicant/organisationNumber', '/contactPerson/email', '/contactPerson/phone', '/title']);
    for (const error of response.body.errors ?? []) expect(error.message.length).toBeGreaterThan(0);

    const malformed = await runtime.api.request<Problem>('POST', '/api/applications', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe(`${PROBLEMS}validation`);

    // A cross-site form can post text/plain without a preflight: 415, and an oversized body
    // (under API Gateway's 10 MB) 413, both before anything is read.
    const plain = await fetch(`${runtime.base}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(valid),
    });
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toContain('application/problem+json');
    expect(((await plain.json()) as Problem).type).toBe(`${PROBLEMS}unsupported-media-type`);
    const huge = await runtime.api.request<Problem>('POST', '/api/applications', {
      ...valid,
      needDescription: 'a'.repeat(9_000_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.type).toBe(`${PROBLEMS}payload-too-large`);

    // Nothing stored: no journal row, nothing for the secretariat, and the next valid case
    // gets the first case number; its e-mails are the only ones in the inbox.
    expect(await runtime.api.journalSize()).toBe(0);
    const list = await runtime.api.secretariatRequest<{ items: unknown[] }>('GET', '/api/secretariat/cases');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const submitted = await submitCase(runtime, valid);
    expect(submitted.caseNumber).toMatch(/^\d{4}\/0001$/);
    expect((await runtime.mail.listEmails()).every((e) => e.subject.includes(submitted.caseNumber))).toBe(true);
  });

  it('gives the same case for the same Idempotency-Key and body, 422 for another body', async () => {
    const applicant = 'soker-idempotens@example.org';
    const application = applications.nivaa2(applicant, 'Søknad sendt to ganger');
    const key = randomUUID();
    const journalBefore = await runtime.api.journalSize();
    const first = await runtime.api.submit(application, { 'idempotency-key': key });
    const again = await runtime.api.request<typeof first>('POST', '/api/applications', application, { 'idempotency-key': key });
    expect([200, 201]).toContain(again.status);
    expect(again.body).toEqual(first);
    const other = await runtime.api.request<Problem>(
      'POST',
      '/api/applications',
      { ...application, title: 'En annen søknad' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toBe(`${PROBLEMS}idempotency-conflict`);
    expect(await runtime.api.journalSize()).toBe(journalBefore + 1);
    // One case, so one receipt and one triage request per secretary.
    await new CaseMailbox(runtime.mail, first.caseNumber).expectNext({
      receipt: [applicant],
      stepStarted: always(applicant),
      newCase: SECRETARIAT,
    });
  });
});

describe('HEAD and OPTIONS', () => {
  it('answers HEAD on the pages like GET without a body, and OPTIONS on the API with Allow', async () => {
    const { box, ...submitted } = await submitCase(runtime, applications.nivaa3('soker-head@example.org', 'Sak for HEAD'));
    for (const path of ['/', '/journal', `/sak/${submitted.caseId}`, `/api/cases/${submitted.caseId}`]) {
      const [get, head] = [await fetch(`${runtime.base}${path}`), await fetch(`${runtime.base}${path}`, { method: 'HEAD' })];
      expect([get.status, head.status], path).toEqual([200, 200]);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
    const options = await fetch(`${runtime.base}/api/applications`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
    await box.expectNothingNew();
  });
});

describe('action links', () => {
  it('GET changes nothing; a bad form stores nothing; the answer counts once; forged links are 404', async () => {
    const applicant = 'soker-lenker@example.org';
    const { box, triage, ...submitted } = await submitCase(runtime, applications.nivaa3(applicant, 'Sak for lenketest'));
    const link = linkFor(triage, 'newCase', SECRETARIAT[0] ?? '');
    // The workflow records that the request went out right after sending it: wait for that.
    const before: CaseStatusView = await poll(
      'the triage request to be recorded',
      () => runtime.api.getCase(submitted.caseId),
      (view) => view.events.some((e) => e.type === 'notified' && e.stepId === view.currentStep?.stepId),
    );

    // Link checkers send HEAD: answered like GET, without a body, changing nothing.
    const head = await fetch(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toContain('text/html');
    expect(await head.text()).toBe('');
    expect(await runtime.api.getCase(submitted.caseId)).toEqual(before);

    // Mail scanners fetch links: looking twice changes nothing.
    const first = await openAction(link);
    const second = await openAction(link);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.choices).toEqual(['confirm']);
    expect(second.csrf).toBe(first.csrf);
    expect(await runtime.api.getCase(submitted.caseId)).toEqual(before);
    await box.expectNothingNew();

    // A forged CSRF field or a choice that is not offered: the form again (400), nothing stored.
    expect((await postAction(link, { choice: 'confirm', csrf: 'f'.repeat(64) })).status).toBe(400);
    expect((await postAction(link, { choice: 'approve', csrf: first.csrf ?? '' })).status).toBe(400);
    expect((await postAction(link, { csrf: first.csrf ?? '' })).status).toBe(400);
    expect(await runtime.api.getCase(submitted.caseId)).toEqual(before);

    // The answer, once: a second POST (a double click) is 409, and so is looking again.
    expect((await postAction(link, { choice: 'confirm', csrf: first.csrf ?? '' })).status).toBe(200);
    expect((await postAction(link, { choice: 'confirm', csrf: first.csrf ?? '' })).status).toBe(409);
    expect((await openAction(link)).status).toBe(409);
    expect((await runtime.api.triage(submitted.caseId)).status).toBe(409);
    await box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: voters('brukerrad', 'svarut'),
    });

    const forged = `${runtime.base}/handling/${randomBytes(32).toString('base64url')}`;
    expect((await openAction(forged)).status).toBe(404);
    expect((await postAction(forged, { choice: 'confirm', csrf: first.csrf ?? '' })).status).toBe(404);
  });
});

describe('returned for more information', () => {
  it('the decider returns the case, the applicant amends it, and it goes back to triage', async () => {
    const applicant = 'soker-tilbake@example.org';
    const application = applications.nivaa3(applicant, 'Endring i SvarUt som trenger mer informasjon');
    const { caseId, box } = await submitCase(runtime, application);

    // API Gateway's JWT authorizer (the template's, run locally): without a valid token the
    // function never runs; a token signed by another key fails like one with no signature.
    const valid = runtime.api.secretariatToken ?? '';
    const claims = JSON.parse(Buffer.from(valid.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const forged = createLocalUserPool(null).issueAccessToken({ issuer: claims.iss, clientId: claims.client_id, sub: claims.sub, scopes: [] });
    for (const token of [null, 'not-a-jwt', forged, `${valid.slice(0, -4)}AAAA`]) {
      for (const [method, path] of [['POST', `/api/secretariat/cases/${caseId}/triage`], ['GET', '/api/secretariat/cases']] as const) {
        const refused = await runtime.api.secretariatRequest(method, path, method === 'POST' ? { choice: 'confirm' } : undefined, token);
        expect(refused.status, `${method} ${path} with ${token?.slice(0, 12)}`).toBe(401);
        expect(refused.body).toEqual({ message: 'Unauthorized' });
      }
    }
    expect((await runtime.api.getCase(caseId)).status).toBe('triage');

    // The secretariat confirms through its API, with the local user pool's access token.
    const triaged = await runtime.api.triage(caseId, { choice: 'confirm' });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ caseId, nivaa: 3 });
    const brukerrad = voters('brukerrad', 'svarut');
    const consultation = await box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: brukerrad,
    });
    // Two of four for the same statement, the chair among them: certain under the chair's casting vote.
    await answerAll(consultation, 'consultation', brukerrad.slice(0, 2), 'support');
    const daglig = voters('daglig_leder')[0] ?? '';
    const decision = await box.expectNext({
      stepEnded: [...always(applicant), ...everyone('daglig_leder')],
      stepStarted: always(applicant),
      decision: [daglig],
    });
    await act(linkFor(decision, 'decision', daglig), 'return', 'Beskriv kostnadene nærmere.');

    const returned = await box.expectNext({
      stepEnded: [...always(applicant), ...everyone('brukerrad', 'svarut')],
      stepStarted: always(applicant),
      amendment: [applicant],
    });
    const request = returned.find((e) => e.kind === 'amendment');
    expect(request?.text).toContain('Beskriv kostnadene nærmere.');
    expect(request?.text).toContain(`/sak/${caseId}`);
    expect(request?.links).toEqual([]); // amended through the status page, not an action link
    const waiting = await runtime.api.waitForStatus(caseId, 'returned');
    expect(currentStep(waiting)).toEqual({ kind: 'amendment', bodies: ['sekretariat'] });

    const invalid = await runtime.api.amend(caseId, { ...application, needDescription: '' });
    expect(invalid.status).toBe(400);
    expect((await runtime.api.getCase(caseId)).status).toBe('returned');

    const amended = { ...application, needDescription: `${application.needDescription}\nKostnadene dekkes av tjenesteprisen.` };
    const response = await runtime.api.amend(caseId, amended);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ caseId, nivaa: 3 });
    await box.expectNext({ stepEnded: always(applicant), stepStarted: always(applicant), newCase: SECRETARIAT });
    const again = await runtime.api.waitForStatus(caseId, 'triage');
    expect(again.steps.map((s) => s.kind)).toEqual(['triage', 'consultation', 'decision', 'amendment', 'triage']);
    expect((await runtime.api.amend(caseId, amended)).status).toBe(409);

    // The fresh triage overrides the nivå; the nivå 2 path consults samstyringsstrukturen.
    const override = await runtime.api.triage(caseId, { choice: 'confirm', nivaa: 2, reason: 'Endringen berører flere tjenester.' });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ nivaa: 2 });
    await box.expectNext({
      stepEnded: always(applicant),
      stepStarted: always(applicant),
      consultation: voters('samstyringsstrukturen'),
    });
    const view = await runtime.api.waitForStatus(caseId, 'consultation');
    expect(view.nivaa).toBe(2);
    expect(view.nivaaOverride).toMatchObject({ from: 3, to: 2 });
    expect((await runtime.api.triage(caseId)).status).toBe(409);
  });
});
