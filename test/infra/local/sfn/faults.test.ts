import { describe, expect, it } from 'vitest';
import { LAMBDA_SERVICE_ERRORS } from '../../../../infra/constructs/case-workflow';
import { createFaultInjector, type FaultInjector } from '../../../../infra/local/faults';
import type { Invoker } from '../../../../infra/local/sfn';
import { engineSuite, lambdaTask, machine, parsed, run, startEngine } from '../../../support/sfn-harness';

/**
 * BESLUTNINGSFLYT_FAULTS' lambda share in the engine: the Invoke call fails with a Lambda service
 * error before the handler runs, and the workflow's Retry on those errors (LAMBDA_RETRY) applies.
 */
const suite = engineSuite();

const MAX_ATTEMPTS = 3;
const definition = machine({
  Work: lambdaTask('work', {
    Retry: [{ ErrorEquals: [...LAMBDA_SERVICE_ERRORS], IntervalSeconds: 1, MaxAttempts: MAX_ATTEMPTS, JitterStrategy: 'FULL' }],
    End: true,
  }),
});
// FULL jitter with random() = 0: every retry is due at once, so the test needs no clock.
const noJitterWait = { random: () => 0 };

function countingHandler(): { calls: unknown[]; invoker: Invoker } {
  const calls: unknown[] = [];
  const invoker: Invoker = async (payload) => {
    calls.push(payload);
    return { done: true };
  };
  return { calls, invoker };
}

const lambdaShare = (share: number, seed = 5) => createFaultInjector({ shares: { dynamodb: 0, ses: 0, lambda: share }, seed });

async function taskFailures(executionArn: string): Promise<string[]> {
  const { events } = await suite.engine!.getExecutionHistory(executionArn, { maxResults: 1000 });
  return events
    .filter((event) => event.type === 'TaskFailed')
    .map((event) => (event.taskFailedEventDetails as { error: string }).error);
}

describe('Lambda faults in the local engine', () => {
  it('with lambda=1 the task fails with a Lambda service error, retried by the Retry, and the handler never runs', async () => {
    const work = countingHandler();
    suite.engine = await startEngine(suite.dynamo, definition, { work: work.invoker }, { ...noJitterWait, faults: lambdaShare(1) });
    const result = await run(suite.engine, { n: 1 });
    expect(result.status).toBe('FAILED');
    expect(['Lambda.TooManyRequestsException', 'Lambda.ServiceException']).toContain(result.error);
    expect(result.cause).toMatch(/Service: Lambda, Status Code: (429|500)/);
    const failures = await taskFailures(result.executionArn);
    // The first attempt and MaxAttempts retries, each a Lambda service error.
    expect(failures).toHaveLength(MAX_ATTEMPTS + 1);
    for (const error of failures) expect(['Lambda.TooManyRequestsException', 'Lambda.ServiceException']).toContain(error);
    expect(work.calls).toEqual([]);
  });

  it('a task whose invocations fail twice is retried and then runs its handler once', async () => {
    const work = countingHandler();
    let failuresLeft = 2;
    const twice: FaultInjector = {
      pick: (service, kinds) => (service === 'lambda' && failuresLeft-- > 0 ? kinds[0] : undefined),
    };
    suite.engine = await startEngine(suite.dynamo, definition, { work: work.invoker }, { ...noJitterWait, faults: twice });
    const result = await run(suite.engine, { n: 2 });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ done: true });
    expect(await taskFailures(result.executionArn)).toEqual(['Lambda.TooManyRequestsException', 'Lambda.TooManyRequestsException']);
    expect(work.calls).toEqual([{ n: 2 }]);
  });

  it('with lambda=0 no invocation fails', async () => {
    const work = countingHandler();
    suite.engine = await startEngine(suite.dynamo, definition, { work: work.invoker }, { ...noJitterWait, faults: lambdaShare(0) });
    for (let n = 0; n < 10; n += 1) expect((await run(suite.engine, { n })).status).toBe('SUCCEEDED');
    expect(work.calls).toHaveLength(10);
  });
});
