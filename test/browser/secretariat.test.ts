import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/kernel/ids';
import { t } from '../../shared/i18n';
import { Api, applications, CaseMailbox, poll, voters } from '../support/integration';
import { checkServedPage, useRuntimeAndBrowser } from '../support/browser';

/**
 * The secretariat's pages in a real browser against the local runtime: the local
 * sign-in, the work queues, triage with an override that needs a reason, a reminder to a body
 * that has not answered (read back from MailDev), the audit trail and signing out. Every page
 * passes axe-core (WCAG 2.0/2.1 A and AA) in bokmål, nynorsk and English, the error pages
 * included; each is screenshotted.
 */
// Each test waits for the workflow and MailDev; CI has two cores.
vi.setConfig({ testTimeout: 120_000 });
const env = useRuntimeAndBrowser();
let api: Api;

// Every test starts signed out, in the default language.
beforeEach(async () => {
  api = new Api(env.runtime.base);
  await env.browser.context.clearCookies();
});

const check = (page: Page, name: string, lang: Language) => checkServedPage(page, `secretariat-${name}`, lang);

async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** A nivå 2 case, submitted through the API and waiting for triage. */
async function caseInTriage(title: string) {
  const submitted = await api.submit(applications.nivaa2('soker-sekretariat@example.org', title));
  await poll('triage', () => api.getCase(submitted.caseId), (view) => view.status === 'triage');
  return submitted;
}

describe('the secretariat pages', () => {
  it('sign in, triage with an override, remind a body, read the audit trail, sign out', async () => {
    const { page } = env.browser;
    const c = await caseInTriage('Felles innsynsløsning for kommunene');

    // Not signed in: the case link from the e-mail leads to sign-in, then back to the case.
    await page.goto(`${env.runtime.base}/sekretariat/sak/${c.caseId}`);
    expect(new URL(page.url()).pathname).toBe('/sekretariat/innlogging');
    await check(page, 'sign-in', 'nb');

    await page.fill('#f-password', 'feil-passord');
    await clickAndWait(page, '#sign-in');
    await expect.poll(() => page.locator('.ds-error-summary').textContent()).toContain(t('nb', 'secretariat.signIn.errors.wrong'));
    await check(page, 'sign-in-error', 'nb');

    await page.fill('#f-password', env.runtime.secretariatPassword);
    await clickAndWait(page, '#sign-in');
    expect(new URL(page.url()).pathname).toBe(`/sekretariat/sak/${c.caseId}`);
    expect(await page.textContent('h1')).toContain(c.caseNumber);
    await check(page, 'case-triage', 'nb');
    // A new service has no brukerråd: nivå 3 is not offered, and the form says why.
    expect(await page.locator('#f-nivaa-3').count()).toBe(0);
    expect(await page.textContent('#f-nivaa-hint')).toContain(t('nb', 'governance.unplannable.brukerrad', { nivaa: 3 }));

    // Changing the nivå without a reason: errors first, nothing saved.
    await page.check('#f-nivaa-1');
    await clickAndWait(page, '#triage-submit');
    await expect.poll(() => page.locator('.ds-error-summary').textContent()).toContain(t('nb', 'secretariat.triage.errors.reasonRequired'));
    await check(page, 'case-triage-error', 'nb');
    expect((await api.getCase(c.caseId)).nivaa).toBe(2);

    // Back to the proposed nivå 2: a confirmation needs no reason.
    await page.check('#f-nivaa-2');
    await clickAndWait(page, '#triage-submit');
    expect(await page.textContent('#notice')).toContain(t('nb', 'secretariat.notice.triaged'));

    // The workflow consults samstyringsstrukturen; the case page shows who has not answered.
    await poll('consultation', () => api.getCase(c.caseId), (view) => view.status === 'consultation', { timeoutMs: 30_000 });
    await page.reload();
    const remind = page.getByRole('button', { name: t('nb', 'secretariat.waiting.remind', { body: t('nb', 'governance.body.samstyringsstrukturen') }) });
    await expect.poll(() => remind.count()).toBe(1);
    await check(page, 'case-waiting', 'nb');

    const box = new CaseMailbox(env.runtime.mail, c.caseNumber);
    const members = voters('samstyringsstrukturen');
    await box.expectNext({ consultation: members }, { ignore: ['receipt', 'newCase', 'stepStarted', 'stepEnded'] });
    await Promise.all([page.waitForNavigation(), remind.click()]);
    expect(await page.textContent('#notice')).toContain(t('nb', 'secretariat.notice.reminded', { count: members.length }));
    await box.expectNext({ reminder: members });

    // The audit trail names the secretariat's actions.
    const audit = await page.textContent('#audit');
    expect(audit).toContain(t('nb', 'event.triaged'));
    expect(audit).toContain(t('nb', 'event.reminder_sent'));
    expect(audit).toContain('lokal-sekretariat');

    // The queues: the case is listed by status and by deadline.
    await page.goto(`${env.runtime.base}/sekretariat`);
    await check(page, 'overview', 'nb');
    expect(await page.locator(`a[href="/sekretariat/sak/${c.caseId}"]`).count()).toBe(1);
    await page.goto(`${env.runtime.base}/sekretariat?view=deadline`);
    await check(page, 'deadlines', 'nb');
    expect(await page.locator(`a[href="/sekretariat/sak/${c.caseId}"]`).count()).toBe(1);

    // A copy of the session cookie, taken before signing out.
    const session = (await env.browser.context.cookies(`${env.runtime.base}/sekretariat`)).find((cookie) => cookie.name === 'secretariat_session');
    expect(session?.value).toBeTruthy();
    await clickAndWait(page, '#sign-out');
    expect(new URL(page.url()).pathname).toBe('/sekretariat/utlogging');
    await check(page, 'signed-out', 'nb');
    await page.goto(`${env.runtime.base}/sekretariat`);
    expect(new URL(page.url()).pathname).toBe('/sekretariat/innlogging');
    // Signing out ended the session on the server: the copied cookie no longer opens the pages.
    const replayed = await fetch(`${env.runtime.base}/sekretariat/sak/${c.caseId}`, {
      headers: { cookie: `secretariat_session=${session?.value}` },
      redirect: 'manual',
    });
    expect(replayed.status).toBe(303);
    expect(new URL(replayed.headers.get('location') ?? '', env.runtime.base).pathname).toBe('/sekretariat/innlogging');
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'nb')) {
    it(`passes axe-core in ${lang}: sign-in with an error, queues, a case in triage with errors`, async () => {
      const { page } = env.browser;
      const c = await caseInTriage(`Sak for språkkontroll (${lang})`);
      await page.goto(`${env.runtime.base}/sekretariat/innlogging?lang=${lang}`);
      await check(page, 'sign-in', lang);
      await clickAndWait(page, '#sign-in');
      await check(page, 'sign-in-error', lang);
      await page.fill('#f-password', env.runtime.secretariatPassword);
      await clickAndWait(page, '#sign-in');
      await check(page, 'overview', lang);
      await page.goto(`${env.runtime.base}/sekretariat?view=deadline`);
      await check(page, 'deadlines', lang);
      await page.goto(`${env.runtime.base}/sekretariat/sak/${c.caseId}`);
      await check(page, 'case-triage', lang);
      // Another nivå without a reason (nivå 3 is not offered: the case names no service).
      await page.check('#f-nivaa-1');
      await clickAndWait(page, '#triage-submit');
      await check(page, 'case-triage-error', lang);
      await clickAndWait(page, '#sign-out');
      await check(page, 'signed-out', lang);
    });
  }
});
