import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, SfnApiError } from '../../../../infra/local/sfn';
import { machine, parsed, run, sleep, startDynamo, startEngine, type TestDynamo, TokenBox, tokenTask, MACHINE_ARN } from '../../../support/sfn-harness';

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

async function expectApiError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SfnApiError);
  expect((error as SfnApiError).code).toBe(code);
}

const start = (e: Engine, input: unknown) => e.startExecution({ stateMachineArn: MACHINE_ARN, input: JSON.stringify(input) });

describe('waitForTaskToken', () => {
  it('SendTaskSuccess output becomes $states.result; the Lambda return value is ignored', async () => {
    const box = new TokenBox();
    engine = await startEngine(dynamo, machine({ Await: tokenTask('Sink', { Output: { got: '{% $states.result %}' }, End: true }) }), { Sink: box.invoker });
    const { executionArn } = await start(engine, { unit: 'u1' });
    const { input, token } = await box.next();
    expect(input).toEqual({ unit: 'u1' });
    await engine.sendTaskSuccess(token, JSON.stringify({ outcome: 'approved' }));
    const result = await engine.waitForExecution(executionArn);
    expect(parsed(result.output)).toEqual({ got: { outcome: 'approved' } });
  });

  it('SendTaskFailure error/cause go to Catch', async () => {
    const box = new TokenBox();
    engine = await startEngine(
      dynamo,
      machine({
        Await: tokenTask('Sink', { Catch: [{ ErrorEquals: ['Beslutningsflyt.CaseWithdrawn'], Next: 'Withdrawn' }], End: true }),
        Withdrawn: { Type: 'Pass', End: true },
      }),
      { Sink: box.invoker },
    );
    const { executionArn } = await start(engine, {});
    await engine.sendTaskFailure((await box.next()).token, 'Beslutningsflyt.CaseWithdrawn', 'applicant withdrew');
    const result = await engine.waitForExecution(executionArn);
    expect(parsed(result.output)).toEqual({ Error: 'Beslutningsflyt.CaseWithdrawn', Cause: 'applicant withdrew' });
  });

  it('a token that was already used, or whose task timed out, gets TaskTimedOut', async () => {
    const box = new TokenBox();
    engine = await startEngine(
      dynamo,
      machine({ Await: tokenTask('Sink', { TimeoutSeconds: '{% $states.input.t %}', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }], End: true }), Late: { Type: 'Succeed' } }),
      { Sink: box.invoker },
    );
    const first = await start(engine, { t: 30 });
    const used = (await box.next(1)).token;
    await engine.sendTaskSuccess(used, '{}');
    await engine.waitForExecution(first.executionArn);
    await expectApiError(engine.sendTaskSuccess(used, '{}'), 'TaskTimedOut');
    await expectApiError(engine.sendTaskFailure(used, 'X'), 'TaskTimedOut');

    const second = await start(engine, { t: 1 });
    const expired = (await box.next(2)).token;
    expect((await engine.waitForExecution(second.executionArn)).status).toBe('SUCCEEDED');
    await expectApiError(engine.sendTaskSuccess(expired, '{}'), 'TaskTimedOut');
    await expectApiError(engine.sendTaskHeartbeat(expired), 'TaskTimedOut');
  });

  it('malformed tokens get InvalidToken, unknown well-formed ones TaskTimedOut, bad output InvalidOutput', async () => {
    const box = new TokenBox();
    engine = await startEngine(dynamo, machine({ Await: tokenTask('Sink', { End: true }) }), { Sink: box.invoker });
    await expectApiError(engine.sendTaskSuccess('not-a-token', '{}'), 'InvalidToken');
    await expectApiError(engine.sendTaskSuccess(`sfnlocal1.${'A'.repeat(64)}`, '{}'), 'TaskTimedOut');
    await start(engine, {});
    await expectApiError(engine.sendTaskSuccess((await box.next()).token, '{not json'), 'InvalidOutput');
  });

  it('heartbeats keep a task alive past HeartbeatSeconds', async () => {
    const box = new TokenBox();
    engine = await startEngine(dynamo, machine({ Await: tokenTask('Sink', { HeartbeatSeconds: 1, End: true }) }), { Sink: box.invoker });
    const { executionArn } = await start(engine, {});
    const { token } = await box.next();
    for (let i = 0; i < 4; i += 1) {
      await sleep(500);
      await engine.sendTaskHeartbeat(token);
    }
    expect((await engine.describeExecution(executionArn)).status).toBe('RUNNING');
    await engine.sendTaskSuccess(token, '"done"');
    expect(parsed((await engine.waitForExecution(executionArn)).output)).toBe('done');
  });

  it('accepts SendTaskSuccess sent by the invoked Lambda itself before it returns', async () => {
    let current: Engine | undefined;
    engine = await startEngine(
      dynamo,
      machine({ Await: tokenTask('Eager', { End: true }) }),
      {
        Eager: async (payload) => {
          await current?.sendTaskSuccess((payload as { token: string }).token, '{"early":true}');
          return 'ignored';
        },
      },
    );
    current = engine;
    const result = await run(engine, {});
    expect(parsed(result.output)).toEqual({ early: true });
  });

  it('a Lambda failure while delivering the token fails the task', async () => {
    engine = await startEngine(dynamo, machine({ Await: tokenTask('Broken', { End: true }) }), {
      Broken: async () => {
        throw new RangeError('no mailbox');
      },
    });
    const result = await run(engine, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('RangeError');
  });

  it('tokens inside Map iterations complete their own iteration; results keep item order', async () => {
    const box = new TokenBox();
    engine = await startEngine(
      dynamo,
      machine({
        Units: {
          Type: 'Map',
          Items: '{% $states.input.units %}',
          ItemProcessor: { StartAt: 'Await', States: { Await: tokenTask('Sink', { End: true }) } },
          End: true,
        },
      }),
      { Sink: box.invoker },
    );
    const { executionArn } = await start(engine, { units: ['a', 'b', 'c'] });
    await box.next(3);
    const byUnit = new Map(box.received.map((r) => [r.input as string, r.token]));
    for (const unit of ['c', 'a', 'b']) await engine.sendTaskSuccess(byUnit.get(unit) as string, JSON.stringify(`${unit}!`));
    expect(parsed((await engine.waitForExecution(executionArn)).output)).toEqual(['a!', 'b!', 'c!']);
  });

  it('StopExecution aborts the execution and invalidates its tokens', async () => {
    const box = new TokenBox();
    engine = await startEngine(dynamo, machine({ Await: tokenTask('Sink', { End: true }) }), { Sink: box.invoker });
    const { executionArn } = await start(engine, {});
    const { token } = await box.next();
    await engine.stopExecution(executionArn, 'Stopped.ByTest', 'bye');
    const description = await engine.describeExecution(executionArn);
    expect(description).toMatchObject({ status: 'ABORTED', error: 'Stopped.ByTest', cause: 'bye' });
    expect(description.stopDate).toBeInstanceOf(Date);
    await expectApiError(engine.sendTaskSuccess(token, '{}'), 'TaskTimedOut');
  });
});
