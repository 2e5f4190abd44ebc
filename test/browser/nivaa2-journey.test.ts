import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bodyName } from '../../shared/email/labels';
import { t } from '../../shared/i18n';
import {
  act,
  CaseMailbox,
  openAction,
  poll,
  SECRETARIAT,
  voters,
} from '../integration/helpers';
import { checkPage, checkServedPage, mailedLink, stylesApplied, useRuntimeAndBrowser } from './support';

/**
 * Issue 5 end to end for a nivå 2 case, in nynorsk: a county fills in the form in the browser,
 * the receipt proposes nivå 2 (new service with state funding: samstyringsstrukturen is
 * consulted, styret decides, Eierstrategi ch. 12); the secretariat confirms, a member of
 * samstyringsstrukturen answers and three board members approve on the action pages in the
 * browser (a majority of five, aksjeloven §§ 6-24/6-25), and the status page shows the case
 * decided by styret. One runtime per file: handlers read their configuration at import.
 */
const env = useRuntimeAndBrowser();



const CONTACT = 'siri.fylke@example.org';

async function fillNivaa2Application(page: Page): Promise<void> {
  await page.fill('#f-title', 'Felles løysing for digital byggjesøknad');
  await page.fill('#f-needDescription', 'Kommunane i fylket treng ei felles løysing for byggjesøknader.');
  await page.check('#f-needSource-direkte_innspill');
  await page.fill('#f-applicant-name', 'Vestland fylkeskommune');
  await page.check('#f-applicant-kind-fylkeskommune');
  await page.fill('#f-applicant-organisationNumber', '821311632');
  await page.fill('#f-contactPerson-name', 'Siri Fylke');
  await page.fill('#f-contactPerson-email', CONTACT);
  await page.fill('#f-contactPerson-phone', '55 00 00 00');
  await page.check('#f-matter-kind-new_service');
  for (const name of ['highRiskOrDrawsResources', 'strategicOrGreatSignificance', 'financing-digifinGrant-requested']) {
    await page.check(`#f-${name}-no`);
  }
  for (const [name, answer] of [
    ['stateFinancing', 'yes'],
    ['ownEffort', 'yes'],
    ['municipalContributions', 'no'],
    ['userFinanced', 'no'],
    ['firstYearOperationCovered', 'yes'],
  ] as const) {
    await page.check(`#f-financing-${name}-${answer}`);
  }
}

/** Opens the e-mailed link, chooses on the page, sends the form, and checks the receipt page. */
async function answerInBrowser(page: Page, link: string, choice: string, name: string): Promise<void> {
  await page.goto(link);
  expect(await stylesApplied(page)).toBe(true);
  await page.check(`#choice-${choice}`);
  await page.fill('#comment', `Svar frå ${name}.`);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  const lang = (await page.getAttribute('html', 'lang')) ?? 'nb';
  expect(await page.locator('h1').innerText()).toBe(t(lang as 'nb', 'pages.receipt.heading'));
  await checkPage(page, `nivaa2-${name}-receipt`);
}

describe('a county applies through the browser and follows a nivå 2 case to styret\'s decision', () => {
  it('form and receipt in nynorsk, triage, consultation and board votes on the action pages, status page approved', async () => {
    const { page } = env.browser;
    await page.goto(`${env.runtime.base}/?lang=nn`);
    await fillNivaa2Application(page);
    // The reply language follows the page's language unless the applicant picks another.
    expect(await page.isChecked('#f-preferredLanguage-nn')).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);

    // The receipt proposes nivå 2 with its reason and the path ahead.
    expect(await page.locator('h1').innerText()).toBe(t('nn', 'web.receipt.heading'));
    const receipt = await page.locator('main').innerText();
    expect(receipt).toContain(t('nn', 'common.nivaa', { nivaa: 2 }));
    expect(receipt).toContain(t('nn', 'classification.reason.newWithPublicFunding'));
    expect(receipt).toContain(t('nn', 'governance.step.nivaa2.consultation'));
    expect(receipt).toContain(t('nn', 'governance.step.nivaa2.decision'));
    await checkServedPage(page, 'nivaa2-receipt', 'nn');
    const caseNumber = (/\d{4}\/\d{4}/.exec(receipt) ?? [''])[0];
    expect(caseNumber).not.toBe('');
    const statusUrl = (await page.locator('#status-link').getAttribute('href')) ?? '';
    expect(statusUrl).toMatch(/\/sak\/[a-z0-9]{26}$/);
    const mailbox = new CaseMailbox(env.runtime.mail, caseNumber);

    // The applicant's receipt e-mail is in nynorsk, as chosen.
    const receiptMail = await poll(
      'the receipt e-mail',
      async () => (await mailbox.all()).find((e) => e.kind === 'receipt' && e.to === CONTACT),
      (found) => found !== undefined,
      { timeoutMs: 30_000 },
    );
    expect(receiptMail?.subject).toContain(caseNumber);

    // Triage: a secretary confirms nivå 2 on the action page.
    await answerInBrowser(page, await mailedLink(mailbox, 'newCase', SECRETARIAT[0] ?? ''), 'confirm', 'triage');

    // Consultation: the first member of samstyringsstrukturen answers in the browser; the
    // others by link until the body has spoken (the unit closes once its outcome is certain).
    const samstyring = voters('samstyringsstrukturen');
    await answerInBrowser(page, await mailedLink(mailbox, 'consultation', samstyring[0] ?? ''), 'support', 'samstyring');
    const styret = voters('styret');
    for (const member of samstyring.slice(1)) {
      if ((await mailbox.all()).some((e) => e.kind === 'decision' && e.to === styret[0])) break;
      const link = await mailedLink(mailbox, 'consultation', member);
      if ((await openAction(link)).status !== 200) break;
      await act(link, 'support');
    }

    // Decision: three of styret's five voting members approve on the pages: a majority.
    const [leder = '', m2 = '', , m4 = ''] = styret;
    for (const [member, name] of [
      [leder, 'styreleiar'],
      [m2, 'styremedlem-2'],
      [m4, 'styremedlem-4'],
    ] as const) {
      await answerInBrowser(page, await mailedLink(mailbox, 'decision', member), 'approve', name);
    }

    // The status page shows the case approved by styret, with the consultation's statements.
    await page.goto(statusUrl);
    const approved = t('nn', 'status.approved');
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
    expect(main).toContain(t('nn', 'web.case.outcome.by', { body: bodyName('styret', 'nn') }));
    // The statements table: samstyringsstrukturen's answer with the comment given on the page.
    const statements = await page.locator('table:has(#statements-caption)').innerText();
    expect(statements).toContain(bodyName('samstyringsstrukturen', 'nn'));
    expect(statements).toContain('Svar frå samstyring.');
    expect(await page.locator('#withdraw-link').count()).toBe(0);
    await checkServedPage(page, 'nivaa2-status-approved', 'nn');
    expect(env.browser.problems).toEqual([]);
  }, 180_000);
});
