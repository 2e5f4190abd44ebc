import { describe, expect, it } from 'vitest';
import { sha256Base64Url } from '../../../functions/adapters/crypto';
import { makeHandler as makeAction } from '../../../functions/secretariat-page-action';
import { makeHandler as makeShow } from '../../../functions/show-secretariat-page';
import { makeHandler as makeSignIn } from '../../../functions/sign-in-secretariat';
import type { Application } from '../../../shared/domain/application';
import { UnauthorizedError } from '../../../shared/errors';
import { governance } from '../../../shared/domain/governance/load';
import { t } from '../../../shared/i18n';
import type { PageResponse } from '../../../shared/pages/kit/response';
import { safeNextPath } from '../../../shared/pages/secretariat/session';
import type { SignInMethod } from '../../../shared/pages/secretariat/sign-in';
import type { AuthorizeRequest, CompleteSignIn, OidcSignIn } from '../../../shared/ports/secretariat-sign-in';
import { formatDateTime } from '../../../shared/email/format';
import { appendAudit } from '../../../shared/use-cases/case-writes';
import { makeGovernanceRules } from '../../../shared/use-cases/governance-rules';
import { CASE_ID, openStep, storeCase, UNKNOWN_CASE_ID } from '../../support/case-api-setup';
import { httpEvent } from '../../support/http-events';
import { BASE_URL, expectPageHeaders, formPost, hiddenValue, pageDeps, setCookies, summaryLinks } from '../../support/page-headers';

/**
 * The secretariat's pages through their handlers with in-memory ports: sign-in
 * (local password and Cognito's code flow with a fake provider), the work queues, a case with
 * triage and reminders, and that nothing changes without a session or a valid CSRF token.
 */
const PASSWORD = 'lokalt-passord-som-er-langt-nok';

function deps(method: SignInMethod = { kind: 'local', password: PASSWORD }) {
  const base = pageDeps();
  return {
    ...base,
    rules: makeGovernanceRules(governance, 86_400),
    baseUrl: BASE_URL,
    method,
    sha256Base64Url,
  };
}
type Deps = ReturnType<typeof deps>;

const get = (routeKey: string, path: string, options: Parameters<typeof httpEvent>[2] = {}) =>
  httpEvent(routeKey, path, options);

/** Signs in with the local password; returns the Cookie header values to send afterwards. */
async function signIn(d: Deps): Promise<string[]> {
  const signInHandler = makeSignIn(d);
  const form = await signInHandler(get('GET /sekretariat/innlogging', '/sekretariat/innlogging'));
  const nonce = setCookies(form).form_nonce;
  const res = await signInHandler(
    formPost('POST /sekretariat/innlogging', '/sekretariat/innlogging', {
      csrf: hiddenValue(form.body, 'csrf'),
      next: '/sekretariat',
      password: PASSWORD,
    }, { cookies: [`form_nonce=${nonce}`] }),
  );
  expect(res.statusCode).toBe(303);
  return [`secretariat_session=${setCookies(res).secretariat_session}`];
}

const showCase = (d: Deps, cookies: string[], caseId = CASE_ID, query?: Record<string, string>) =>
  makeShow(d)(
    get('GET /sekretariat/sak/{caseId}', `/sekretariat/sak/${caseId}`, {
      pathParameters: { caseId },
      cookies,
      ...(query ? { queryStringParameters: query } : {}),
    }),
  );

async function post(d: Deps, cookies: string[], action: 'triage' | 'purring' | 'start-saksflyt', fields: Record<string, string>, csrf?: string) {
  const page = await showCase(d, cookies);
  return makeAction(d)(
    formPost(
      `POST /sekretariat/sak/{caseId}/${action}`,
      `/sekretariat/sak/${CASE_ID}/${action}`,
      { csrf: csrf ?? hiddenValue(page.body, 'csrf'), ...fields },
      { cookies, pathParameters: { caseId: CASE_ID } },
    ),
  );
}

/**
 * A case in triage (proposed nivå 2) whose secretariat unit waits with a task token. By default
 * a new service: no existing service, so no brukerråd for nivå 3.
 */
async function triageCase(application: Partial<Application> = {}) {
  const d = deps();
  await storeCase(d, ['triage'], { application });
  await openStep(d, { tokens: { sekretariat: 'tok-triage' } });
  d.clock.set('2026-03-03T08:00:00.000Z');
  return d;
}

/** A nivå 2 case in consultation: samstyringsstrukturen's chair answered, two members have not. */
async function consultationCase() {
  const d = deps();
  await storeCase(d, ['triage', 'consultation']);
  const step = await openStep(d, {
    stepId: '002',
    kind: 'consultation',
    definitionId: 'nivaa2.consultation',
    units: [
      {
        unitId: 'samstyringsstrukturen',
        bodyId: 'samstyringsstrukturen',
        remindersLeft: 1,
        deadline: '2026-03-16T12:00:00.000Z',
        recipients: [
          { memberId: 'samstyring-leder', language: 'nb' },
          { memberId: 'samstyring-medlem-2', language: 'nb' },
          { memberId: 'samstyring-medlem-3', language: 'nn' },
        ],
      },
    ],
  });
  await d.steps.recordAnswer(
    { caseId: CASE_ID, stepId: '002', unitId: 'samstyringsstrukturen' },
    { memberId: 'samstyring-leder', choice: 'support', at: '2026-03-03T08:00:00.000Z' },
    step.version,
  );
  d.clock.set('2026-03-10T08:00:00.000Z');
  return d;
}

function location(res: PageResponse): string | undefined {
  return res.headers.location;
}

describe('signing in (local password)', () => {
  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    const d = await triageCase();
    const res = await showCase(d, []);
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/sekretariat/innlogging?next=${encodeURIComponent(`/sekretariat/sak/${CASE_ID}`)}`);
    expect(res.body).not.toContain('Oslo');
  });

  it('shows an accessible password form, refuses a wrong password and signs in with the right one', async () => {
    const d = deps();
    const handler = makeSignIn(d);
    const form = await handler(get('GET /sekretariat/innlogging', '/sekretariat/innlogging', { queryStringParameters: { next: '/sekretariat?view=deadline' } }));
    expect(form.statusCode).toBe(200);
    expectPageHeaders(form);
    expect(form.body).toContain('<label class="ds-label" for="f-password">');
    expect(form.body).toContain('autocomplete="current-password"');
    const cookies = [`form_nonce=${setCookies(form).form_nonce}`];
    const fields = { csrf: hiddenValue(form.body, 'csrf'), next: hiddenValue(form.body, 'next') };

    const empty = await handler(formPost('POST /sekretariat/innlogging', '/sekretariat/innlogging', { ...fields, password: '' }, { cookies }));
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(t('nb', 'secretariat.signIn.errors.empty'));

    const wrong = await handler(formPost('POST /sekretariat/innlogging', '/sekretariat/innlogging', { ...fields, password: 'gjett' }, { cookies }));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain(t('nb', 'secretariat.signIn.errors.wrong'));
    expect(summaryLinks(wrong.body)).toEqual(['f-password']);
    expect(setCookies(wrong).secretariat_session).toBeUndefined();

    const right = await handler(formPost('POST /sekretariat/innlogging', '/sekretariat/innlogging', { ...fields, password: PASSWORD }, { cookies }));
    expect(right.statusCode).toBe(303);
    expect(location(right)).toBe('/sekretariat?view=deadline');
    const session = (right.cookies ?? []).find((c) => c.startsWith('secretariat_session='));
    expect(session).toMatch(/; Path=\/sekretariat; Max-Age=28800; SameSite=Lax; Secure; HttpOnly$/);
  });

  it('refuses a sign-in post without the form token (login CSRF)', async () => {
    const d = deps();
    const res = await makeSignIn(d)(
      formPost('POST /sekretariat/innlogging', '/sekretariat/innlogging', { csrf: 'x'.repeat(64), password: PASSWORD }, { cookies: [`form_nonce=${'n'.repeat(43)}`] }),
    );
    expect(res.statusCode).toBe(403);
    expect(setCookies(res).secretariat_session).toBeUndefined();
  });

  it('does not accept a tampered or expired session', async () => {
    const d = await triageCase();
    const [cookie = ''] = await signIn(d);
    expect((await showCase(d, [cookie])).statusCode).toBe(200);
    const [payload = '', mac = ''] = cookie.slice('secretariat_session='.length).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'angriper', exp: 9_999_999_999 })).toString('base64url');
    expect((await showCase(d, [`secretariat_session=${forged}.${mac}`])).statusCode).toBe(303);
    expect((await showCase(d, [`secretariat_session=${payload}.${'0'.repeat(64)}`])).statusCode).toBe(303);
    d.clock.advance(8 * 60 * 60 * 1000 + 1000);
    expect((await showCase(d, [cookie])).statusCode).toBe(303);
  });

  it('follows only paths of the secretariat pages after sign-in (no open redirect)', () => {
    for (const bad of ['https://evil.example', '//evil.example/sekretariat', '/sekretariat/../handling/x', '/journal', '/sekretariat\\x', undefined]) {
      expect(safeNextPath(bad)).toBe('/sekretariat');
    }
    expect(safeNextPath(`/sekretariat/sak/${CASE_ID}`)).toBe(`/sekretariat/sak/${CASE_ID}`);
  });

  it('signs out only with the session\'s token, then shows the signed-out page', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const page = await showCase(d, cookies);
    const handler = makeSignIn(d);
    const forged = await handler(formPost('POST /sekretariat/utlogging', '/sekretariat/utlogging', { csrf: 'x' }, { cookies }));
    expect(location(forged)).toBe('/sekretariat');
    expect(forged.cookies ?? []).toEqual([]);
    const res = await handler(formPost('POST /sekretariat/utlogging', '/sekretariat/utlogging', { csrf: hiddenValue(page.body, 'csrf') }, { cookies }));
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/sekretariat/utlogging');
    expect(res.cookies).toContain('secretariat_session=; Path=/sekretariat; Max-Age=0; SameSite=Lax; Secure; HttpOnly');
    const out = await handler(get('GET /sekretariat/utlogging', '/sekretariat/utlogging', { queryStringParameters: { lang: 'en' } }));
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain(t('en', 'secretariat.signOut.heading'));
  });

  it('ends the session server-side: the old cookie is refused after signing out', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    d.clock.set('2026-03-03T08:00:01.000Z');
    const third = await signIn(d);
    const page = await showCase(d, cookies);
    expect(page.statusCode).toBe(200);
    const handler = makeSignIn(d);
    const res = await handler(formPost('POST /sekretariat/utlogging', '/sekretariat/utlogging', { csrf: hiddenValue(page.body, 'csrf') }, { cookies }));
    expect(res.statusCode).toBe(303);
    // A copy of the cookie (say, kept by another tab or an attacker) is now worth nothing.
    const after = await showCase(d, cookies);
    expect(after.statusCode).toBe(303);
    expect(location(after)).toBe(`/sekretariat/innlogging?next=${encodeURIComponent(`/sekretariat/sak/${CASE_ID}`)}`);
    const signInPage = await handler(get('GET /sekretariat/innlogging', '/sekretariat/innlogging', { cookies }));
    expect(signInPage.statusCode).toBe(200);
    expect(signInPage.body).toContain('name="password"');
    // Posting with it changes nothing either.
    const triage = await post(d, cookies, 'triage', { choice: 'confirm' }, hiddenValue(page.body, 'csrf'));
    expect(triage.statusCode).toBe(303);
    expect(location(triage)).toMatch(/^\/sekretariat\/innlogging/);
    expect(d.workflow.completions).toEqual([]);
    // Another session (signed in later) is untouched.
    expect((await showCase(d, third)).statusCode).toBe(200);
  });
});

/** A provider that checks what the pages send it, like Cognito would. */
class FakeOidc implements OidcSignIn {
  readonly authorizations: AuthorizeRequest[] = [];
  readonly completions: CompleteSignIn[] = [];
  failWith: Error | undefined;
  authorizeUrl(request: AuthorizeRequest): string {
    this.authorizations.push(request);
    return `https://login.example.org/oauth2/authorize?state=${request.state}`;
  }
  async completeSignIn(request: CompleteSignIn) {
    this.completions.push(request);
    if (this.failWith) throw this.failWith;
    return { sub: '4f1c2b7e-0000-4000-8000-000000000001', email: 'ola.sekretariat@example.org' };
  }
  logoutUrl(logoutUri: string): string {
    return `https://login.example.org/logout?logout_uri=${encodeURIComponent(logoutUri)}`;
  }
}

describe('signing in (Cognito hosted UI, code flow with PKCE)', () => {
  async function start() {
    const oidc = new FakeOidc();
    const d = deps({ kind: 'cognito', oidc });
    const handler = makeSignIn(d);
    const res = await handler(get('GET /sekretariat/innlogging', '/sekretariat/innlogging', { queryStringParameters: { next: `/sekretariat/sak/${CASE_ID}` } }));
    return { d, oidc, handler, res, login: `secretariat_login=${setCookies(res).secretariat_login}` };
  }
  const callback = (query: Record<string, string>, cookies: string[]) =>
    get('GET /sekretariat/innlogging/ferdig', '/sekretariat/innlogging/ferdig', { queryStringParameters: query, cookies });

  it('sends the browser to the hosted UI with state and an S256 challenge, then signs in on the way back', async () => {
    const { d, oidc, handler, res, login } = await start();
    expect(res.statusCode).toBe(302);
    const [request] = oidc.authorizations;
    expect(request?.redirectUri).toBe(`${BASE_URL}/sekretariat/innlogging/ferdig`);
    expect(location(res)).toBe(`https://login.example.org/oauth2/authorize?state=${request?.state}`);
    expect(res.cookies?.[0]).toMatch(/^secretariat_login=.+; Path=\/sekretariat; Max-Age=600; SameSite=Lax; Secure; HttpOnly$/);

    const back = await handler(callback({ code: 'kode-123', state: request?.state ?? '' }, [login]));
    expect(back.statusCode).toBe(303);
    expect(location(back)).toBe(`/sekretariat/sak/${CASE_ID}`);
    const [completion] = oidc.completions;
    expect(completion?.code).toBe('kode-123');
    // The verifier never left the server's cookie until now, and matches the challenge sent.
    expect(sha256Base64Url(completion?.codeVerifier ?? '')).toBe(request?.codeChallenge);
    const session = setCookies(back).secretariat_session;
    expect(session).toBeTruthy();
    expect(setCookies(back).secretariat_login).toBe('');

    await storeCase(d, ['triage']);
    const page = await showCase(d, [`secretariat_session=${session}`]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ola.sekretariat@example.org');
  });

  it('refuses a callback whose state does not match the attempt, or without the attempt cookie', async () => {
    const { oidc, handler, login } = await start();
    expect((await handler(callback({ code: 'kode', state: 'a'.repeat(43) }, [login]))).statusCode).toBe(400);
    expect((await handler(callback({ code: 'kode', state: oidc.authorizations[0]?.state ?? '' }, []))).statusCode).toBe(400);
    expect(oidc.completions).toEqual([]);
  });

  it('shows a way back in when the provider refuses or the user cancelled, and sets no session', async () => {
    const { oidc, handler, login } = await start();
    const state = oidc.authorizations[0]?.state ?? '';
    const cancelled = await handler(callback({ error: 'access_denied', state }, [login]));
    expect(cancelled.statusCode).toBe(401);
    oidc.failWith = new UnauthorizedError('ID token audience mismatch');
    const refused = await handler(callback({ code: 'kode', state }, [login]));
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain(t('nb', 'secretariat.signIn.failed.heading'));
    expect(setCookies(refused).secretariat_session).toBeUndefined();
  });

  it('ends the hosted UI session too when signing out', async () => {
    const { d, oidc, handler, login } = await start();
    const back = await handler(callback({ code: 'kode', state: oidc.authorizations[0]?.state ?? '' }, [login]));
    const cookies = [`secretariat_session=${setCookies(back).secretariat_session}`];
    await storeCase(d, ['triage']);
    const page = await showCase(d, cookies);
    const res = await handler(formPost('POST /sekretariat/utlogging', '/sekretariat/utlogging', { csrf: hiddenValue(page.body, 'csrf') }, { cookies }));
    expect(location(res)).toBe(`https://login.example.org/logout?logout_uri=${encodeURIComponent(`${BASE_URL}/sekretariat/utlogging`)}`);
  });
});

describe('the work queues', () => {
  it('lists open cases by status with triage first, linking to each case', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const res = await makeShow(d)(get('GET /sekretariat', '/sekretariat', { cookies }));
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res);
    expect(res.body).toContain(`href="/sekretariat/sak/${CASE_ID}"`);
    expect(res.body).toContain('2026/0001');
    expect(res.body).toContain(t('nb', 'secretariat.signedInAs', { user: 'lokal-sekretariat' }));
  });

  it('lists running steps by deadline and marks those past it', async () => {
    const d = await consultationCase();
    const cookies = await signIn(d);
    const show = makeShow(d);
    const before = await show(get('GET /sekretariat', '/sekretariat', { cookies, queryStringParameters: { view: 'deadline' } }));
    expect(before.body).toContain(t('nb', 'secretariat.list.captionDeadline'));
    expect(before.body).not.toContain(t('nb', 'secretariat.list.overdue'));
    d.clock.set('2026-03-17T08:00:00.000Z');
    // A week later: a new working day, a new sign-in.
    const after = await show(get('GET /sekretariat', '/sekretariat', { cookies: await signIn(d), queryStringParameters: { view: 'deadline' } }));
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain(t('nb', 'secretariat.list.overdue'));
  });

  it('answers a broken page link with the first page and a notice (400)', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const res = await makeShow(d)(get('GET /sekretariat', '/sekretariat', { cookies, queryStringParameters: { cursor: '!!!' } }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(t('nb', 'secretariat.list.badQuery'));
    expect(res.body).toContain('2026/0001');
  });
});

describe('a case: triage', () => {
  it('shows the contact person, the triage form and the audit trail', async () => {
    const d = await triageCase();
    const res = await showCase(d, await signIn(d));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="triage-heading"');
    expect(res.body).toContain('name="nivaa" value="2" checked');
    expect(res.body).toContain('id="audit"');
    expect(res.body).toContain(t('nb', 'event.triage_started'));
  });

  it('says whose e-mail did not arrive and when, by name and in the reader\'s language, never the address', async () => {
    const d = await consultationCase();
    const cookies = await signIn(d);
    expect((await showCase(d, cookies)).body).not.toContain('id="undeliverable"');
    const member = governance.bodies.flatMap((b) => b.members).find((m) => m.id === 'samstyring-medlem-2');
    if (!member) throw new Error('roster changed');
    await appendAudit(d.cases, CASE_ID, 'email_undeliverable', {
      actor: { kind: 'system' },
      at: new Date('2026-03-09T10:00:00.000Z'),
      memberId: member.id,
      emailKind: 'final',
      messageId: 'ses-msg-1',
    });
    const nb = (await showCase(d, cookies)).body;
    const date = formatDateTime('2026-03-09T10:00:00.000Z', 'nb');
    expect(nb).toContain('id="undeliverable"');
    expect(nb).toContain(`E-post til ${member.name} kom ikke fram (${date})`);
    expect(nb).not.toContain(member.email);
    const en = (await showCase(d, cookies, CASE_ID, { lang: 'en' })).body;
    expect(en).toContain(t('en', 'secretariat.undeliverable.item', { name: member.name, date: formatDateTime('2026-03-09T10:00:00.000Z', 'en') }));
  });

  it('offers only the nivåer whose path can be planned, and says why nivå 3 is not offered', async () => {
    const d = await triageCase();
    const res = await showCase(d, await signIn(d));
    expect(res.body).toContain('type="radio" id="f-nivaa-1"');
    expect(res.body).toContain('type="radio" id="f-nivaa-2"');
    expect(res.body).not.toContain('id="f-nivaa-3"');
    // The reason is the radio group's description, so a screen reader reads it with the choices.
    expect(res.body).toContain('<fieldset class="ds-fieldset" id="f-nivaa" aria-describedby="f-nivaa-hint">');
    expect(res.body).toContain(`id="f-nivaa-hint">${t('nb', 'governance.unplannable.brukerrad', { nivaa: 3 })}</p>`);
    const svarut = await triageCase({ matter: { kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: true } });
    const offered = await showCase(svarut, await signIn(svarut));
    expect(offered.body).toContain('type="radio" id="f-nivaa-3"');
    expect(offered.body).not.toContain(t('nb', 'governance.unplannable.brukerrad', { nivaa: 3 }));
  });

  it('refuses a nivå whose path cannot be planned: error summary at the nivå, nothing changes', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const before = await d.cases.get(CASE_ID);
    const stepBefore = await d.steps.get(CASE_ID, '001');
    const res = await post(d, cookies, 'triage', { nivaa: '3', reason: 'Bare en liten endring.' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(t('nb', 'secretariat.triage.errorsHeading'));
    expect(summaryLinks(res.body)).toEqual(['f-nivaa-1']);
    expect(res.body).toContain(`href="#f-nivaa-1">${t('nb', 'governance.unplannable.brukerrad', { nivaa: 3 })}`);
    expect(await d.cases.get(CASE_ID)).toEqual(before);
    expect(await d.steps.get(CASE_ID, '001')).toEqual(stepBefore);
    expect(d.workflow.completions).toEqual([]);
  });

  it('answers an unknown case with 404', async () => {
    const d = await triageCase();
    expect((await showCase(d, await signIn(d), UNKNOWN_CASE_ID)).statusCode).toBe(404);
  });

  it('needs a reason to change the nivå: shows the errors and changes nothing', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const before = await d.cases.get(CASE_ID);
    const res = await post(d, cookies, 'triage', { nivaa: '1', reason: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(t('nb', 'secretariat.triage.errors.reasonRequired'));
    expect(summaryLinks(res.body)).toEqual(['f-reason']);
    expect(res.body).toContain('name="nivaa" value="1" checked');
    expect(await d.cases.get(CASE_ID)).toEqual(before);
    expect(d.workflow.completions).toEqual([]);
  });

  it('overrides the nivå with a reason, recording who did it, and completes the triage task', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const res = await post(d, cookies, 'triage', { nivaa: '1', reason: 'Nytt leveranseområde.' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/sekretariat/sak/${CASE_ID}?done=triage`);
    const stored = await d.cases.get(CASE_ID);
    expect(stored?.nivaa).toBe(1);
    expect(stored?.nivaaOverride).toMatchObject({ from: 2, to: 1, reason: 'Nytt leveranseområde.', actor: { kind: 'secretariat', id: 'lokal-sekretariat' } });
    expect(d.workflow.completions).toEqual([
      { token: 'tok-triage', kind: 'success', output: { unitId: 'sekretariat', outcome: 'confirm' } },
    ]);
    const after = await showCase(d, cookies, CASE_ID, { done: 'triage' });
    expect(after.body).toContain(t('nb', 'secretariat.notice.triaged'));
    expect(after.body).toContain('lokal-sekretariat');
  });

  it('confirms the proposed nivå without a reason; a second post is a 409 that changes nothing', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const page = await showCase(d, cookies);
    const csrf = hiddenValue(page.body, 'csrf');
    expect((await post(d, cookies, 'triage', { nivaa: '2', reason: '' }, csrf)).statusCode).toBe(303);
    expect((await d.cases.get(CASE_ID))?.nivaa).toBe(2);
    const again = await post(d, cookies, 'triage', { nivaa: '2', reason: '' }, csrf);
    expect(again.statusCode).toBe(409);
    expect(d.workflow.completions).toHaveLength(1);
  });

  it('refuses a post without the session\'s CSRF token, or from another origin, and changes nothing', async () => {
    const d = await triageCase();
    const cookies = await signIn(d);
    const before = await d.cases.get(CASE_ID);
    expect((await post(d, cookies, 'triage', { nivaa: '1', reason: 'x' }, 'f'.repeat(64))).statusCode).toBe(403);
    const page = await showCase(d, cookies);
    const foreign = await makeAction(d)(
      formPost('POST /sekretariat/sak/{caseId}/triage', `/sekretariat/sak/${CASE_ID}/triage`, { csrf: hiddenValue(page.body, 'csrf'), nivaa: '1', reason: 'x' }, { cookies, pathParameters: { caseId: CASE_ID }, origin: 'https://evil.example' }),
    );
    expect(foreign.statusCode).toBe(403);
    expect(await d.cases.get(CASE_ID)).toEqual(before);
    expect(d.workflow.completions).toEqual([]);
  });

  it('changes nothing for a post without a session (it is sent to sign in)', async () => {
    const d = await triageCase();
    const res = await makeAction(d)(
      formPost('POST /sekretariat/sak/{caseId}/triage', `/sekretariat/sak/${CASE_ID}/triage`, { nivaa: '1', reason: 'x' }, { pathParameters: { caseId: CASE_ID } }),
    );
    expect(res.statusCode).toBe(303);
    expect(location(res)).toMatch(/^\/sekretariat\/innlogging\?next=/);
    expect(d.workflow.completions).toEqual([]);
  });
});

describe('a case: chasing late answers', () => {
  it('lists who has not answered and reminds only them, with fresh links, recorded in the audit trail', async () => {
    const d = await consultationCase();
    const cookies = await signIn(d);
    const page = await showCase(d, cookies);
    expect(page.body).toContain('1 av 3');
    expect(page.body).toContain('Medlem av samstyringsstrukturen 2 (eksempel)');
    expect(page.body).not.toContain('samstyring-medlem-2@example.org');

    const res = await post(d, cookies, 'purring', { stepId: '002', unitId: 'samstyringsstrukturen' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/sekretariat/sak/${CASE_ID}?done=remind&sent=2`);
    expect(d.mailer.sent.map((m) => m.to).sort()).toEqual(['samstyring-medlem-2@example.org', 'samstyring-medlem-3@example.org']);
    expect(d.tokens.all().map((tk) => tk.memberId).sort()).toEqual(["samstyring-medlem-2", "samstyring-medlem-3"]);
    const stored = await d.cases.get(CASE_ID);
    expect(stored?.events.at(-1)).toMatchObject({ type: 'reminder_sent', actor: { kind: 'secretariat', id: 'lokal-sekretariat' }, bodyId: 'samstyringsstrukturen' });
    // The scheduled reminder rounds are the workflow's; a manual one does not use them up.
    expect((await d.steps.get(CASE_ID, '002'))?.units[0]?.remindersLeft).toBe(1);
    const after = await showCase(d, cookies, CASE_ID, { done: 'remind', sent: '2' });
    expect(after.body).toContain(t('nb', 'secretariat.notice.reminded', { count: 2 }));
  });

  it('sends nothing for a unit that is closed (409) or does not exist (400)', async () => {
    const d = await consultationCase();
    const cookies = await signIn(d);
    await d.steps.closeUnit({ caseId: CASE_ID, stepId: '002', unitId: 'samstyringsstrukturen' }, 'support', d.clock.now());
    const closed = await post(d, cookies, 'purring', { stepId: '002', unitId: 'samstyringsstrukturen' });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain(t('nb', 'secretariat.notice.notWaiting'));
    const unknown = await post(d, cookies, 'purring', { stepId: '009', unitId: 'styret' });
    expect(unknown.statusCode).toBe(400);
    expect(d.mailer.sent).toEqual([]);
  });
});

describe('a case: escalation (a step nobody answered)', () => {
  /** Daglig leder did not decide in time; the secretariat's escalation unit waits. */
  async function escalatedCase() {
    const d = deps();
    await storeCase(d, ['triage', 'decision', 'triage']);
    await openStep(d, { stepId: '003', definitionId: 'escalation', kind: 'triage', tokens: { sekretariat: 'tok-escalation' } });
    d.clock.set('2026-03-20T08:00:00.000Z');
    return d;
  }

  it('offers to send the step out again, with no nivå to choose, and completes the escalation', async () => {
    const d = await escalatedCase();
    const cookies = await signIn(d);
    const page = await showCase(d, cookies);
    expect(page.body).toContain(t('nb', 'secretariat.escalation.heading'));
    expect(page.body).not.toContain('type="radio" id="f-nivaa-1"');
    const res = await post(d, cookies, 'triage', { nivaa: '2', reason: '' });
    expect(res.statusCode).toBe(303);
    expect(d.workflow.completions).toEqual([
      { token: 'tok-escalation', kind: 'success', output: { unitId: 'sekretariat', outcome: 'confirm' } },
    ]);
    expect((await d.cases.get(CASE_ID))?.nivaa).toBe(2);
  });

  it('refuses another nivå in an escalation and changes nothing', async () => {
    const d = await escalatedCase();
    const cookies = await signIn(d);
    const before = await d.cases.get(CASE_ID);
    const res = await post(d, cookies, 'triage', { nivaa: '1', reason: 'Bør til generalforsamlingen.' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(t('nb', 'api.triage.noOverrideInEscalation'));
    expect(await d.cases.get(CASE_ID)).toEqual(before);
    expect(d.workflow.completions).toEqual([]);
  });
});

describe('a case: restarting a stopped workflow', () => {
  /** A case in triage whose generation-1 execution failed (record-workflow-stopped noted it). */
  async function stoppedCase() {
    const d = await triageCase();
    const c = await d.cases.get(CASE_ID);
    if (!c?.workflow) throw new Error('case without workflow');
    await d.cases.save(
      { ...c, version: c.version + 1, workflow: { ...c.workflow, stoppedAt: '2026-03-03T07:00:00.000Z', stopStatus: 'FAILED' } },
      c.version,
    );
    return d;
  }

  it('shows the button only while the workflow is stopped; it starts the next generation once', async () => {
    const running = await triageCase();
    const runningPage = await showCase(running, await signIn(running));
    expect(runningPage.body).not.toContain(t('nb', 'secretariat.resume.submit'));

    const d = await stoppedCase();
    const cookies = await signIn(d);
    const page = await showCase(d, cookies);
    expect(page.body).toContain(t('nb', 'secretariat.resume.submit'));
    expect(page.body).toContain(`action="/sekretariat/sak/${CASE_ID}/start-saksflyt"`);

    const res = await post(d, cookies, 'start-saksflyt', {});
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/sekretariat/sak/${CASE_ID}?done=resume`);
    expect(d.workflow.executionsOf(CASE_ID)).toEqual(['2026-0001-g2']);
    const stored = await d.cases.get(CASE_ID);
    expect(stored?.workflow).toEqual({ generation: 2, executionName: '2026-0001-g2' });
    expect(stored?.events.at(-1)).toMatchObject({ type: 'workflow_resumed', actor: { kind: 'secretariat', id: 'lokal-sekretariat' } });
    const after = await showCase(d, cookies, CASE_ID, { done: 'resume' });
    expect(after.body).toContain(t('nb', 'secretariat.notice.resumed'));
    expect(after.body).not.toContain(t('nb', 'secretariat.resume.submit'));
  });

  it('changes nothing without the CSRF token, and answers 409 when the workflow is not stopped', async () => {
    const d = await stoppedCase();
    const cookies = await signIn(d);
    const forged = await post(d, cookies, 'start-saksflyt', {}, 'not-the-token');
    expect(forged.statusCode).toBe(403);
    expect(d.workflow.executions.size).toBe(0);

    const running = await triageCase();
    const runningCookies = await signIn(running);
    const refused = await post(running, runningCookies, 'start-saksflyt', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(t('nb', 'secretariat.notice.notStopped'));
    expect(running.workflow.executions.size).toBe(0);
  });
});
