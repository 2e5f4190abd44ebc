/**
 * Helpers for the integration suite: the local runtime on free ports, the HTTP API as a
 * client sees it, the inbox (MailDev) read per case, and action links clicked like a browser
 * (GET the page, read the hidden csrf field and the offered choices, POST the form).
 * Every wait is a bounded poll; nothing sleeps blindly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { MailDevClient, type MailDevEmail } from '../../infra/local/maildev';
import { freePort } from '../../infra/local/ports';
import { startLocalRuntime } from '../../infra/local/runtime';
import type { Application } from '../../shared/domain/application';
import type { BodyId, CaseStatus } from '../../shared/kernel/ids';
import { governance } from '../../shared/domain/governance/load';
import { councilFor } from '../../shared/domain/governance/lookup';
import { catalogFor } from '../../shared/i18n';
import type { CaseStatusView } from '../../shared/use-cases/get-case-status';
import { exampleApplication } from './fixtures/application';
import { READY_PREFIX, type RuntimePorts, type RuntimeProcessConfig, type RuntimeReady, readyOf } from './runtime-process';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Runtime

async function freePorts(): Promise<RuntimePorts> {
  const names = ['http', 'maildevWeb', 'maildevSmtp', 'dynamodb', 'sfn', 'ses', 'secrets'] as const;
  const ports: number[] = [];
  // One at a time, so the OS cannot hand out the same port twice.
  while (ports.length < names.length) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return Object.fromEntries(names.map((name, i) => [name, ports[i]])) as unknown as RuntimePorts;
}

/** A runtime that is up: where it answers, and how it ends. */
interface Running {
  ready: RuntimeReady;
  /** Ends it (a child process with `signal`); resolves with how it ended. */
  stop(signal: NodeJS.Signals): Promise<string>;
}

/** The whole local system in this process. */
async function startInProcess(config: RuntimeProcessConfig): Promise<Running> {
  const runtime = await startLocalRuntime({ projectRoot: PROJECT_ROOT, ...config });
  return { ready: readyOf(runtime), stop: () => runtime.close().then(() => 'closed') };
}

/**
 * The runtime in a child process (test/support/runtime-process.ts), so it can be killed
 * and a fresh process (fresh handler configuration) started on the same state directory.
 */
async function startChildProcess(config: RuntimeProcessConfig, timeoutMs = 120_000): Promise<Running> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'test', 'support', 'runtime-process.ts'), JSON.stringify(config)],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
  });
  const ready = await new Promise<RuntimeReady>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The runtime process did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as RuntimeReady);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`The runtime process ended (${how}) before it was ready:\n${stderr}`));
    });
  });
  return {
    ready,
    stop: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface TestRuntimeOptions {
  /** Empties the inbox before each test: each test follows its own case, and every poll of MailDev stays small. */
  emptyInboxBeforeEach?: boolean;
  /**
   * Runs the runtime as a child process that the test can kill and start again on the same
   * ports and state (handlers read their configuration once per process); else in this process.
   */
  restartable?: boolean;
}

/** The local runtime of one test file, as its tests reach it (filled in by beforeAll). */
export interface TestRuntime {
  readonly base: string;
  readonly api: Api;
  readonly mail: MailDevClient;
  /** The local secretariat login's password (infra/local/runtime.ts). */
  readonly secretariatPassword: string;
  /** The local Step Functions endpoint and the case workflow's ARN. */
  readonly sfn: { readonly endpoint: string; readonly stateMachineArn: string };
}

export interface RestartableTestRuntime extends TestRuntime {
  /** Ends the runtime process with `signal`; resolves with how it ended (exit code or signal). */
  kill(signal: NodeJS.Signals): Promise<string>;
  /** After `kill`: a fresh process on the same ports and state directory, so mailed links stay valid. */
  restart(): Promise<void>;
}

/**
 * The local runtime for one test file, started in beforeAll and closed in afterAll: one
 * runtime per file, because handlers read their configuration from process.env at import.
 * The handle is returned at once; its fields may be read once beforeAll has run.
 */
export function useTestRuntime(secondsPerDay: number, options: TestRuntimeOptions & { restartable: true }): RestartableTestRuntime;
export function useTestRuntime(secondsPerDay: number, options?: TestRuntimeOptions): TestRuntime;
export function useTestRuntime(secondsPerDay: number, options: TestRuntimeOptions = {}): RestartableTestRuntime {
  let config: RuntimeProcessConfig | undefined;
  let running: { runtime: Running; api: Api; mail: MailDevClient } | undefined;
  const start = async () => {
    if (!config) throw new Error('The test runtime has no configuration yet');
    const runtime = await (options.restartable ? startChildProcess(config) : startInProcess(config));
    running = { runtime, api: new Api(runtime.ready.app), mail: new MailDevClient(runtime.ready.maildev) };
  };
  const started = () => {
    if (!running) throw new Error('The test runtime is read before beforeAll started it');
    return running;
  };

  beforeAll(async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'beslutningsflyt-it-'));
    config = { ports: await freePorts(), stateDir, secondsPerDay, pollIntervalMs: 50 };
    await start();
  }, 120_000);
  afterAll(async () => {
    await running?.runtime.stop('SIGTERM');
    if (config) await rm(config.stateDir, { recursive: true, force: true });
  });
  if (options.emptyInboxBeforeEach) {
    beforeEach(async () => {
      await started().mail.deleteAll();
    });
  }

  return {
    get base() {
      return started().runtime.ready.app;
    },
    get api() {
      return started().api;
    },
    get mail() {
      return started().mail;
    },
    get secretariatPassword() {
      return started().runtime.ready.secretariatPassword;
    },
    get sfn() {
      const { ready } = started().runtime;
      return { endpoint: ready.sfn, stateMachineArn: ready.stateMachineArn };
    },
    kill: (signal) => started().runtime.stop(signal),
    restart: start,
  };
}

// ---------------------------------------------------------------------------------------------
// Polling

export async function poll<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (performance.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP API

export interface JsonResponse<T = unknown> {
  status: number;
  contentType: string;
  body: T;
}

export interface Submitted {
  caseId: string;
  caseNumber: string;
  nivaa: number;
  statusUrl: string;
}

export class Api {
  constructor(readonly base: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text === '' ? undefined : JSON.parse(text)) as T,
    };
  }

  /** POST /api/applications, expecting 201. */
  async submit(application: unknown, headers: Record<string, string> = {}): Promise<Submitted> {
    const response = await this.request<Submitted>('POST', '/api/applications', application, headers);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async getCase(caseId: string): Promise<CaseStatusView> {
    const response = await this.request<CaseStatusView>('GET', `/api/cases/${caseId}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  /** Polls GET /api/cases/{caseId} until the case has `status` (and `check` holds, if given). */
  waitForStatus(
    caseId: string,
    status: CaseStatus,
    options: { timeoutMs?: number; check?: (view: CaseStatusView) => boolean } = {},
  ): Promise<CaseStatusView> {
    return poll(
      `case ${caseId} to be ${status}`,
      () => this.getCase(caseId),
      (view) => view.status === status && (options.check?.(view) ?? true),
      { timeoutMs: options.timeoutMs ?? 15_000 },
    );
  }

  triage(caseId: string, body: unknown = { choice: 'confirm' }): Promise<JsonResponse> {
    return this.request('POST', `/api/secretariat/cases/${caseId}/triage`, body);
  }

  withdraw(caseId: string, body: unknown = {}): Promise<JsonResponse> {
    return this.request('POST', `/api/cases/${caseId}/withdraw`, body);
  }

  amend(caseId: string, application: unknown): Promise<JsonResponse> {
    return this.request('POST', `/api/cases/${caseId}/amendment`, application);
  }

  async journalSize(): Promise<number> {
    const response = await this.request<{ items: unknown[]; nextCursor?: string }>('GET', '/api/journal?limit=100');
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeUndefined();
    return response.body.items.length;
  }
}

/** The open step the case waits on, with its bodies (GET /api/cases/{id} currentStep). */
export function currentStep(view: CaseStatusView): { kind: string; bodies: BodyId[] } | null {
  return view.currentStep ? { kind: view.currentStep.kind, bodies: [...view.currentStep.bodies].sort() } : null;
}

// ---------------------------------------------------------------------------------------------
// Applications per path (Eierstrategi ch. 12 decision table)

const noGrant = exampleApplication().financing;

export const applications = {
  /** A functionality change to SvarUt within the agreed service price: nivå 3. */
  nivaa3: (contactEmail: string, title = 'Ny varslingsfunksjon i SvarUt'): Application =>
    exampleApplication({
      title,
      matter: { kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: true },
      financing: { ...noGrant, digifinGrant: { requested: false }, ownEffort: false, userFinanced: true },
      contactPerson: { name: 'Kari Eksempel', email: contactEmail, phone: '+4740000000' },
    }),
  /** A new service with state financing and no DigiFin grant: nivå 2 without the grant path. */
  nivaa2: (contactEmail: string, title = 'Felles løsning for digital byggesøknad'): Application =>
    exampleApplication({
      title,
      financing: { ...noGrant, digifinGrant: { requested: false }, stateFinancing: true },
      contactPerson: { name: 'Ola Eksempel', email: contactEmail, phone: '+4741000000' },
    }),
  /** A new delivery area: nivå 1. */
  nivaa1: (contactEmail: string, title = 'Nytt leveranseområde for velferdsteknologi'): Application =>
    exampleApplication({
      title,
      matter: { kind: 'new_delivery_area' },
      financing: { ...noGrant, digifinGrant: { requested: false } },
      contactPerson: { name: 'Per Eksempel', email: contactEmail, phone: '+4742000000' },
    }),
  /** A new service with a DigiFin grant: the grant path, then nivå 2. */
  grant: (contactEmail: string, title = 'DigiFin-prosjekt for digital byggesøknad'): Application =>
    exampleApplication({
      title,
      contactPerson: { name: 'Eva Eksempel', email: contactEmail, phone: '+4743000000' },
    }),
};

// ---------------------------------------------------------------------------------------------
// Roster addresses

/** Every member of a body (step notifications go to all of them), lower-cased. */
export function everyone(bodyId: BodyId, serviceId?: string): string[] {
  return councilFor(governance, bodyId, serviceId).members.map((m) => m.email.toLowerCase());
}

/** The members who answer for a body (action links: chair and members, not deputies or secretaries). */
export function voters(bodyId: BodyId, serviceId?: string): string[] {
  const council = councilFor(governance, bodyId, serviceId);
  // The secretariat has no decision rule: each of its members gets the link, the first answer counts.
  return (council.rule === null ? council.members : council.voting).map((m) => m.email.toLowerCase());
}

/** The chair of a body (breaks ties). */
export function chairOf(bodyId: BodyId, serviceId?: string): string {
  const council = councilFor(governance, bodyId, serviceId);
  const chair = council.members.find((m) => m.id === council.chairId);
  if (!chair) throw new Error(`${bodyId} has no chair in the roster`);
  return chair.email.toLowerCase();
}

export const SECRETARIAT = voters('sekretariat');

/** Applicant and secretariat: told when every step starts and ends. */
export function always(applicant: string): string[] {
  return [applicant, ...SECRETARIAT];
}

// ---------------------------------------------------------------------------------------------
// E-mail

export const EMAIL_KINDS = {
  receipt: 'email.receipt.subject',
  newCase: 'email.newCase.subject',
  escalation: 'email.escalation.subject',
  consultation: 'email.consultation.subject',
  decision: 'email.decision.subject',
  recommendation: 'email.recommendation.subject',
  amendment: 'email.amendment.subject',
  reminder: 'email.reminder.subject',
  stepStarted: 'email.stepStarted.subject',
  stepEnded: 'email.stepEnded.subject',
  deadlinePassed: 'email.deadlinePassed.subject',
  approved: 'email.final.subject.approved',
  refused: 'email.final.subject.refused',
  withdrawn: 'email.final.subject.withdrawn',
  failure: 'email.failure.subject',
} as const;
export type EmailKind = keyof typeof EMAIL_KINDS;

interface SubjectPattern {
  kind: EmailKind;
  regex: RegExp;
  /** Index of the capture group holding {caseNumber}. */
  caseNumberGroup: number;
}

/** Subject templates of every language, as patterns: the kind of a message is read from its subject. */
const SUBJECT_PATTERNS: SubjectPattern[] = (['nb', 'nn', 'en'] as const).flatMap((lang) =>
  (Object.entries(EMAIL_KINDS) as Array<[EmailKind, string]>).map(([kind, key]) => {
    const template = catalogFor(lang)[key];
    if (template === undefined) throw new Error(`No ${lang} template ${key}`);
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '(.+?)';
      })
      .join('');
    return { kind, regex: new RegExp(`^${source}$`, 'su'), caseNumberGroup: names.indexOf('caseNumber') + 1 };
  }),
);

export interface CaseEmail {
  id: string;
  kind: EmailKind;
  caseNumber: string;
  /** The one envelope recipient, lower-cased (every message goes to one person). */
  to: string;
  subject: string;
  text: string;
  /** Action links (…/handling/<token>) in the text part. */
  links: string[];
}

export function parseEmail(email: MailDevEmail): CaseEmail {
  const matches = SUBJECT_PATTERNS.filter((p) => p.regex.test(email.subject));
  const kinds = new Set(matches.map((m) => m.kind));
  if (kinds.size !== 1 || !matches[0]) throw new Error(`Cannot tell the kind of "${email.subject}" (${[...kinds].join(', ')})`);
  const { kind, regex, caseNumberGroup } = matches[0];
  const caseNumber = regex.exec(email.subject)?.[caseNumberGroup] ?? '';
  const recipients = email.envelope.to.map((to) => to.address.toLowerCase());
  if (recipients.length !== 1 || !recipients[0]) throw new Error(`Expected one recipient: ${recipients.join(', ')}`);
  const text = email.text ?? '';
  const links = [...text.matchAll(/https?:\/\/[^\s]+\/handling\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);
  return { id: email.id, kind, caseNumber, to: recipients[0], subject: email.subject, text, links };
}

/** Expected recipients per kind; a kind may list an address more than once (two messages). */
export type ExpectedMail = Partial<Record<EmailKind, readonly string[]>>;

function grouped(emails: readonly CaseEmail[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const email of emails) out[email.kind] = [...(out[email.kind] ?? []), email.to];
  for (const list of Object.values(out)) list.sort();
  return out;
}

function normalise(expected: ExpectedMail): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [kind, list] of Object.entries(expected)) {
    if (list && list.length > 0) out[kind] = list.map((a) => a.toLowerCase()).sort();
  }
  return out;
}

function contains(actual: Record<string, string[]>, expected: Record<string, string[]>): boolean {
  return Object.entries(expected).every(([kind, want]) => {
    const have = [...(actual[kind] ?? [])];
    return want.every((address) => {
      const at = have.indexOf(address);
      if (at < 0) return false;
      have.splice(at, 1);
      return true;
    });
  });
}

/**
 * The messages of one case, read in batches: each `expectNext` waits until the expected
 * messages have arrived and then asserts that the new messages are EXACTLY those (who got
 * what), so a message to a wrong or extra recipient fails the step where it was sent.
 */
export class CaseMailbox {
  private readonly seen = new Set<string>();

  constructor(
    private readonly mail: MailDevClient,
    readonly caseNumber: string,
  ) {}

  async all(): Promise<CaseEmail[]> {
    const emails = (await this.mail.listEmails()).map(parseEmail);
    return emails.filter((e) => e.caseNumber === this.caseNumber);
  }

  async unseen(): Promise<CaseEmail[]> {
    return (await this.all()).filter((e) => !this.seen.has(e.id));
  }

  /**
   * Waits for `expected` and asserts the new messages are exactly those. Kinds in `ignore`
   * (e.g. reminders whose timing a test cannot pin down) are consumed but not compared.
   * `soft` records a mismatch and lets the test go on (for a known product gap).
   */
  async expectNext(
    expected: ExpectedMail,
    {
      timeoutMs = 30_000,
      ignore = [],
      soft = false,
    }: { timeoutMs?: number; ignore?: readonly EmailKind[]; soft?: boolean } = {},
  ): Promise<CaseEmail[]> {
    const want = normalise(expected);
    const compared = (emails: CaseEmail[]) => grouped(emails.filter((e) => !ignore.includes(e.kind)));
    const deadline = performance.now() + timeoutMs;
    let fresh = await this.unseen();
    while (!contains(compared(fresh), want) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      fresh = await this.unseen();
    }
    (soft ? expect.soft : expect)(compared(fresh), `messages of case ${this.caseNumber}`).toEqual(want);
    for (const email of fresh) this.seen.add(email.id);
    return fresh;
  }

  /** Asserts that nothing new has arrived for the case (after a poll that saw the state settle). */
  async expectNothingNew(): Promise<void> {
    expect(grouped(await this.unseen()), `unexpected messages of case ${this.caseNumber}`).toEqual({});
  }
}

/** The single action link in the one message of `kind` to `address` in `emails`. */
export function linkFor(emails: readonly CaseEmail[], kind: EmailKind, address: string): string {
  const found = emails.filter((e) => e.kind === kind && e.to === address.toLowerCase());
  expect(found, `${kind} messages to ${address}`).toHaveLength(1);
  const links = found[0]?.links ?? [];
  expect(links, `action links in the ${kind} message to ${address}`).toHaveLength(1);
  return links[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Action links

export interface ActionPage {
  status: number;
  html: string;
  csrf: string | undefined;
  choices: string[];
}

export async function openAction(link: string): Promise<ActionPage> {
  const response = await fetch(link, { headers: { 'accept-language': 'nb' } });
  const html = await response.text();
  const csrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html)?.[1];
  const choices = [...html.matchAll(/<input[^>]*type="radio" name="choice"[^>]*value="([^"]+)"/g)].map((m) => m[1] ?? '');
  return { status: response.status, html, csrf, choices };
}

export async function postAction(link: string, form: Record<string, string>): Promise<{ status: number; html: string }> {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text() };
}

/** Clicks a link and answers like a person would: the choice must be offered on the page. */
export async function act(link: string, choice: string, comment?: string): Promise<void> {
  const page = await openAction(link);
  expect(page.status, page.html.slice(0, 500)).toBe(200);
  expect(page.choices).toContain(choice);
  expect(page.csrf).toBeDefined();
  const result = await postAction(link, { choice, csrf: page.csrf ?? '', ...(comment ? { comment } : {}) });
  expect(result.status, result.html.slice(0, 500)).toBe(200);
}

/** Each listed member answers `choice` through their own link in `emails`, in order. */
export async function answerAll(emails: readonly CaseEmail[], kind: EmailKind, members: readonly string[], choice: string): Promise<void> {
  for (const member of members) await act(linkFor(emails, kind, member), choice);
}

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * Submits `application` and waits for what every case starts with: the applicant's receipt,
 * the triage step's start and the secretariat's triage request (exactly those messages).
 */
export async function submitCase(runtime: TestRuntime, application: Application) {
  const submitted = await runtime.api.submit(application);
  const box = new CaseMailbox(runtime.mail, submitted.caseNumber);
  const applicant = application.contactPerson.email;
  const triage = await box.expectNext({ receipt: [applicant], stepStarted: always(applicant), newCase: SECRETARIAT });
  return { ...submitted, box, triage };
}
