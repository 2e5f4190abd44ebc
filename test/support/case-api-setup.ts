import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Case } from '../../shared/domain/case';
import type { CaseStatus } from '../../shared/kernel/ids';
import { transition } from '../../shared/domain/lifecycle';
import { createStep, type NewStepInput, type StepRecord } from '../../shared/domain/step';
import type { FakePorts } from './fakes';
import { exampleCase } from './fixtures/records';

/** Shared set-up for the case API handler tests: cases moved along the lifecycle, open steps. */
export const CASE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
export const UNKNOWN_CASE_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbb';

const SYSTEM = { kind: 'system' } as const;

/** exampleCase() moved through `path` (each a legal transition), an hour apart. */
export function caseThrough(path: CaseStatus[], options: Parameters<typeof exampleCase>[0] = {}): Case {
  let c = exampleCase({ caseId: CASE_ID, ...options });
  let at = Date.parse(c.submittedAt);
  for (const status of path) {
    at += 60 * 60 * 1000;
    c = transition(c, status, { actor: SYSTEM, at: new Date(at) });
  }
  return c;
}

export async function storeCase(ports: FakePorts, path: CaseStatus[], options: Parameters<typeof exampleCase>[0] = {}) {
  const c = caseThrough(path, options);
  await ports.cases.create(c);
  return c;
}

export interface OpenStepOptions extends Partial<Omit<NewStepInput, 'units'>> {
  units?: NewStepInput['units'];
  /** unitId → task token the workflow waits on (stored on the unit, opened in the fake). */
  tokens?: Record<string, string>;
}

/** Stores an open step (default: one secretariat unit) and the tokens its units wait with. */
export async function openStep(ports: FakePorts, options: OpenStepOptions = {}): Promise<StepRecord> {
  const { tokens = {}, ...input } = options;
  const step = createStep({
    caseId: CASE_ID,
    stepId: '001',
    definitionId: 'triage',
    kind: 'triage',
    startedAt: new Date('2026-03-02T12:00:00.000Z'),
    units: [
      {
        unitId: 'sekretariat',
        bodyId: 'sekretariat',
        remindersLeft: 1,
        deadline: '2026-03-09T12:00:00.000Z',
        recipients: [{ memberId: 'secretariat', language: 'nb' }],
      },
    ],
    ...input,
  });
  await ports.steps.create(step);
  let stored = step;
  for (const [unitId, token] of Object.entries(tokens)) {
    stored = await ports.steps.setUnitToken({ caseId: step.caseId, stepId: step.stepId, unitId }, token);
    ports.workflow.openTask(token);
  }
  return stored;
}

export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Calls a handler and parses its JSON body. */
export async function call(handler: ApiHandler, event: APIGatewayProxyEventV2) {
  const result = await handler(event);
  const text = String(result.body);
  return { ...result, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** The field errors of a 400 problem, as pointers. */
export function pointers(json: Record<string, unknown>): string[] {
  return ((json.errors ?? []) as Array<{ pointer: string }>).map((e) => e.pointer);
}
