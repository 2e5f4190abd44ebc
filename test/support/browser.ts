/**
 * Real-browser support for the page tests: Debian's chromium driven by playwright-core, with
 * the flags the project uses everywhere (no network but 127.0.0.1, no background services),
 * a fresh profile per browser, axe-core checks and screenshots. Every wait is bounded.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type CaseEmail, type CaseMailbox, type EmailKind, PROJECT_ROOT, poll, type TestRuntime, useTestRuntime } from './integration';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(PROJECT_ROOT, 'test-results', 'screenshots');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP violations, script errors) and failed sub-resources, for asserting none happened. */
  problems: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'beslutningsflyt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1024, height: 900 },
    // Accept-Language: the pages negotiate bokmål unless ?lang= says otherwise.
    locale: 'nb-NO',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    // Failed loads are reported with their URL below (the console message has none).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    // Sub-resources only (pages are asserted by the tests); browsers ask for a favicon unasked.
    if (response.request().resourceType() !== 'document' && url.pathname !== '/favicon.ico' && response.status() >= 400) {
      problems.push(`${response.status()} ${url.pathname}`);
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol, which the pages'
 * CSP (no scripts at all) does not govern, so the pages are checked as they are served.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations;
  }, AXE_TAGS)) as AxeViolation[];
  const summary = violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Checks a page as served: axe in the page's language, then a screenshot for people to look at. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
}

/**
 * Checks a served page as a person would meet it: in the expected language, styled, with one
 * h1, no axe-core violations; and saves its screenshot as `<name>-<lang>`.
 */
export async function checkServedPage(page: Page, name: string, lang: string): Promise<void> {
  expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
  expect(await stylesApplied(page), name).toBe(true);
  expect(await page.locator('h1').count(), name).toBe(1);
  await checkPage(page, `${name}-${lang}`);
}

/** The id (or tag) of the focused element. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.tagName.toLowerCase() || '';
  });
}

/** Whether the stylesheet applied (Designsystemet's custom properties are defined). */
export function stylesApplied(page: Page): Promise<boolean> {
  return page.evaluate(
    () => getComputedStyle(document.documentElement).getPropertyValue('--ds-color-neutral-background-default').trim() !== '',
  );
}

export interface BrowserTestEnv {
  runtime: TestRuntime;
  browser: TestBrowser;
}

/**
 * The local runtime (useTestRuntime) and a browser for one test file, registered as
 * beforeAll/afterAll; the browser closes before the runtime.
 */
export function useRuntimeAndBrowser(secondsPerDay = 86_400): BrowserTestEnv {
  const env = { runtime: useTestRuntime(secondsPerDay) } as BrowserTestEnv;
  beforeAll(async () => {
    env.browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await env.browser?.close();
  });
  return env;
}

/** The action link in the message of `kind` to `address`, once it has arrived. */
export async function mailedLink(mailbox: CaseMailbox, kind: EmailKind, address: string): Promise<string> {
  const email = await poll<CaseEmail | undefined>(
    `${kind} message to ${address}`,
    async () => (await mailbox.all()).find((e) => e.kind === kind && e.to === address.toLowerCase() && e.links.length > 0),
    (found) => found !== undefined,
    { timeoutMs: 30_000 },
  );
  return email?.links[0] ?? '';
}
