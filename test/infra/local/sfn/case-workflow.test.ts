import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaseWorkflow, WORKFLOW_FAILED_ERROR } from '../../../../infra/constructs/case-workflow';
import type { Engine, Invoker } from '../../../../infra/local/sfn';
import {
  type AdvanceInput,
  type AdvanceOutput,
  CASE_WITHDRAWN_ERROR,
  type StartUnitInput,
  type StepUnit,
  TRANSIENT_ERROR,
  type UnitTimeoutInput,
  type UnitTimeoutOutput,
} from '../../../../shared/workflow/contract';
import { FUNCTIONS } from '../../../../shared/config/deployment';
import { VersionConflictError } from '../../../../shared/errors';
import { EmailSendError } from '../../../../functions/adapters/ses-mailer';
import { classifyTaskError } from '../../../../functions/task';
import { ACCOUNT, MACHINE_ARN, parsed, REGION, startDynamo, startEngine, type TestDynamo } from '../../../support/sfn-harness';

/**
 * The project's own workflow (infra/constructs/case-workflow.ts), synthesized by CDK, run by the
 * engine with stand-in handlers that follow shared/workflow/contract.ts.
 */
const arnOf = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

function synthesizedDefinition(): unknown {
  const app = new App();
  const stack = new Stack(app, 'Probe', { env: { account: ACCOUNT, region: REGION } });
  const fn = (id: string, name: string) => LambdaFunction.fromFunctionArn(stack, id, arnOf(name));
  const workflow = new CaseWorkflow(stack, 'Workflow', {
    functions: {
      advanceCase: fn('Advance', FUNCTIONS.advanceCase),
      startStepUnit: fn('StartUnit', FUNCTIONS.startStepUnit),
      handleUnitTimeout: fn('UnitTimeout', FUNCTIONS.handleUnitTimeout),
      notifyFailure: fn('NotifyFailure', FUNCTIONS.notifyFailure),
    },
  });
  const cfn = workflow.stateMachine.node.defaultChild as CfnStateMachine;
  const resolved = stack.resolve(cfn.definitionString) as unknown;
  // Only Ref AWS::Partition is left once the function ARNs are literals.
  const join = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const record = value as Record<string, unknown>;
    if (record.Ref === 'AWS::Partition') return 'aws';
    const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
    return parts.map(join).join(separator);
  };
  return JSON.parse(join(resolved));
}

const unit = (unitId: string, waitSeconds: number, remindersLeft: number): StepUnit => ({
  caseId: 'c-1',
  stepId: 's-1',
  unitId,
  bodyId: 'styret',
  kind: 'consultation',
  waitSeconds,
  remindersLeft,
  deadline: '2030-01-01T00:00:00.000Z',
});

class Handlers {
  readonly advanceCalls: AdvanceInput[] = [];
  readonly started: StartUnitInput[] = [];
  readonly timeouts: UnitTimeoutInput[] = [];
  readonly failures: unknown[] = [];
  advanceError: Error | undefined;
  /** Thrown (classified as the task handlers do) by the next calls of Advance / NotifyFailure. */
  advanceFailures: Error[] = [];
  notifyFailures: Error[] = [];
  units: StepUnit[] = [unit('u-1', 1, 1), unit('u-2', 30, 0)];

  invokers(): Map<string, Invoker> {
    return new Map<string, Invoker>([
      [
        arnOf(FUNCTIONS.advanceCase),
        async (payload) => {
          const input = payload as AdvanceInput;
          this.advanceCalls.push(input);
          if (this.advanceError) throw this.advanceError;
          const failure = this.advanceFailures.shift();
          if (failure) throw classifyTaskError(failure);
          const output: AdvanceOutput = input.completed
            ? { done: true, caseId: input.caseId, status: 'approved' }
            : { done: false, caseId: input.caseId, step: { stepId: 's-1', kind: 'consultation', units: this.units } };
          return output;
        },
      ],
      [
        arnOf(FUNCTIONS.startStepUnit),
        async (payload) => {
          this.started.push(payload as StartUnitInput);
          return { stored: true };
        },
      ],
      [
        arnOf(FUNCTIONS.handleUnitTimeout),
        async (payload) => {
          const input = payload as UnitTimeoutInput;
          this.timeouts.push(input);
          const output: UnitTimeoutOutput =
            input.unit.remindersLeft > 0
              ? { action: 'wait', unit: { ...input.unit, remindersLeft: input.unit.remindersLeft - 1 } }
              : { action: 'closed', result: { unitId: input.unit.unitId, outcome: 'no_answer' } };
          return output;
        },
      ],
      [
        arnOf(FUNCTIONS.notifyFailure),
        async (payload) => {
          this.failures.push(payload);
          const failure = this.notifyFailures.shift();
          if (failure) throw classifyTaskError(failure);
          return null;
        },
      ],
    ]);
  }

  async waitForStarted(count: number): Promise<void> {
    for (let i = 0; i < 500 && this.started.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(this.started.length).toBeGreaterThanOrEqual(count);
  }

  tokenFor(unitId: string, nth = 0): string {
    return (this.started.filter((s) => s.unit.unitId === unitId)[nth] as StartUnitInput).taskToken;
  }
}

let dynamo: TestDynamo;
let engine: Engine | undefined;
let definition: unknown;

beforeAll(async () => {
  dynamo = await startDynamo();
  definition = synthesizedDefinition();
});
afterAll(async () => {
  await dynamo.close();
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

const start = (e: Engine, name: string) => e.startExecution({ stateMachineArn: MACHINE_ARN, name, input: JSON.stringify({ caseId: 'c-1' }) });

describe('the synthesized case workflow', () => {
  it('runs a step: one unit answered, one reminded once then closed; Advance gets results in unit order', async () => {
    const handlers = new Handlers();
    engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()));
    const { executionArn } = await start(engine, 'case-happy');
    await handlers.waitForStarted(2);
    await engine.sendTaskSuccess(handlers.tokenFor('u-2'), JSON.stringify({ unitId: 'u-2', outcome: 'support' }));

    const result = await engine.waitForExecution(executionArn, 8000);
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ done: true, caseId: 'c-1', status: 'approved' });
    expect(handlers.advanceCalls).toEqual([
      { caseId: 'c-1', completed: null },
      {
        caseId: 'c-1',
        completed: { stepId: 's-1', results: [{ unitId: 'u-1', outcome: 'no_answer' }, { unitId: 'u-2', outcome: 'support' }] },
      },
    ]);
    // u-1 waited twice (reminder round, then the final deadline), each time with a new token.
    expect(handlers.timeouts.map((t) => t.unit.remindersLeft)).toEqual([1, 0]);
    const u1Tokens = handlers.started.filter((s) => s.unit.unitId === 'u-1').map((s) => s.taskToken);
    expect(u1Tokens).toHaveLength(2);
    expect(new Set(u1Tokens).size).toBe(2);
    await expect(engine.sendTaskSuccess(u1Tokens[0] as string, '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
  });

  it('a withdrawn case: SendTaskFailure with the withdrawal error closes the unit as withdrawn', async () => {
    const handlers = new Handlers();
    handlers.units = [unit('u-9', 30, 0)];
    engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()));
    const { executionArn } = await start(engine, 'case-withdrawn');
    await handlers.waitForStarted(1);
    await engine.sendTaskFailure(handlers.tokenFor('u-9'), CASE_WITHDRAWN_ERROR, 'withdrawn by applicant');
    await engine.waitForExecution(executionArn);
    expect(handlers.advanceCalls[1]?.completed?.results).toEqual([{ unitId: 'u-9', outcome: 'withdrawn' }]);
  });

  it('a failing Advance notifies the secretariat and ends in Failed', async () => {
    const handlers = new Handlers();
    handlers.advanceError = Object.assign(new Error('table missing'), { name: 'PersistenceError' });
    engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()));
    const { executionArn } = await start(engine, 'case-broken');
    const result = await engine.waitForExecution(executionArn);
    expect(result).toMatchObject({ status: 'FAILED', error: WORKFLOW_FAILED_ERROR });
    expect(handlers.advanceCalls).toHaveLength(1); // not a Lambda service error: no retry
    expect(handlers.failures).toHaveLength(1);
    const failure = handlers.failures[0] as { caseId: string; error: string; cause: string };
    expect(failure.caseId).toBe('c-1');
    expect(failure.error).toBe('PersistenceError');
    expect(JSON.parse(failure.cause)).toMatchObject({ errorMessage: 'table missing' });
  });

  describe('transient handler errors', () => {
    // FULL jitter with random() = 0: every retry is due at once, so the test needs no clock.
    const noJitterWait = { random: () => 0 };
    const sesThrottle = () =>
      new EmailSendError('SES SendEmail failed', { cause: Object.assign(new Error('rate'), { name: 'TooManyRequestsException' }) });

    it('an Advance failing twice with a transient error, then succeeding, completes the case without NotifyFailure', async () => {
      const handlers = new Handlers();
      handlers.units = [unit('u-1', 30, 0)];
      handlers.advanceFailures = [new VersionConflictError('Case was changed concurrently', 1), sesThrottle()];
      engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()), noJitterWait);
      const { executionArn } = await start(engine, 'case-transient');
      await handlers.waitForStarted(1);
      await engine.sendTaskSuccess(handlers.tokenFor('u-1'), JSON.stringify({ unitId: 'u-1', outcome: 'support' }));

      const result = await engine.waitForExecution(executionArn, 8000);
      expect(result.status).toBe('SUCCEEDED');
      expect(handlers.advanceCalls.map((c) => c.completed)).toEqual([
        null,
        null,
        null,
        { stepId: 's-1', results: [{ unitId: 'u-1', outcome: 'support' }] },
      ]);
      expect(handlers.failures).toEqual([]);
    });

    it('a transient error that outlasts the retries still reaches NotifyFailure, under the transient name', async () => {
      const handlers = new Handlers();
      handlers.advanceFailures = Array.from({ length: 7 }, sesThrottle);
      engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()), noJitterWait);
      const { executionArn } = await start(engine, 'case-transient-exhausted');
      const result = await engine.waitForExecution(executionArn, 8000);
      expect(result).toMatchObject({ status: 'FAILED', error: WORKFLOW_FAILED_ERROR });
      expect(handlers.advanceCalls).toHaveLength(7); // the first attempt and MaxAttempts (6) retries
      expect(handlers.failures).toHaveLength(1);
      expect((handlers.failures[0] as { error: string }).error).toBe(TRANSIENT_ERROR);
    });

    it('NotifyFailure retries a transient SES failure until the secretariat is told', async () => {
      const handlers = new Handlers();
      handlers.advanceError = Object.assign(new Error('table missing'), { name: 'PersistenceError' });
      handlers.notifyFailures = [sesThrottle(), sesThrottle()];
      engine = await startEngine(dynamo, definition, Object.fromEntries(handlers.invokers()), noJitterWait);
      const { executionArn } = await start(engine, 'case-notify-transient');
      const result = await engine.waitForExecution(executionArn, 8000);
      expect(result).toMatchObject({ status: 'FAILED', error: WORKFLOW_FAILED_ERROR });
      expect(handlers.failures).toHaveLength(3);
      expect(handlers.notifyFailures).toEqual([]);
    });
  });
});
