import { describe, expect, it } from 'vitest';
import { t } from '../../../../shared/i18n';
import { postActionPage, showActionPage } from '../../../../shared/pages/action/flows';
import { csrfToken } from '../../../../shared/pages/kit/csrf';
import { pageLanguage } from '../../../../shared/pages/kit/language';
import {
  BASE_URL,
  CASE_ID,
  csrfFrom,
  singleDeciderLink,
  snapshot,
} from '../../../support/action-link-setup';

const NO_SIGNALS = pageLanguage({});

async function singleDecider(language: 'nb' | 'nn' | 'en' = 'nb') {
  const s = await singleDeciderLink(language);
  const { raw } = s;
  const csrf = csrfToken(s.deps.hmacSha256Hex, await s.ports.secrets.getActionKey(), await s.ports.tokenHasher.hash(raw));
  const post = (form: { choice?: string; comment?: string; csrf?: string }, origin: string | undefined = BASE_URL) =>
    postActionPage(s.deps, { rawToken: raw, signals: NO_SIGNALS, origin, form });
  return { ...s, csrf, post };
}

describe('showActionPage (GET /handling/{token})', () => {
  it('shows the form bound to this link, in the recipient’s language, and changes nothing', async () => {
    const s = await singleDecider('nn');
    const before = await snapshot(s.ports);
    const result = await showActionPage(s.deps, { rawToken: s.raw, signals: NO_SIGNALS });
    expect(result).toMatchObject({ status: 200, cookies: [], lang: 'nn', outcome: { kind: 'shown' } });
    expect(result.location).toBeUndefined();
    expect(csrfFrom(result.body)).toBe(s.csrf);
    expect(result.body).toMatch(/<textarea[^>]*maxlength="2000"/);
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('lets an explicit language choice win over the recipient’s', async () => {
    const s = await singleDecider('nn');
    const result = await showActionPage(s.deps, { rawToken: s.raw, signals: pageLanguage({ query: 'en' }) });
    expect(result.lang).toBe('en');
  });

  it('refuses a forged link with 404 in the browser’s language, and an expired one with 410 in the recipient’s', async () => {
    const s = await singleDecider('nn');
    const forged = await showActionPage(s.deps, { rawToken: 'x'.repeat(43), signals: pageLanguage({ acceptLanguage: 'en' }) });
    expect(forged).toMatchObject({ status: 404, lang: 'en', outcome: { kind: 'refused', problem: 'invalid' } });
    s.ports.clock.set('2026-03-17T00:00:00.000Z');
    const expired = await showActionPage(s.deps, { rawToken: s.raw, signals: NO_SIGNALS });
    expect(expired).toMatchObject({ status: 410, lang: 'nn', outcome: { kind: 'refused', problem: 'expired' } });
  });
});

describe('postActionPage (POST /handling/{token})', () => {
  it('records a verified, valid answer with its comment normalised and shows the receipt', async () => {
    const s = await singleDecider();
    const result = await s.post({ csrf: s.csrf, choice: 'approve', comment: '  Ja.\r\nMed\u0065\u0301 forbehold.  ' });
    expect(result).toMatchObject({ status: 200, lang: 'nb', outcome: { kind: 'recorded', next: 'decided' } });
    expect(result.body).toContain('Takk — svaret ditt er registrert');
    const step = await s.ports.steps.get(CASE_ID, s.step.stepId);
    expect(step?.units[0]?.answers).toEqual([
      { memberId: s.memberId, choice: 'approve', comment: 'Ja.\nMed\u00e9 forbehold.', at: '2026-03-03T09:00:00.000Z' },
    ]);
  });

  it('refuses a wrong CSRF value or a foreign origin at the csrf field, storing nothing', async () => {
    const s = await singleDecider();
    const before = await snapshot(s.ports);
    for (const result of [
      await s.post({ csrf: 'f'.repeat(64), choice: 'approve' }),
      await s.post({ choice: 'approve' }),
      await s.post({ csrf: s.csrf, choice: 'approve' }, 'https://evil.example'),
    ]) {
      expect(result).toMatchObject({ status: 400, outcome: { kind: 'rejected', fields: ['csrf'] } });
      expect(result.body).toContain(t('nb', 'pages.action.errors.formExpired'));
    }
    expect(await snapshot(s.ports)).toBe(before);
  });

  it('accepts no Origin header and the opaque `Origin: null`', async () => {
    const absent = await singleDecider();
    expect((await absent.post({ csrf: absent.csrf, choice: 'approve' }, undefined)).status).toBe(200);
    const opaque = await singleDecider();
    expect((await opaque.post({ csrf: opaque.csrf, choice: 'approve' }, 'null')).status).toBe(200);
  });

  it('reports each bad field with its message and keeps what was written', async () => {
    const s = await singleDecider();
    const before = await snapshot(s.ports);
    const cases: Array<[{ choice?: string; comment?: string }, string[], string]> = [
      [{}, ['choice'], t('nb', 'pages.action.errors.choiceRequired')],
      [{ choice: 'lift' }, ['choice'], t('nb', 'pages.action.errors.choiceNotAllowed')],
      [{ choice: 'approve', comment: 'x'.repeat(2001) }, ['comment'], t('nb', 'pages.action.errors.commentTooLong', { max: 2000 })],
      [{ choice: 'approve', comment: 'Snu\u202eteksten' }, ['comment'], t('nb', 'pages.action.errors.commentInvalid')],
      [{ choice: 'approve', comment: 'Halv \ud83d kode' }, ['comment'], t('nb', 'error.field.unpairedSurrogate')],
      [{ choice: 'approve', comment: '\ude00' }, ['comment'], t('nb', 'error.field.unpairedSurrogate')],
      [{ choice: 'lift', comment: 'Bør <løftes>' }, ['choice'], 'Bør &lt;løftes&gt;</textarea>'],
    ];
    for (const [form, fields, text] of cases) {
      const result = await s.post({ csrf: s.csrf, ...form });
      expect(result).toMatchObject({ status: 400, outcome: { kind: 'rejected', fields } });
      expect(result.body).toContain(text);
      expect(csrfFrom(result.body)).toBe(s.csrf);
    }
    expect(await snapshot(s.ports)).toBe(before);
    // A comment of exactly the maximum length, once trimmed, is fine.
    expect((await s.post({ csrf: s.csrf, choice: 'approve', comment: ` ${'x'.repeat(2000)} ` })).status).toBe(200);
  });

  it('finishes a half-done answer only when the retry is verified', async () => {
    const s = await singleDecider();
    s.ports.cases.faults.failNext('save', new Error('network'));
    await expect(s.post({ csrf: s.csrf, choice: 'approve' })).rejects.toThrow('network');
    expect(s.ports.workflow.completions).toEqual([]);

    const unverified = await s.post({ csrf: 'f'.repeat(64), choice: 'approve' });
    expect(unverified).toMatchObject({ status: 409, outcome: { kind: 'refused', problem: 'answered' } });
    expect(s.ports.workflow.completions).toEqual([]);
    const foreign = await s.post({ csrf: s.csrf, choice: 'approve' }, 'https://evil.example');
    expect(foreign.status).toBe(409);
    expect(s.ports.workflow.completions).toEqual([]);

    const retry = await s.post({ csrf: s.csrf, choice: 'reject' });
    expect(retry).toMatchObject({ status: 409, outcome: { kind: 'refused', problem: 'answered' } });
    expect(s.ports.workflow.completions).toEqual([
      { token: 'task-1', kind: 'success', output: { unitId: 'daglig_leder', outcome: 'approve' } },
    ]);
  });

  it('answers 404 for a forged link and 410 for an expired one, changing nothing', async () => {
    const s = await singleDecider();
    s.ports.clock.set('2026-03-17T00:00:00.000Z');
    const before = await snapshot(s.ports);
    expect((await s.post({ csrf: s.csrf, choice: 'approve' })).outcome).toEqual({ kind: 'refused', problem: 'expired' });
    const forged = await postActionPage(s.deps, {
      rawToken: 'y'.repeat(43),
      signals: NO_SIGNALS,
      origin: BASE_URL,
      form: { csrf: s.csrf, choice: 'approve' },
    });
    expect(forged).toMatchObject({ status: 404, outcome: { kind: 'refused', problem: 'invalid' } });
    expect(await snapshot(s.ports)).toBe(before);
  });
});
