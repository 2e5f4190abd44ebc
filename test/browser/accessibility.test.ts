import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/kernel/ids';
import { governance } from '../../shared/domain/governance/load';
import { councilFor } from '../../shared/domain/governance/lookup';
import { t } from '../../shared/i18n';
import {
  act,
  Api,
  applications,
  CaseMailbox,
  openAction,
  SECRETARIAT,
  voters,
} from '../support/integration';
import { checkServedPage, focused, mailedLink, useRuntimeAndBrowser } from '../support/browser';

/**
 * Every applicant page in bokmål, nynorsk and English passes axe-core (WCAG 2.0/2.1 A and AA)
 * as served, including the forms with their validation errors shown; each is screenshotted.
 * One runtime for the file: handlers read their configuration at import.
 */
const env = useRuntimeAndBrowser();



const check = checkServedPage;

async function submitAndWait(page: Page, selector = '#submit'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function fillApplication(page: Page, title: string): Promise<void> {
  await page.fill('#f-title', title);
  await page.fill('#f-needDescription', 'Kommunene trenger en felles løsning.');
  await page.check('#f-needSource-direkte_innspill');
  await page.fill('#f-applicant-name', 'Oslo kommune');
  await page.check('#f-applicant-kind-kommune');
  await page.fill('#f-applicant-organisationNumber', '958935420');
  await page.fill('#f-contactPerson-name', 'Ola Eksempel');
  await page.fill('#f-contactPerson-email', 'ola.eksempel@example.org');
  await page.fill('#f-contactPerson-phone', '+47 41 00 00 00');
  await page.check('#f-matter-kind-new_service');
  for (const name of ['highRiskOrDrawsResources', 'strategicOrGreatSignificance', 'financing-municipalContributions', 'financing-userFinanced']) {
    await page.check(`#f-${name}-no`);
  }
  await page.check('#f-financing-digifinGrant-requested-yes');
  await page.fill('#f-financing-digifinGrant-amountNok', '2 500 000');
  for (const name of ['stateFinancing', 'ownEffort', 'firstYearOperationCovered']) await page.check(`#f-financing-${name}-yes`);
}

describe('the applicant pages pass axe-core in every language', () => {
  for (const lang of LANGUAGES) {
    it(`form, errors, receipt, status, withdrawal, journal and not-found pages (${lang})`, async () => {
      const { page } = env.browser;
      await page.goto(`${env.runtime.base}/?lang=${lang}`);
      await check(page, 'form', lang);

      // Sent empty: the error summary comes first, has focus, and links to each field.
      await submitAndWait(page);
      await check(page, 'form-errors', lang);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary'))).toBe(true);
      const targets = await page.locator('.ds-error-summary a').evaluateAll((links) =>
        links.map((a) => (a.getAttribute('href') ?? '').slice(1)),
      );
      expect(targets.length).toBeGreaterThan(10);
      for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
      await page.click('.ds-error-summary a >> nth=0');
      expect(await focused(page)).toBe(targets[0]);

      await fillApplication(page, `Tilgjengelighetstest ${lang}`);
      await submitAndWait(page);
      expect(await page.locator('h1').innerText()).toBe(t(lang, 'pages.form.receipt.heading'));
      const caseNumber = await page.locator('.app-facts dd >> nth=0').innerText();
      await check(page, 'receipt', lang);

      await Promise.all([page.waitForNavigation(), page.click('#status-link')]);
      await check(page, 'status', lang);
      await Promise.all([page.waitForNavigation(), page.click('#withdraw-link')]);
      await check(page, 'withdraw', lang);
      // The browser enforces maxlength; a client that does not (or an edited page) gets the error.
      await page.evaluate(() => document.querySelector('#f-reason')?.removeAttribute('maxlength'));
      await page.fill('#f-reason', 'x'.repeat(2001));
      await submitAndWait(page);
      expect(await page.locator('.ds-error-summary a').getAttribute('href')).toBe('#f-reason');
      await check(page, 'withdraw-errors', lang);
      await page.fill('#f-reason', 'Ikke lenger aktuelt');
      await submitAndWait(page);
      expect(await page.locator('h1').innerText()).toBe(t(lang, 'pages.withdraw.done.heading', { caseNumber }));
      await check(page, 'withdraw-done', lang);
      await Promise.all([page.waitForNavigation(), page.click('main a')]);
      expect(await page.locator('.app-facts').innerText()).toContain(t(lang, 'status.withdrawn'));
      await check(page, 'status-withdrawn', lang);

      await page.goto(`${env.runtime.base}/journal`);
      expect(await page.locator('table caption').innerText()).toBe(t(lang, 'pages.journal.caption'));
      await check(page, 'journal', lang);
      await page.goto(`${env.runtime.base}/sak/aaaaaaaaaaaaaaaaaaaaaaaaaa`);
      await check(page, 'not-found', lang);
      expect(env.browser.problems).toEqual([]);
    }, 120_000);
  }
});

/** A nivå 3 case sent back for more information by daglig leder (through the e-mailed links). */
async function returnedCase(): Promise<string> {
  const api = new Api(env.runtime.base);
  const submitted = await api.submit(applications.nivaa3('kari.retur@example.org', 'Sak som skal suppleres'));
  const mailbox = new CaseMailbox(env.runtime.mail, submitted.caseNumber);
  await act(await mailedLink(mailbox, 'newCase', SECRETARIAT[0] ?? ''), 'confirm');
  const leader = councilFor(governance, 'daglig_leder').members[0]?.email ?? '';
  for (const member of voters('brukerrad', 'svarut')) {
    if ((await mailbox.all()).some((e) => e.kind === 'decision' && e.to === leader)) break;
    const link = await mailedLink(mailbox, 'consultation', member);
    if ((await openAction(link)).status !== 200) break;
    await act(link, 'support');
  }
  await act(await mailedLink(mailbox, 'decision', leader), 'return', 'Beskriv gevinstene nærmere.');
  await api.waitForStatus(submitted.caseId, 'returned', { timeoutMs: 30_000 });
  return submitted.caseId;
}

describe('the amendment pages pass axe-core in every language', () => {
  it('status when returned, the prefilled form, its errors, and the result', async () => {
    const { page } = env.browser;
    const caseId = await returnedCase();
    for (const lang of LANGUAGES) {
      await page.goto(`${env.runtime.base}/sak/${caseId}?lang=${lang}`);
      await check(page, 'status-returned', lang);
      await Promise.all([page.waitForNavigation(), page.click(`a[href="/sak/${caseId}/endre"]`)]);
      expect(await page.inputValue('#f-title')).toBe('Sak som skal suppleres');
      await check(page, 'amend', lang);
      await page.fill('#f-title', '');
      await page.fill('#f-contactPerson-phone', '123');
      await submitAndWait(page);
      expect(await page.locator('.ds-error-summary li').count()).toBe(2);
      await check(page, 'amend-errors', lang);
    }
    await page.fill('#f-title', 'Sak som er supplert');
    await page.fill('#f-contactPerson-phone', '40000000');
    await submitAndWait(page);
    expect(await page.locator('h1').innerText()).toBe(t('en', 'pages.amend.done.heading'));
    await check(page, 'amend-done', 'en');
    expect(env.browser.problems).toEqual([]);
  }, 180_000);
});
