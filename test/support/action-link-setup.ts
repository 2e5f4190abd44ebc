import { expect } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { hashToken } from '../../functions/adapters/crypto';
import { makeHandler as makeRecordHandler } from '../../functions/record-action';
import { makeHandler as makeShowHandler } from '../../functions/show-action';
import type { Case } from '../../shared/domain/case';
import type { BodyId, CaseStatus, Choice, Language, StepKind } from '../../shared/kernel/ids';
import { transition } from '../../shared/domain/lifecycle';
import { createStep, type StepRecord } from '../../shared/domain/step';
import { VOTING_ROLES } from '../../shared/domain/governance/schema';
import { governance } from '../../shared/domain/governance/load';
import { makeGovernanceRules } from '../../shared/use-cases/governance-rules';
import type { ActionPageDeps } from '../../shared/pages/action/flows';
import { type FakePorts, fakePorts } from './fakes';
import { exampleCase } from './fixtures/records';
import { httpEvent } from './http-events';

/** Shared set-up for the action-link handler tests (GET and POST /handling/{token}). */
export const BASE_URL = 'https://flyt.example.org';
export const CASE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
export const NOW = '2026-03-03T09:00:00.000Z';
export const DEADLINE = '2026-03-16T10:00:00.000Z';

export function setup() {
  const ports = fakePorts();
  ports.clock.set(NOW);
  const rules = makeGovernanceRules(governance, 86_400);
  const deps: ActionPageDeps = {
    ...ports,
    rules,
    hmacSha256Hex: (key, text) => hashToken(text, key),
    allowedOrigin: BASE_URL,
  };
  return { ports, rules, deps, show: makeShowHandler(deps), record: makeRecordHandler(deps) };
}
export type Setup = ReturnType<typeof setup>;

/** Voting members of a body in the shipped roster (brukerråd: the first service's). */
export function votingMembers(bodyId: BodyId): string[] {
  const council =
    bodyId === 'brukerrad' ? governance.services[0]?.brukerrad : governance.bodies.find((b) => b.id === bodyId);
  if (!council) throw new Error(`No ${bodyId} in the roster`);
  return council.members.filter((m) => VOTING_ROLES.includes(m.role)).map((m) => m.id);
}

/** exampleCase() moved along `path` and stored. */
export async function storeCase(ports: FakePorts, path: CaseStatus[] = ['triage', 'decision']): Promise<Case> {
  let c = exampleCase({ caseId: CASE_ID });
  let at = Date.parse(c.submittedAt);
  for (const status of path) {
    at += 60 * 60 * 1000;
    c = transition(c, status, { actor: { kind: 'system' }, at: new Date(at) });
  }
  await ports.cases.create(c);
  return c;
}

export interface StepOptions {
  stepId?: string;
  definitionId: string;
  kind: StepKind;
  bodyId: BodyId;
  /** Task token the workflow waits on for the unit (opened in the fake workflow). */
  taskToken?: string;
  /** Who the unit asks; default: the body's voting members. */
  memberIds?: string[];
  language?: Language;
}

/** One open step with one unit whose recipients are the body's voting members. */
export async function openStep(ports: FakePorts, options: StepOptions): Promise<StepRecord> {
  const step = createStep({
    caseId: CASE_ID,
    stepId: options.stepId ?? '002',
    definitionId: options.definitionId,
    kind: options.kind,
    startedAt: new Date('2026-03-02T10:00:00.000Z'),
    units: [
      {
        unitId: options.bodyId,
        bodyId: options.bodyId,
        remindersLeft: 1,
        deadline: DEADLINE,
        recipients: (options.memberIds ?? votingMembers(options.bodyId)).map((memberId) => ({
          memberId,
          language: options.language ?? 'nb',
        })),
      },
    ],
  });
  await ports.steps.create(step);
  if (options.taskToken === undefined) return step;
  ports.workflow.openTask(options.taskToken);
  return ports.steps.setUnitToken({ caseId: CASE_ID, stepId: step.stepId, unitId: options.bodyId }, options.taskToken);
}

export interface LinkOptions {
  step: StepRecord;
  memberId: string;
  choices: readonly Choice[];
  language?: Language;
  expiresAt?: string;
}

/** Stores an action token for a member (only its hash) and returns the raw token. */
export async function issueLink(ports: FakePorts, options: LinkOptions): Promise<string> {
  const raw = ports.ids.newToken();
  const unit = options.step.units[0]!;
  await ports.tokens.put({
    tokenHash: await ports.tokenHasher.hash(raw),
    caseId: options.step.caseId,
    stepId: options.step.stepId,
    unitId: unit.unitId,
    memberId: options.memberId,
    language: options.language ?? 'nb',
    allowedChoices: [...options.choices],
    createdAt: '2026-03-02T10:00:00.000Z',
    expiresAt: options.expiresAt ?? DEADLINE,
  });
  return raw;
}

export const DECISION_CHOICES = ['approve', 'reject', 'return'] as const;

/** A stored case whose daglig leder alone decides (task `task-1` waiting), and its member's link. */
export async function singleDeciderLink(language: Language = 'nb') {
  const s = setup();
  await storeCase(s.ports);
  const step = await openStep(s.ports, {
    definitionId: 'nivaa3.decision',
    kind: 'decision',
    bodyId: 'daglig_leder',
    taskToken: 'task-1',
  });
  const memberId = votingMembers('daglig_leder')[0]!;
  const raw = await issueLink(s.ports, { step, memberId, choices: DECISION_CHOICES, language });
  return { ...s, step, raw, memberId };
}

export function getEvent(raw: string, options: Parameters<typeof httpEvent>[2] = {}): APIGatewayProxyEventV2 {
  return httpEvent('GET /handling/{token}', `/handling/${raw}`, { ...options, pathParameters: { token: raw } });
}

export function postEvent(
  raw: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: BASE_URL },
): APIGatewayProxyEventV2 {
  return httpEvent('POST /handling/{token}', `/handling/${raw}`, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    pathParameters: { token: raw },
  });
}

export type PageResult = APIGatewayProxyStructuredResultV2 & { html: string };

export async function call(
  handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
  event: APIGatewayProxyEventV2,
): Promise<PageResult> {
  const result = await handler(event);
  return { ...result, html: String(result.body) };
}

/** The CSRF value the confirmation page embeds. */
export function csrfFrom(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF field on the page');
  return match[1];
}

/** GET the page, then POST the form from it (as a browser does). */
export async function answer(s: Setup, raw: string, fields: Record<string, string>): Promise<PageResult> {
  const page = await call(s.show, getEvent(raw));
  return call(s.record, postEvent(raw, { csrf: csrfFrom(page.html), ...fields }));
}

/** Everything the handlers could change: compared before and after to prove "no change". */
export async function snapshot(ports: FakePorts): Promise<string> {
  return JSON.stringify({
    cases: ports.cases.all(),
    tokens: ports.tokens.all(),
    steps: await ports.steps.listByCase(CASE_ID),
    completions: ports.workflow.completions,
    executions: [...ports.workflow.executions.entries()],
  });
}

export function expectPageHeaders(result: PageResult): void {
  const headers = result.headers ?? {};
  const csp = String(headers['content-security-policy']);
  for (const directive of [
    "default-src 'none'",
    "style-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(headers).toMatchObject({
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'content-type': 'text/html; charset=utf-8',
  });
}
