import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { meetsThreshold } from '../../shared/domain/decision-rules';
import type { BodyId, Choice, Language, RequestKind } from '../../shared/kernel/ids';
import { bodyName, outcomeLabel, stepLabel } from '../../shared/email/labels';
import { governance } from '../../shared/domain/governance/load';
import { type Council, councilFor } from '../../shared/domain/governance/lookup';
import { type MessageKey, t } from '../../shared/i18n';
import type { NextStep } from '../../shared/use-cases/record-action';
import { answerLabel } from '../../shared/pages/kit/labels';
import { CaseMailbox, poll, SECRETARIAT, voters } from '../support/integration';
import { checkServedPage, mailedLink, screenshot, stylesApplied, useRuntimeAndBrowser } from '../support/browser';

/**
 * End to end for a nivå 2 case (Eierstrategi ch. 12, row 2: "vesentlig videreutvikling
 * av eksisterende tjenester"; styret decides, samstyringsstrukturen is consulted). A county
 * fills in the form in nynorsk with the ordinary locator API (the keyboard-only completion is
 * applicant-journey.test.ts), the receipt proposes nivå 2; then every answer is given on the
 * action pages in the browser, each person in their own cookie-less browser so the page
 * speaks the roster's language for them: the secretariat's triage, samstyringsstrukturen's
 * statements until the body has spoken, and styret's votes until the board rule
 * (aksjeloven §§ 6-24/6-25) is met. The applicant's status page then shows the case approved
 * by styret with the consultation in its timeline. Action pages in nn/en are axe-checked.
 * One runtime per file: handlers read their configuration at import.
 */
const env = useRuntimeAndBrowser();

const LANG: Language = 'nn';
const CONTACT = 'siri.fylke@example.org';
const SERVICE = governance.services[0];

/** The roster language of a member of `bodyId`: the action page should speak it. */
function languageOf(bodyId: BodyId, email: string): Language {
  const member = councilFor(governance, bodyId).members.find((m) => m.email.toLowerCase() === email);
  if (!member) throw new Error(`${email} is not in ${bodyId}`);
  return member.language;
}

/**
 * How many of the voting members, answering in `order` and all alike, make the outcome
 * certain, read from the body's rule in the roster: even if every other member voted against,
 * the choice still wins outright (or by the chair's casting vote in a tie) and has the support
 * the rule asks of all members (aksjeloven § 6-24: quorum above 1/2, § 6-25: over 1/3 in favour).
 */
function answersThatDecide(council: Council, order: readonly string[]): number {
  const { rule } = council;
  if (rule === null || (rule.kind !== 'simple' && rule.kind !== 'majority')) {
    throw new Error(`${council.bodyId}: not a majority rule`);
  }
  const n = council.voting.length;
  const chair = council.members.find((m) => m.id === council.chairId)?.email.toLowerCase();
  for (let k = 1; k <= n; k++) {
    const chairAmongThem = chair !== undefined && order.slice(0, k).includes(chair);
    const wins = k > n - k || (k === n - k && rule.tieBreaker === 'chair' && chairAmongThem);
    const quorum = rule.quorum === undefined || meetsThreshold(k, n, rule.quorum);
    const support = rule.kind !== 'majority' || meetsThreshold(k, n, rule.minInFavourOfAllMembers);
    if (wins && quorum && support) return k;
  }
  throw new Error(`${council.bodyId}: no number of answers decides`);
}

/** A definition list (`dl.app-facts`) as label → value. */
async function facts(page: Page): Promise<Record<string, string>> {
  const pairs = await page.locator('.app-facts').first().evaluate((dl) =>
    Array.from(dl.querySelectorAll('dt'), (dt) => [dt.textContent?.trim() ?? '', dt.nextElementSibling?.textContent?.trim() ?? '']),
  );
  return Object.fromEntries(pairs);
}

const heading = (page: Page) => page.locator('h1').innerText();

/** Axe and a screenshot for nynorsk and English pages; bokmål pages only a screenshot. */
async function check(page: Page, name: string, lang: Language): Promise<void> {
  if (lang === 'nb') await screenshot(page, `nivaa2-${name}-${lang}`);
  else await checkServedPage(page, `nivaa2-${name}`, lang);
}

/** Answers a radio group found by its legend (the fieldset's accessible name). */
async function choose(page: Page, legend: MessageKey, option: string): Promise<void> {
  await page.getByRole('group', { name: t(LANG, legend), exact: true }).getByLabel(option, { exact: true }).check();
}

async function fillApplication(page: Page): Promise<void> {
  const label = (key: MessageKey) => page.getByLabel(t(LANG, key), { exact: true });
  const [yes, no] = [t(LANG, 'pages.form.yes'), t(LANG, 'pages.form.no')];
  await label('pages.form.title.label').fill('Vesentleg vidareutvikling for fylkeskommunane');
  await label('pages.form.needDescription.label').fill('Fylkeskommunane treng ei vesentleg utviding av tenesta.');
  await page.locator('#f-needSource-direkte_innspill').check();
  await label('pages.form.applicant.name.label').fill('Vestland fylkeskommune');
  await choose(page, 'pages.form.applicant.kind.legend', t(LANG, 'application.option.organisationKind.fylkeskommune'));
  await label('pages.form.applicant.organisationNumber.label').fill('821311632');
  await label('pages.form.contactPerson.name.label').fill('Siri Fylke');
  await label('pages.form.contactPerson.email.label').fill(CONTACT);
  await label('pages.form.contactPerson.phone.label').fill('55 00 00 00');
  await choose(page, 'pages.form.matter.kind.legend', t(LANG, 'application.option.matterKind.significant_further_development'));
  await label('pages.form.matter.affectedServiceId.label').selectOption({ label: SERVICE?.name ?? '' });
  // High risk, but not of strategic significance: that would lift the case to nivå 1 (GF).
  await choose(page, 'pages.form.highRiskOrDrawsResources.legend', yes);
  await choose(page, 'pages.form.strategicOrGreatSignificance.legend', no);
  await choose(page, 'pages.form.financing.digifinGrant.requested.legend', no);
  for (const [name, answer] of [
    ['stateFinancing', no],
    ['ownEffort', yes],
    ['municipalContributions', yes],
    ['userFinanced', no],
    ['firstYearOperationCovered', yes],
  ] as const) {
    await choose(page, `pages.form.financing.${name}.legend`, answer);
  }
}

interface Answer {
  link: string;
  bodyId: BodyId;
  lang: Language;
  ask: RequestKind;
  choice: Choice;
  comment?: string;
  next: NextStep;
  name: string;
}

/**
 * A member opens their e-mailed link in a browser of their own (no cookies: the page follows
 * the roster's language), checks what is asked, answers and reads the result page.
 */
async function answerOnPage(page: Page, caseNumber: string, a: Answer): Promise<void> {
  await page.context().clearCookies();
  const response = await page.goto(a.link);
  expect(response?.status(), a.name).toBe(200);
  expect(await page.getAttribute('html', 'lang'), a.name).toBe(a.lang);
  expect(await stylesApplied(page)).toBe(true);
  expect(await heading(page)).toBe(t(a.lang, `pages.action.heading.${a.ask}`, { caseNumber }));
  expect(await facts(page)).toMatchObject({
    [t(a.lang, 'pages.action.fact.nivaa')]: t(a.lang, 'common.nivaa', { nivaa: 2 }),
    [t(a.lang, 'pages.action.fact.body')]: bodyName(a.bodyId, a.lang),
  });
  await check(page, `${a.name}-action`, a.lang);

  await page.getByRole('radio', { name: answerLabel(a.choice, a.ask, a.lang), exact: true }).check();
  if (a.comment) await page.getByLabel(t(a.lang, 'pages.action.comment.label'), { exact: true }).fill(a.comment);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: t(a.lang, 'pages.action.submit'), exact: true }).click(),
  ]);
  expect(await heading(page), a.name).toBe(t(a.lang, 'pages.receipt.heading'));
  expect((await facts(page))[t(a.lang, 'pages.receipt.yourAnswer')]).toBe(answerLabel(a.choice, a.ask, a.lang));
  // The pending text names the deadline; its wording before the date is enough here.
  const next = t(a.lang, `pages.receipt.next.${a.next}`).split('{deadline}')[0] ?? '';
  expect(await page.locator('main').innerText(), a.name).toContain(next);
  await check(page, `${a.name}-result`, a.lang);
}

/** A link that can no longer be used: 409 and the page saying why, in the member's language. */
async function expectRefused(page: Page, link: string, lang: Language, problem: 'closed' | 'caseFinal'): Promise<void> {
  await page.context().clearCookies();
  const response = await page.goto(link);
  expect(response?.status()).toBe(409);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await heading(page)).toBe(t(lang, `pages.problem.${problem}.heading`));
}

describe('a county applies through the browser and follows a nivå 2 case to styret\'s decision', () => {
  it('form and receipt in nynorsk, triage, consultation and board votes on the action pages, status page approved', async () => {
    const { page, context } = env.browser;
    await page.goto(`${env.runtime.base}/?lang=${LANG}`);
    await fillApplication(page);
    // The reply language follows the page's language unless the applicant picks another.
    expect(await page.locator(`#f-preferredLanguage-${LANG}`).isChecked()).toBe(true);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t(LANG, 'pages.form.submit') }).click()]);

    // The receipt proposes nivå 2 with its reason (no confirmation needed) and the path ahead.
    expect(await heading(page)).toBe(t(LANG, 'pages.form.receipt.heading'));
    const receiptFacts = await facts(page);
    expect(receiptFacts[t(LANG, 'pages.form.receipt.nivaa')]).toBe(t(LANG, 'common.nivaa', { nivaa: 2 }));
    const caseNumber = receiptFacts[t(LANG, 'pages.form.receipt.caseNumber')] ?? '';
    expect(caseNumber).toMatch(/^\d{4}\/\d{4}$/);
    const receipt = await page.locator('main').innerText();
    expect(receipt).toContain(t(LANG, 'classification.reason.significantFurtherDevelopment'));
    expect(receipt).not.toContain(t(LANG, 'classification.reason.strategicLift'));
    expect(receipt).not.toContain(t(LANG, 'pages.form.receipt.confirmNote'));
    expect(receipt).toContain(t(LANG, 'governance.step.nivaa2.consultation'));
    expect(receipt).toContain(t(LANG, 'governance.step.nivaa2.decision'));
    await checkServedPage(page, 'nivaa2-receipt', LANG);
    const statusHref = (await page.locator('#status-link').getAttribute('href')) ?? '';
    expect(statusHref).toMatch(/\/sak\/[a-z0-9]{26}$/);
    // The applicant's browser keeps its language choice; members use browsers of their own.
    const applicantCookies = await context.cookies();
    const mailbox = new CaseMailbox(env.runtime.mail, caseNumber);

    // The receipt e-mail carries the same status link as the page.
    const receiptMail = await poll(
      'the receipt e-mail',
      async () => (await mailbox.all()).find((e) => e.kind === 'receipt' && e.to === CONTACT),
      (found) => found !== undefined,
      { timeoutMs: 30_000 },
    );
    const statusUrl = /https?:\/\/\S+\/sak\/[a-z0-9]{26}/.exec(receiptMail?.text ?? '')?.[0] ?? '';
    expect(new URL(statusUrl).pathname).toBe(new URL(statusHref, env.runtime.base).pathname);

    // Triage: a secretary (nynorsk in the roster, if any) confirms nivå 2; the other's link closes.
    const triager = SECRETARIAT.find((e) => languageOf('sekretariat', e) !== 'nb') ?? SECRETARIAT[0] ?? '';
    await answerOnPage(page, caseNumber, {
      link: await mailedLink(mailbox, 'newCase', triager),
      bodyId: 'sekretariat',
      lang: languageOf('sekretariat', triager),
      ask: 'triage',
      choice: 'confirm',
      next: 'decided',
      name: 'triage',
    });
    for (const other of SECRETARIAT.filter((e) => e !== triager)) {
      await expectRefused(page, await mailedLink(mailbox, 'newCase', other), languageOf('sekretariat', other), 'closed');
    }

    // Consultation: samstyringsstrukturen's members answer in turn until the rule settles it;
    // the next member's link is then closed (the unit closes as soon as the outcome is certain).
    const samstyring = voters('samstyringsstrukturen');
    const samstyringAnswers = answersThatDecide(councilFor(governance, 'samstyringsstrukturen'), samstyring);
    expect(samstyringAnswers).toBeLessThan(samstyring.length);
    const comments = samstyring.slice(0, samstyringAnswers).map((_, i) => `Fråsegn ${i + 1} frå samstyringsstrukturen.`);
    for (const [i, member] of samstyring.slice(0, samstyringAnswers).entries()) {
      await answerOnPage(page, caseNumber, {
        link: await mailedLink(mailbox, 'consultation', member),
        bodyId: 'samstyringsstrukturen',
        lang: languageOf('samstyringsstrukturen', member),
        ask: 'consultation',
        choice: 'support',
        comment: comments[i] ?? '',
        next: 'statement',
        name: `samstyring-${i + 1}`,
      });
    }
    const late = samstyring[samstyringAnswers] ?? '';
    await expectRefused(page, await mailedLink(mailbox, 'consultation', late), languageOf('samstyringsstrukturen', late), 'closed');

    // Decision: styret's voting members, those reading nynorsk or English first; the vote before
    // the majority leaves it pending, the one that makes it certain decides.
    const styret = [...voters('styret')].sort((a, b) => Number(languageOf('styret', a) === 'nb') - Number(languageOf('styret', b) === 'nb'));
    const votes = answersThatDecide(councilFor(governance, 'styret'), styret);
    expect(votes).toBeLessThan(styret.length);
    for (const [i, member] of styret.slice(0, votes).entries()) {
      const link = await mailedLink(mailbox, 'decision', member);
      if (i === 0) {
        // The decider sees what the consulted body said, comments included.
        await page.context().clearCookies();
        await page.goto(link);
        const statements = await page.locator('table:has(caption)').innerText();
        for (const comment of comments) expect(statements).toContain(comment);
      }
      await answerOnPage(page, caseNumber, {
        link,
        bodyId: 'styret',
        lang: languageOf('styret', member),
        ask: 'decision',
        choice: 'approve',
        next: i === votes - 1 ? 'decided' : 'pending',
        name: `styret-${i + 1}`,
      });
    }

    // The applicant's status page (the e-mailed link, in the applicant's browser): approved by
    // styret, nothing left to wait for, and the timeline with triage, consultation and decision.
    await context.clearCookies();
    await context.addCookies(applicantCookies);
    await page.goto(statusUrl);
    await poll(
      'the status page to show the case approved',
      async () => {
        await page.reload();
        return (await facts(page))[t(LANG, 'pages.case.fact.status')];
      },
      (status) => status === t(LANG, 'status.approved'),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(await heading(page)).toBe(t(LANG, 'pages.case.heading', { caseNumber }));
    expect((await facts(page))[t(LANG, 'pages.case.fact.nivaa')]).toBe(t(LANG, 'common.nivaa', { nivaa: 2 }));
    const main = await page.locator('main').innerText();
    expect(main).toContain(t(LANG, 'pages.case.outcome.by', { body: bodyName('styret', LANG) }));
    expect(await page.locator('#current-step').innerText()).toBe(t(LANG, 'pages.case.current.none'));
    const steps = page.locator('.app-timeline > li');
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-status')))).toEqual(['closed', 'closed', 'closed']);
    expect(await steps.locator('h3').allInnerTexts()).toEqual(
      (['triage', 'consultation', 'decision'] as const).map((kind) => expect.stringContaining(stepLabel(kind, LANG))),
    );
    expect(await steps.nth(1).innerText()).toContain(`${bodyName('samstyringsstrukturen', LANG)}: ${outcomeLabel('support', LANG)}`);
    expect(await steps.nth(2).innerText()).toContain(`${bodyName('styret', LANG)}: ${outcomeLabel('approve', LANG)}`);
    const statements = await page.locator('table:has(#statements-caption)').innerText();
    for (const comment of comments) expect(statements).toContain(comment);
    expect(await page.locator('#withdraw-link').count()).toBe(0);
    await checkServedPage(page, 'nivaa2-status-approved', LANG);

    // A board member who had not voted finds the case closed.
    const lastMember = styret[votes] ?? '';
    await expectRefused(page, await mailedLink(mailbox, 'decision', lastMember), languageOf('styret', lastMember), 'caseFinal');
    expect(env.browser.problems).toEqual([]);
  }, 240_000);
});
