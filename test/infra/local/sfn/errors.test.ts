import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../infra/local/sfn';
import { fastClock, type Functions, lambdaTask, machine, parsed, run, startDynamo, startEngine, type TestDynamo, tokenTask } from '../../../support/sfn-harness';

let dynamo: TestDynamo;
let engine: Engine | undefined;

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

class CaseClosedError extends Error {
  override readonly name = 'CaseClosedError';
}

const failing = (error: () => Error, times = Number.POSITIVE_INFINITY) => {
  const calls: number[] = [];
  const invoker = async (payload: unknown) => {
    calls.push(Date.now());
    if (calls.length <= times) throw error();
    return { ok: payload };
  };
  return { calls, invoker };
};

describe('lambda:invoke', () => {
  it('returns {ExecutedVersion, Payload, StatusCode, SdkHttpMetadata…} as $states.result', async () => {
    engine = await startEngine(
      dynamo,
      machine({ T: { ...lambdaTask('Echo', { End: true }), Output: '{% $states.result %}' } }),
      { Echo: async (payload) => ({ echoed: payload }) },
    );
    const result = await run(engine, { a: 1 });
    const output = parsed(result.output) as Record<string, unknown>;
    expect(output.Payload).toEqual({ echoed: { a: 1 } });
    expect(output.StatusCode).toBe(200);
    expect(output.ExecutedVersion).toBe('$LATEST');
    expect(output.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200 });
  });

  it('a handler returning undefined gives Payload null', async () => {
    engine = await startEngine(dynamo, machine({ T: lambdaTask('Void', { End: true }) }), { Void: async () => undefined });
    expect(parsed((await run(engine, {})).output)).toBeNull();
  });

  it('passes a Lambda-like context (function name, request id, remaining time)', async () => {
    let seen: { functionName: string; awsRequestId: string; remaining: number; arn: string } | undefined;
    engine = await startEngine(dynamo, machine({ T: lambdaTask('Ctx', { End: true }) }), {
      Ctx: async (_payload, context) => {
        seen = { functionName: context.functionName, awsRequestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis(), arn: context.invokedFunctionArn };
        return null;
      },
    });
    await run(engine, {});
    expect(seen?.functionName).toBe('Ctx');
    expect(seen?.arn).toBe('arn:aws:lambda:eu-north-1:123456789012:function:Ctx');
    expect(seen?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen?.remaining).toBeGreaterThan(0);
  });

  it('a thrown error fails the task with error = error.name and cause = {errorMessage, errorType, trace}', async () => {
    engine = await startEngine(dynamo, machine({ T: lambdaTask('Boom', { End: true }) }), {
      Boom: async () => {
        throw new CaseClosedError('case 2026/0042 is closed');
      },
    });
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('CaseClosedError');
    const cause = JSON.parse(result.cause ?? '{}') as Record<string, unknown>;
    expect(cause).toMatchObject({ errorType: 'CaseClosedError', errorMessage: 'case 2026/0042 is closed' });
    expect(Array.isArray(cause.trace)).toBe(true);
  });

  it('a TypeError is reported as TypeError', async () => {
    engine = await startEngine(dynamo, machine({ T: lambdaTask('Bad', { End: true }) }), {
      Bad: async (payload) => (payload as { x: { y: number } }).x.y,
    });
    expect((await run(engine, {})).error).toBe('TypeError');
  });
});

describe('Retry', () => {
  it('retries MaxAttempts times with IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds', async () => {
    const clock = fastClock(10);
    const attempts: number[] = [];
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Flaky', {
          Retry: [{ ErrorEquals: ['CaseClosedError'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 10 }],
          End: true,
        }),
      }),
      {
        Flaky: async () => {
          attempts.push(clock.now().getTime());
          throw new CaseClosedError('again');
        },
      },
      { clock, pollIntervalMs: 5 },
    );
    const result = await run(engine, {}, undefined, 15_000);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('CaseClosedError');
    expect(attempts).toHaveLength(4); // the first attempt + MaxAttempts retries
    // Virtual seconds between attempts: 2, 6, then 18 capped at 10. Lower bounds are exact; upper
    // bounds only exclude the neighbouring values, leaving room for scheduling latency.
    const gaps = attempts.slice(1).map((t, i) => (t - (attempts[i] as number)) / 1000);
    expect(gaps[0]).toBeGreaterThanOrEqual(2);
    expect(gaps[0]).toBeLessThan(6);
    expect(gaps[1]).toBeGreaterThanOrEqual(6);
    expect(gaps[1]).toBeLessThan(10);
    expect(gaps[2]).toBeGreaterThanOrEqual(10);
    expect(gaps[2]).toBeLessThan(18);
  });

  it('succeeds when an attempt within MaxAttempts succeeds, and State.RetryCount counts retries', async () => {
    const flaky = failing(() => new CaseClosedError('once'), 2);
    let retryCounts: unknown[] = [];
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Flaky', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }], End: true }, {
          retry: '{% $states.context.State.RetryCount %}',
        }),
      }),
      {
        Flaky: async (p) => {
          retryCounts = [...retryCounts, (p as { retry: number }).retry];
          return flaky.invoker(p);
        },
      },
      { clock: fastClock(20), pollIntervalMs: 5 },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(retryCounts).toEqual([0, 1, 2]);
  });

  it('MaxAttempts 0 never retries; the first matching retrier decides even when exhausted', async () => {
    const flaky = failing(() => new CaseClosedError('x'));
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Flaky', {
          Retry: [
            { ErrorEquals: ['CaseClosedError'], MaxAttempts: 0 },
            { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5 },
          ],
          End: true,
        }),
      }),
      { Flaky: async (p) => flaky.invoker(p) },
    );
    expect((await run(engine, {})).error).toBe('CaseClosedError');
    expect(flaky.calls).toHaveLength(1);
  });
});

describe('Catch', () => {
  const boom: Functions = {
    Boom: async () => {
      throw new CaseClosedError('closed');
    },
  };

  it('uses the first matching catcher; Output and Assign see $states.errorOutput', async () => {
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Boom', {
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['CaseClosedError', 'States.TaskFailed'], Next: 'Handled', Output: { err: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' }, Assign: { why: '{% $parse($states.errorOutput.Cause).errorMessage %}' } },
            { ErrorEquals: ['States.ALL'], Next: 'Wrong' },
          ],
          End: true,
        }),
        Wrong: { Type: 'Fail', Error: 'WrongCatcher' },
        Handled: { Type: 'Pass', Output: { seen: '{% $states.input %}', why: '{% $why %}' }, End: true },
      }),
      boom,
    );
    const result = await run(engine, { n: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ seen: { err: 'CaseClosedError', input: { n: 1 } }, why: 'closed' });
  });

  it('without Output a catcher passes {Error, Cause}; States.ALL catches custom errors', async () => {
    engine = await startEngine(
      dynamo,
      machine({ T: lambdaTask('Boom', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], End: true }), Handled: { Type: 'Succeed' } }),
      boom,
    );
    const output = parsed((await run(engine, {})).output) as { Error: string; Cause: string };
    expect(output.Error).toBe('CaseClosedError');
    expect(JSON.parse(output.Cause)).toMatchObject({ errorMessage: 'closed' });
  });

  it("a JSONata error in a Task's Output is a States.QueryEvaluationError its own Catch can handle", async () => {
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Echo', { Output: '{% $states.result.Payload.missing %}', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], End: true }),
        Handled: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      }),
      { Echo: async (payload) => payload },
    );
    expect(parsed((await run(engine, {})).output)).toBe('States.QueryEvaluationError');
  });

  it('retries first, then catches', async () => {
    const flaky = failing(() => new CaseClosedError('x'));
    engine = await startEngine(
      dynamo,
      machine({
        T: lambdaTask('Flaky', {
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          End: true,
        }),
        Handled: { Type: 'Pass', Output: 'caught', End: true },
      }),
      { Flaky: async (p) => flaky.invoker(p) },
      { clock: fastClock(20), pollIntervalMs: 5 },
    );
    expect(parsed((await run(engine, {})).output)).toBe('caught');
    expect(flaky.calls).toHaveLength(2);
  });
});

describe('TimeoutSeconds and HeartbeatSeconds', () => {
  it('TimeoutSeconds as JSONata fails with States.Timeout; States.TaskFailed does not match it', async () => {
    engine = await startEngine(
      dynamo,
      machine({
        Wait: tokenTask('Sink', {
          TimeoutSeconds: '{% $states.input.waitSeconds %}',
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
            { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
          ],
          End: true,
        }),
        Wrong: { Type: 'Fail', Error: 'WrongCatcher' },
        TimedOut: { Type: 'Pass', End: true },
      }),
      { Sink: async () => ({}) },
    );
    const started = Date.now();
    const result = await run(engine, { waitSeconds: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toMatchObject({ Error: 'States.Timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a task timeout applies to a slow lambda:invoke too', async () => {
    engine = await startEngine(dynamo, machine({ T: lambdaTask('Slow', { TimeoutSeconds: 1, End: true }) }), {
      Slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), 1600)),
    });
    const result = await run(engine, {});
    expect(result.error).toBe('States.Timeout');
  });

  it('HeartbeatSeconds without heartbeats fails with States.HeartbeatTimeout', async () => {
    engine = await startEngine(
      dynamo,
      machine({ Wait: tokenTask('Sink', { HeartbeatSeconds: 1, TimeoutSeconds: 30, End: true }) }),
      { Sink: async () => ({}) },
    );
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.HeartbeatTimeout');
  });

  it('HeartbeatSeconds not smaller than TimeoutSeconds is a States.QueryEvaluationError', async () => {
    engine = await startEngine(
      dynamo,
      machine({ Wait: tokenTask('Sink', { HeartbeatSeconds: '{% 5 %}', TimeoutSeconds: 5, End: true }) }),
      { Sink: async () => ({}) },
    );
    expect((await run(engine, {})).error).toBe('States.QueryEvaluationError');
  });
});
