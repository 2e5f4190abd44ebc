import aslValidator from 'asl-validator';
import { Match } from 'aws-cdk-lib/assertions';
import jsonata from 'jsonata';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_SERVICE_ERRORS } from '../../infra/constructs/case-workflow';
import {
  AdvanceInputSchema,
  CASE_WITHDRAWN_ERROR,
  NotifyFailureInputSchema,
  STATE_NAMES,
  StartUnitInputSchema,
  type StepUnit,
  TRANSIENT_ERROR,
  UnitResultSchema,
  UnitTimeoutInputSchema,
} from '../../shared/workflow/contract';
import { type Json, resourcesOfType, type Synthesized, synthesizeApp } from '../support/synth';

type State = Record<string, Json> & { Type: string };
interface Definition {
  StartAt: string;
  QueryLanguage?: string;
  States: Record<string, State>;
}

let s: Synthesized;
let definition: Definition;

/** Replaces the intrinsics CDK puts in DefinitionString with fake but well-formed values. */
function resolve(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('Fn::Join' in value) {
      const [sep, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map(resolve).join(sep);
    }
    if ('Fn::GetAtt' in value) {
      const [id] = value['Fn::GetAtt'] as [string];
      return `arn:aws:lambda:eu-north-1:123456789012:function:${id}`;
    }
    if ('Ref' in value) {
      const refs: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-north-1', 'AWS::AccountId': '123456789012' };
      const ref = refs[String(value.Ref)];
      if (ref) return ref;
    }
  }
  throw new Error(`unexpected intrinsic in the definition: ${JSON.stringify(value)}`);
}

/** All states, including those inside Map item processors. */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => {
    const processor = state.ItemProcessor as unknown as Definition | undefined;
    return [[name, state] as [string, State], ...(processor ? allStates(processor.States) : [])];
  });
}
const state = (name: string): State => {
  const found = allStates(definition.States).find(([n]) => n === name)?.[1];
  if (!found) throw new Error(`no state ${name}`);
  return found;
};

/** Evaluates a `{% … %}` field the way Step Functions does, with $states bound. */
async function evaluate(field: Json | undefined, states: Record<string, unknown>): Promise<unknown> {
  if (typeof field === 'string') {
    const match = /^\{%([\s\S]*)%\}$/.exec(field);
    if (!match?.[1]) return field;
    return jsonata(match[1]).evaluate({}, { states });
  }
  if (field && typeof field === 'object' && !Array.isArray(field)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(field)) out[key] = await evaluate(value, states);
    return out;
  }
  return field;
}

const unit: StepUnit = {
  caseId: 'c1',
  stepId: 'STEP#001',
  unitId: 'u1',
  bodyId: 'styret',
  kind: 'decision',
  waitSeconds: 3600,
  remindersLeft: 2,
  deadline: '2026-12-01T12:00:00.000Z',
};

beforeAll(() => {
  s = synthesizeApp();
  const [, sm] = resourcesOfType(s.appResources, 'AWS::StepFunctions::StateMachine')[0] ?? [];
  definition = JSON.parse(resolve(sm?.Properties?.DefinitionString ?? null)) as Definition;
});

describe('state machine resource', () => {
  it('is a Standard workflow with X-Ray tracing and logging without execution data', () => {
    s.appTemplate.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    s.appTemplate.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      StateMachineName: 'Beslutningsflyt-App-case-workflow',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ IncludeExecutionData: false, Level: 'ALL' }),
    });
  });
});

describe('definition', () => {
  it('passes asl-validator with intrinsics resolved', () => {
    const result = aslValidator(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is JSONata and has exactly the contract states, starting at Advance', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(definition.StartAt).toBe(STATE_NAMES.advance);
    expect(allStates(definition.States).map(([n]) => n).sort()).toEqual(Object.values(STATE_NAMES).sort());
  });

  it('wires the loop as the contract describes', () => {
    expect(state(STATE_NAMES.advance).Next).toBe(STATE_NAMES.isDone);
    expect(state(STATE_NAMES.isDone)).toMatchObject({
      Choices: [{ Next: STATE_NAMES.finished }],
      Default: STATE_NAMES.runStep,
    });
    expect(state(STATE_NAMES.runStep)).toMatchObject({ Type: 'Map', Next: STATE_NAMES.advance });
    expect(state(STATE_NAMES.runStep).ItemProcessor).toMatchObject({ StartAt: STATE_NAMES.awaitUnit });
    expect(state(STATE_NAMES.unitTimedOut).Next).toBe(STATE_NAMES.remindOrClose);
    expect(state(STATE_NAMES.remindOrClose).Choices).toEqual([
      { Condition: expect.stringContaining('"wait"'), Next: STATE_NAMES.awaitUnit },
      { Condition: expect.stringContaining('"closed"'), Next: STATE_NAMES.unitDone },
    ]);
    expect(state(STATE_NAMES.notifyFailure).Next).toBe(STATE_NAMES.failed);
    expect(state(STATE_NAMES.failed).Type).toBe('Fail');
    expect(state(STATE_NAMES.finished).Type).toBe('Succeed');
    expect(state(STATE_NAMES.unitDone).Type).toBe('Succeed');
  });

  it('gives every waitForTaskToken state a TimeoutSeconds and a Catch on States.Timeout', () => {
    const callbacks = allStates(definition.States).filter(([, st]) => String(st.Resource).endsWith('.waitForTaskToken'));
    expect(callbacks.map(([n]) => n)).toEqual([STATE_NAMES.awaitUnit]);
    for (const [, st] of callbacks) {
      expect(st.TimeoutSeconds).toBe('{% $states.input.waitSeconds %}');
      const catchers = st.Catch as { ErrorEquals: string[]; Next: string }[];
      expect(catchers).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: STATE_NAMES.unitTimedOut }));
      expect(catchers).toContainEqual(expect.objectContaining({ ErrorEquals: [CASE_WITHDRAWN_ERROR], Next: STATE_NAMES.unitDone }));
    }
  });

  it('retries Lambda service errors with backoff in every Lambda task', () => {
    const tasks = allStates(definition.States).filter(([, st]) => st.Type === 'Task');
    expect(tasks).toHaveLength(4);
    for (const [name, st] of tasks) {
      expect(String(st.Resource), name).toMatch(/^arn:aws:states:::lambda:invoke/);
      const retry = (st.Retry as { ErrorEquals: string[]; BackoffRate: number; MaxAttempts: number }[])[0];
      expect(retry?.ErrorEquals.sort(), name).toEqual([...LAMBDA_SERVICE_ERRORS].sort());
      expect(retry?.BackoffRate, name).toBeGreaterThan(1);
      expect(retry?.MaxAttempts, name).toBeGreaterThanOrEqual(3);
    }
  });

  it('retries transient handler errors with capped, fully jittered backoff in every Lambda task, NotifyFailure too', () => {
    const tasks = allStates(definition.States).filter(([, st]) => st.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(
      [STATE_NAMES.advance, STATE_NAMES.awaitUnit, STATE_NAMES.unitTimedOut, STATE_NAMES.notifyFailure].sort(),
    );
    for (const [name, st] of tasks) {
      const retriers = st.Retry as { ErrorEquals: string[] }[];
      // A retrier of its own: a transient error must not use up the Lambda service retries.
      const transient = retriers.filter((r) => r.ErrorEquals.includes(TRANSIENT_ERROR));
      expect(transient, name).toHaveLength(1);
      const matched = Match.objectLike({
        ErrorEquals: [TRANSIENT_ERROR],
        IntervalSeconds: 2,
        BackoffRate: 2,
        MaxAttempts: 6,
        MaxDelaySeconds: 60,
        JitterStrategy: 'FULL',
      }).test(transient[0]);
      expect(matched.toHumanStrings(), name).toEqual([]);
      // Nothing retries States.ALL, so permanent errors go straight on to the Catch.
      for (const r of retriers) expect(r.ErrorEquals, name).not.toContain('States.ALL');
    }
  });

  it('sends every failure of Advance or of a step to NotifyFailure', () => {
    for (const name of [STATE_NAMES.advance, STATE_NAMES.runStep]) {
      expect(state(name).Catch, name).toContainEqual(
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: STATE_NAMES.notifyFailure }),
      );
    }
  });
});

describe('data passed between states (JSONata evaluated)', () => {
  const payload = (name: string) => (state(name).Arguments as Record<string, Json>).Payload ?? null;

  it('starts Advance with completed null and continues it with the step results', async () => {
    const first = await evaluate(payload(STATE_NAMES.advance), { input: { caseId: 'c1' } });
    expect(AdvanceInputSchema.parse(first)).toEqual({ caseId: 'c1', completed: null });

    const stepInput = { done: false, caseId: 'c1', step: { stepId: 'STEP#001', kind: 'decision', units: [unit] } };
    const results = [{ unitId: 'u1', outcome: 'approve' }];
    expect(await evaluate(state(STATE_NAMES.runStep).Items ?? null, { input: stepInput })).toEqual([unit]);
    const mapOutput = await evaluate(state(STATE_NAMES.runStep).Output ?? null, { input: stepInput, result: results });
    const next = await evaluate(payload(STATE_NAMES.advance), { input: mapOutput });
    expect(AdvanceInputSchema.parse(next)).toEqual({ caseId: 'c1', completed: { stepId: 'STEP#001', results } });
    expect(await evaluate(state(STATE_NAMES.advance).Output ?? null, { result: { Payload: { done: true } } })).toEqual({ done: true });
  });

  it('gives start-step-unit the unit and the task token, and outputs the UnitResult it is sent', async () => {
    const args = await evaluate(payload(STATE_NAMES.awaitUnit), { input: unit, context: { Task: { Token: 'tok' } } });
    expect(StartUnitInputSchema.parse(args)).toEqual({ unit, taskToken: 'tok' });
    const result = { unitId: 'u1', outcome: 'support' };
    expect(await evaluate(state(STATE_NAMES.awaitUnit).Output ?? null, { input: unit, result })).toEqual(result);
    expect(await evaluate(state(STATE_NAMES.awaitUnit).TimeoutSeconds ?? null, { input: unit })).toBe(3600);
  });

  it('turns a timeout into UnitTimeoutInput and a withdrawal into a withdrawn UnitResult', async () => {
    const catchers = state(STATE_NAMES.awaitUnit).Catch as { ErrorEquals: string[]; Output: string }[];
    const onTimeout = catchers.find((c) => c.ErrorEquals.includes('States.Timeout'));
    const timedOut = await evaluate(onTimeout?.Output ?? null, { input: unit, errorOutput: { Error: 'States.Timeout' } });
    expect(UnitTimeoutInputSchema.parse(timedOut)).toEqual({ unit });
    expect(await evaluate(payload(STATE_NAMES.unitTimedOut), { input: timedOut })).toEqual({ unit });

    const onWithdrawn = catchers.find((c) => c.ErrorEquals.includes(CASE_WITHDRAWN_ERROR));
    const withdrawn = await evaluate(onWithdrawn?.Output ?? null, { input: unit, errorOutput: { Error: CASE_WITHDRAWN_ERROR } });
    expect(UnitResultSchema.parse(withdrawn)).toEqual({ unitId: 'u1', outcome: 'withdrawn' });
  });

  it('waits again with the new unit or closes with the result', async () => {
    const choice = state(STATE_NAMES.remindOrClose);
    const conditions = (choice.Choices as { Condition: string }[]).map((c) => c.Condition);
    const again = { ...unit, remindersLeft: 1 };
    const waitOut = { action: 'wait', unit: again };
    expect(await Promise.all(conditions.map((c) => evaluate(c, { input: waitOut })))).toEqual([true, false]);
    expect(await evaluate(choice.Output ?? null, { input: waitOut })).toEqual(again);

    const closedOut = { action: 'closed', result: { unitId: 'u1', outcome: 'no_answer' } };
    expect(await Promise.all(conditions.map((c) => evaluate(c, { input: closedOut })))).toEqual([false, true]);
    expect(await evaluate(choice.Output ?? null, { input: closedOut })).toEqual(closedOut.result);
  });

  it('hands NotifyFailure the case and the error', async () => {
    const catcher = (state(STATE_NAMES.advance).Catch as { Output: string }[])[0];
    const input = await evaluate(catcher?.Output ?? null, {
      input: { caseId: 'c1', completed: null },
      errorOutput: { Error: 'Lambda.Unknown', Cause: 'boom' },
    });
    expect(NotifyFailureInputSchema.parse(input)).toEqual({ caseId: 'c1', error: 'Lambda.Unknown', cause: 'boom' });
    const withoutCause = await evaluate(catcher?.Output ?? null, { input: { caseId: 'c1' }, errorOutput: { Error: 'X' } });
    expect(NotifyFailureInputSchema.parse(withoutCause)).toEqual({ caseId: 'c1', error: 'X' });
    expect(await evaluate(payload(STATE_NAMES.notifyFailure), { input })).toEqual(input);
  });
});
