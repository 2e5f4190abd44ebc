import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { governance } from '../../shared/domain/governance/load';
import { councilFor } from '../../shared/domain/governance/lookup';
import { t } from '../../shared/i18n';
import {
  CaseMailbox,
  openAction,
  poll,
  postAction,
  SECRETARIAT,
  voters,
} from '../support/integration';
import { checkPage, focused, mailedLink, screenshot, stylesApplied, useRuntimeAndBrowser } from '../support/browser';

/**
 * The applicant's journey end to end in a real browser: a municipality completes the form with
 * the keyboard only, gets the receipt, and the case is decided through the e-mailed action links
 * (the secretariat's triage, the brukerråd's statements, daglig leder's decision) until the
 * status page shows it approved. One runtime per file: handlers read their configuration at import.
 */
const env = useRuntimeAndBrowser();



const CONTACT = 'kari.tastatur@example.org';

/** Presses Tab and checks where the focus went: the tab order is part of what is tested. */
async function tabTo(page: Page, id: string): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(id);
}

async function fillWithKeyboard(page: Page): Promise<void> {
  // Skip link first, then straight into the form.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('main');
  await tabTo(page, 'f-title');
  await page.keyboard.type('Varsel om ulest post i SvarUt');
  await tabTo(page, 'f-needDescription');
  await page.keyboard.type('Saksbehandlere trenger varsel når post blir liggende ulest.');
  await tabTo(page, 'f-needSource-samstyring_dialog');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // → direkte_innspill
  await tabTo(page, 'f-applicant-name');
  await page.keyboard.type('Bergen kommune');
  await tabTo(page, 'f-applicant-kind-kommune');
  await page.keyboard.press('Space');
  await tabTo(page, 'f-applicant-organisationNumber');
  await page.keyboard.type('964338531');
  await tabTo(page, 'f-contactPerson-name');
  await page.keyboard.type('Kari Tastatur');
  await tabTo(page, 'f-contactPerson-email');
  await page.keyboard.type(CONTACT);
  await tabTo(page, 'f-contactPerson-phone');
  await page.keyboard.type('40000000');
  await tabTo(page, 'f-matter-kind-new_delivery_area');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown'); // → functionality_change
  await tabTo(page, 'f-matter-affectedServiceId');
  await page.keyboard.type('Sv'); // type-ahead selects SvarUt
  await tabTo(page, 'f-matter-withinAgreedServicePrice-yes');
  await page.keyboard.press('Space');
  for (const name of ['highRiskOrDrawsResources', 'strategicOrGreatSignificance', 'financing-digifinGrant-requested']) {
    await tabTo(page, `f-${name}-yes`);
    await page.keyboard.press('ArrowDown'); // → no
  }
  await tabTo(page, 'f-financing-digifinGrant-amountNok');
  for (const [name, answer] of [
    ['stateFinancing', 'no'],
    ['ownEffort', 'yes'],
    ['municipalContributions', 'no'],
    ['userFinanced', 'yes'],
    ['firstYearOperationCovered', 'yes'],
  ] as const) {
    await tabTo(page, `f-financing-${name}-yes`);
    await page.keyboard.press(answer === 'yes' ? 'Space' : 'ArrowDown');
  }
  await tabTo(page, 'f-participatingMunicipalities');
  await page.keyboard.type('Askøy kommune');
  // The reply language is preselected from the page's language.
  await tabTo(page, 'f-preferredLanguage-nb');
  await tabTo(page, 'submit');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Opens an action link in the browser, chooses on the page and sends its form. */
async function answerByLink(page: Page, link: string, choice: string, name: string): Promise<void> {
  await page.goto(link);
  expect(await stylesApplied(page)).toBe(true);
  await screenshot(page, `${name}-action`);
  await page.check(`#choice-${choice}`);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  expect(await page.locator('h1').innerText()).toBe(t('nb', 'pages.receipt.heading'));
}

describe('a municipality applies through the browser and follows the case to its decision (nivå 3)', () => {
  it('completes the form with the keyboard only, gets the receipt, and sees the case approved', async () => {
    const { page } = env.browser;
    await page.goto(`${env.runtime.base}/`);
    expect(await stylesApplied(page)).toBe(true);
    await checkPage(page, 'journey-form-nb');
    await fillWithKeyboard(page);

    // The receipt: case number, proposed nivå 3 with the reason, the path, the status link.
    expect(await page.locator('h1').innerText()).toBe(t('nb', 'pages.form.receipt.heading'));
    const receipt = await page.locator('main').innerText();
    expect(receipt).toContain('Nivå 3');
    expect(receipt).toContain(t('nb', 'classification.reason.functionalityChangeWithinPrice'));
    expect(receipt).toContain(t('nb', 'governance.step.nivaa3.decision'));
    const caseNumber = (/\d{4}\/\d{4}/.exec(receipt) ?? [''])[0];
    expect(caseNumber).not.toBe('');
    await checkPage(page, 'journey-receipt-nb');
    const statusUrl = (await page.locator('#status-link').getAttribute('href')) ?? '';
    expect(statusUrl).toMatch(/\/sak\/[a-z0-9]{26}$/);

    const mailbox = new CaseMailbox(env.runtime.mail, caseNumber);
    // Triage: one secretariat member confirms the nivå through the e-mailed link.
    await answerByLink(page, await mailedLink(mailbox, 'newCase', SECRETARIAT[0] ?? ''), 'confirm', 'journey-triage');

    // Consultation: SvarUt's brukerråd; the first member answers in the browser, the rest by
    // link until the body has spoken (the unit closes once the outcome is certain).
    const brukerrad = voters('brukerrad', 'svarut');
    await answerByLink(page, await mailedLink(mailbox, 'consultation', brukerrad[0] ?? ''), 'support', 'journey-brukerrad');
    const leader = councilFor(governance, 'daglig_leder').members[0]?.email ?? '';
    for (const member of brukerrad.slice(1)) {
      if ((await mailbox.all()).some((e) => e.kind === 'decision' && e.to === leader)) break;
      const action = await openAction(await mailedLink(mailbox, 'consultation', member));
      if (action.status !== 200 || action.csrf === undefined) break;
      await postAction(await mailedLink(mailbox, 'consultation', member), { choice: 'support', csrf: action.csrf });
    }

    // Decision: daglig leder approves.
    await answerByLink(page, await mailedLink(mailbox, 'decision', leader), 'approve', 'journey-daglig-leder');

    // The status page shows the case decided, with the brukerråd's statements.
    await page.goto(statusUrl);
    const approved = t('nb', 'status.approved');
    await poll(
      'the status page to show the case approved',
      async () => {
        await page.reload();
        return page.locator('.app-facts').innerText();
      },
      (text) => text.includes(approved),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const main = await page.locator('main').innerText();
    expect(main).toContain(t('nb', 'pages.case.outcome.heading'));
    expect(main).toContain(t('nb', 'pages.case.statements.heading'));
    expect(await page.locator('#withdraw-link').count()).toBe(0);
    await checkPage(page, 'journey-status-approved-nb');
    expect(env.browser.problems).toEqual([]);
  }, 180_000);
});
