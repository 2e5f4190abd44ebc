import { describe, expect, it } from 'vitest';
import { AWS_LIMITS, type Engine, type EngineOptions, LAMBDA_TIMEOUT_ERROR, SfnApiError } from '../../../../infra/local/sfn';
import {
  fastClock,
  fnArn,
  type Functions,
  lambdaTask,
  MACHINE_ARN,
  machine,
  parsed,
  run,
  engineSuite,
  startEngine,
  TokenBox,
  tokenTask,
} from '../../../support/sfn-harness';

const suite = engineSuite();
let engine: Engine;

/** Starts the test's engine, replacing one it started before (the suite stops it after the test). */
async function startWith(definition: unknown, functions: Functions, options: Partial<EngineOptions> = {}): Promise<Engine> {
  await suite.engine?.stop();
  suite.engine = await startEngine(suite.dynamo, definition, functions, options);
  return suite.engine;
}

async function apiErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SfnApiError);
  return (error as SfnApiError).code;
}

const history = async (e: Engine, executionArn: string) => (await e.getExecutionHistory(executionArn, { maxResults: 1000 })).events;

/** `count` Pass states in a row: 1 + 2 × count + 1 events when it succeeds. */
function passChain(count: number): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count; i += 1) states[`P${i}`] = i === count - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `P${i + 1}` };
  return machine(states);
}

describe('AWS Standard workflow quotas', () => {
  it('defaults are AWS’s: 1 year, 25,000 events, 262,144 bytes', () => {
    expect(AWS_LIMITS).toEqual({ maxExecutionTimeSeconds: 31_536_000, maxExecutionHistoryEvents: 25_000, maxPayloadBytes: 262_144 });
  });
});

describe('maximum execution time (1 year)', () => {
  it('an execution still running after a year of the engine clock ends TIMED_OUT with States.Timeout', async () => {
    // 1 year passes in about 0.3 s of real time; the Wait would last two years.
    engine = await startWith(machine({ W: { Type: 'Wait', Seconds: 2 * 31_536_000, End: true } }), {}, { clock: fastClock(1e8) });
    const result = await run(engine, {});
    expect(result.status).toBe('TIMED_OUT');
    expect(result.error).toBe('States.Timeout');
    const lasted = (result.stopDate?.getTime() ?? 0) - result.startDate.getTime();
    expect(lasted).toBeGreaterThanOrEqual(31_536_000_000);
    expect(lasted).toBeLessThan(2 * 31_536_000_000);
    const events = await history(engine, result.executionArn);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } });
  });

  it('a smaller definition TimeoutSeconds still wins; a larger one is capped by the quota', async () => {
    engine = await startWith(machine({ W: { Type: 'Wait', Seconds: 60, End: true } }, { TimeoutSeconds: 30 }), {}, { limits: { maxExecutionTimeSeconds: 1 } });
    const capped = await run(engine, {});
    expect(capped.status).toBe('TIMED_OUT');
    expect(capped.cause).toMatch(/maximum execution time/);
    expect((capped.stopDate?.getTime() ?? 0) - capped.startDate.getTime()).toBeLessThan(30_000);
    engine = await startWith(machine({ W: { Type: 'Wait', Seconds: 60, End: true } }, { TimeoutSeconds: 1 }), {}, { limits: { maxExecutionTimeSeconds: 30 } });
    const own = await run(engine, {});
    expect(own.status).toBe('TIMED_OUT');
    expect(own.cause).toBe('The execution exceeded its TimeoutSeconds');
  });
});

describe('maximum execution history size (25,000 events)', () => {
  it('an execution whose last allowed event is ExecutionSucceeded succeeds', async () => {
    engine = await startWith(passChain(24), {}, { limits: { maxExecutionHistoryEvents: 50 } });
    const result = await run(engine, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(await history(engine, result.executionArn)).toHaveLength(50);
  });

  it('otherwise event number 25,000 is ExecutionFailed and the execution fails (no Catch helps)', async () => {
    engine = await startWith(passChain(25), {}, { limits: { maxExecutionHistoryEvents: 50 } });
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/maximum number of events in its history \(50\)/);
    const events = await history(engine, result.executionArn);
    expect(events).toHaveLength(50);
    expect(events.at(-1)).toMatchObject({ id: 50, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.Runtime' } });
  });

  it('a retry loop that never ends is stopped by the quota', async () => {
    let calls = 0;
    engine = await startWith(
      machine({
        T: lambdaTask('Flaky', {
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 99_999_999, BackoffRate: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          Next: 'Done',
        }),
        Done: { Type: 'Succeed' },
      }),
      {
        Flaky: async () => {
          calls += 1;
          throw new Error('down');
        },
      },
      { limits: { maxExecutionHistoryEvents: 30 }, clock: fastClock(50) },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(await history(engine, result.executionArn)).toHaveLength(30);
    expect(calls).toBeGreaterThan(3);
  });
});

describe('payload size (256 KiB of UTF-8)', () => {
  const oversized = 'ø'.repeat(140_000); // 140,000 characters, 280,000 bytes

  it('a Lambda result over the quota fails the task with States.DataLimitExceeded, which States.ALL does not catch', async () => {
    engine = await startWith(
      machine({
        T: lambdaTask('Big', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true }),
        Caught: { Type: 'Succeed' },
      }),
      { Big: async () => oversized },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
    const events = await history(engine, result.executionArn);
    expect(events.find((e) => e.type === 'TaskFailed')).toMatchObject({ taskFailedEventDetails: { error: 'States.DataLimitExceeded' } });
    expect(events.some((e) => e.type === 'TaskSucceeded')).toBe(false);
  });

  it('a catcher naming States.DataLimitExceeded catches it', async () => {
    engine = await startWith(
      machine({
        T: lambdaTask('Big', { Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], Next: 'Caught' }], End: true }),
        Caught: { Type: 'Pass', Output: { caught: '{% $states.input.Error %}' }, End: true },
      }),
      { Big: async () => oversized },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ caught: 'States.DataLimitExceeded' });
  });

  it('a state output over the quota fails with States.DataLimitExceeded; just under it passes', async () => {
    const fill = (bytes: number) => machine({ P: { Type: 'Pass', Output: `{% $pad('', ${bytes}, 'x') %}`, End: true } });
    engine = await startWith(fill(262_142), {});
    expect((await run(engine, {})).status).toBe('SUCCEEDED'); // 262,142 x plus two quotes: 262,144 bytes
    engine = await startWith(fill(262_143), {});
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
  });

  it('task Arguments over the quota (the state input after processing) fail with States.DataLimitExceeded', async () => {
    let called = false;
    engine = await startWith(machine({ T: lambdaTask('Echo', { End: true }, `{% $pad('', 300000, 'x') %}`) }), {
      Echo: async () => {
        called = true;
        return null;
      },
    });
    const result = await run(engine, {});
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(called).toBe(false);
  });

  it('SendTaskSuccess output and StartExecution input over 262,144 bytes are a ValidationException', async () => {
    const box = new TokenBox();
    engine = await startWith(machine({ Await: tokenTask('Sink', { End: true }) }), { Sink: box.invoker });
    expect(await apiErrorCode(engine.startExecution({ stateMachineArn: MACHINE_ARN, input: JSON.stringify(oversized) }))).toBe('ValidationException');
    const { executionArn } = await engine.startExecution({ stateMachineArn: MACHINE_ARN, input: '{}' });
    const { token } = await box.next();
    expect(await apiErrorCode(engine.sendTaskSuccess(token, JSON.stringify(oversized)))).toBe('ValidationException');
    const exactly = JSON.stringify('x'.repeat(262_142));
    await engine.sendTaskSuccess(token, exactly);
    const result = await engine.waitForExecution(executionArn);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toBe(exactly);
  });
});

describe('Lambda function Timeout', () => {
  it('a call running past the function’s Timeout fails with Sandbox.Timedout, which Retry handles', async () => {
    const durations = [1500, 0];
    let calls = 0;
    engine = await startWith(
      machine({
        T: lambdaTask('Slow', { Retry: [{ ErrorEquals: [LAMBDA_TIMEOUT_ERROR], IntervalSeconds: 1, MaxAttempts: 1 }], End: true }),
      }),
      {
        Slow: async () => {
          const ms = durations[calls] ?? 0;
          calls += 1;
          await new Promise((resolve) => setTimeout(resolve, ms));
          return { attempt: calls };
        },
      },
      { functionTimeouts: new Map([[fnArn('Slow'), 1]]) },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ attempt: 2 });
    const failed = (await history(engine, result.executionArn)).find((e) => e.type === 'TaskFailed') as
      | { taskFailedEventDetails: { error: string; cause: string } }
      | undefined;
    expect(failed?.taskFailedEventDetails.error).toBe('Sandbox.Timedout');
    expect(JSON.parse(failed?.taskFailedEventDetails.cause ?? '{}')).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/),
    });
  });

  it('without Retry the timed-out task fails the execution; a function without a Timeout gets Lambda’s 3 s', async () => {
    engine = await startWith(
      machine({ T: lambdaTask('Slow', { End: true }) }),
      { Slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), 3500)) },
    );
    const started = Date.now();
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Sandbox.Timedout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});
