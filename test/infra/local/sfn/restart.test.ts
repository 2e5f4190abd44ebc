import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../infra/local/sfn';
import { type Functions, lambdaTask, MACHINE_ARN, machine, parsed, sleep, startDynamo, startEngine, type TestDynamo, TokenBox, tokenTask, waitForEvent } from '../../../support/sfn-harness';

/**
 * Killing the engine and starting a new one on the same table resumes every execution: token
 * waits, Wait states, task timeouts and Lambda calls cut off by the crash.
 */
let dynamo: TestDynamo;
const engines: Engine[] = [];

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function boot(definition: unknown, functions: Functions): Promise<Engine> {
  const engine = await startEngine(dynamo, definition, functions);
  engines.push(engine);
  return engine;
}

const start = (e: Engine, input: unknown, name?: string) =>
  e.startExecution({ stateMachineArn: MACHINE_ARN, input: JSON.stringify(input), ...(name ? { name } : {}) });

describe('restart', () => {
  it('a task-token wait survives a restart; the token still works on the new engine', async () => {
    const definition = machine({
      Before: { Type: 'Pass', Assign: { who: '{% $states.input.who %}' }, Next: 'Await' },
      Await: tokenTask('Sink', { Next: 'After' }),
      After: { Type: 'Pass', Output: { who: '{% $who %}', answer: '{% $states.input %}' }, End: true },
    });
    const box = new TokenBox();
    const first = await boot(definition, { Sink: box.invoker });
    const { executionArn } = await start(first, { who: 'styret' });
    const { token } = await box.next();
    await waitForEvent(first, executionArn, 'TaskSubmitted');
    await first.stop();

    const second = await boot(definition, { Sink: box.invoker });
    expect((await second.describeExecution(executionArn)).status).toBe('RUNNING');
    await second.sendTaskSuccess(token, '{"vote":"yes"}');
    const result = await second.waitForExecution(executionArn);
    expect(parsed(result.output)).toEqual({ who: 'styret', answer: { vote: 'yes' } });
    expect(box.received).toHaveLength(1); // the Lambda had returned: not invoked again
  });

  it('a Wait state deadline is persisted and fires on the new engine (also when already past)', async () => {
    const definition = machine({ Pause: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Pass', Output: 'woke', End: true } });
    const first = await boot(definition, {});
    const { executionArn } = await start(first, {});
    await sleep(150);
    await first.stop();
    await sleep(1200); // the deadline passes while no engine runs
    const second = await boot(definition, {});
    const result = await second.waitForExecution(executionArn, 3000);
    expect(parsed(result.output)).toBe('woke');
  });

  it('a task timeout keeps counting across a restart', async () => {
    const definition = machine({
      Await: tokenTask('Sink', { TimeoutSeconds: 2, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }], End: true }),
      Late: { Type: 'Pass', Output: 'timed out', End: true },
    });
    const box = new TokenBox();
    const first = await boot(definition, { Sink: box.invoker });
    const started = Date.now();
    const { executionArn } = await start(first, {});
    await box.next();
    await first.stop();
    const second = await boot(definition, { Sink: box.invoker });
    const result = await second.waitForExecution(executionArn, 5000);
    expect(parsed(result.output)).toBe('timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('a Lambda call cut off by the crash is made again on resume (at-least-once)', async () => {
    const definition = machine({ Call: lambdaTask('Work', { End: true }) });
    const calls: string[] = [];
    const first = await boot(definition, {
      Work: async () => {
        calls.push('first engine');
        return new Promise(() => undefined); // never returns: the engine dies meanwhile
      },
    });
    const { executionArn } = await start(first, { n: 1 });
    while (calls.length === 0) await sleep(10);
    await first.stop();
    const second = await boot(definition, {
      Work: async (payload) => {
        calls.push('second engine');
        return { again: payload };
      },
    });
    const result = await second.waitForExecution(executionArn);
    expect(parsed(result.output)).toEqual({ again: { n: 1 } });
    expect(calls).toEqual(['first engine', 'second engine']);
  });

  it('a Map with some iterations done resumes the rest and keeps result order', async () => {
    const definition = machine({
      Units: {
        Type: 'Map',
        Items: '{% $states.input.units %}',
        ItemProcessor: { StartAt: 'Await', States: { Await: tokenTask('Sink', { End: true }) } },
        Next: 'Sum',
      },
      Sum: { Type: 'Pass', Output: { results: '{% $states.input %}' }, End: true },
    });
    const box = new TokenBox();
    const first = await boot(definition, { Sink: box.invoker });
    const { executionArn } = await start(first, { units: ['x', 'y', 'z'] });
    await box.next(3);
    const tokenOf = (unit: string) => box.received.find((r) => r.input === unit)?.token as string;
    await first.sendTaskSuccess(tokenOf('y'), '"Y"');
    await first.stop();

    const second = await boot(definition, { Sink: box.invoker });
    await expect(second.sendTaskSuccess(tokenOf('y'), '"again"')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    await second.sendTaskSuccess(tokenOf('z'), '"Z"');
    await second.sendTaskSuccess(tokenOf('x'), '"X"');
    const result = await second.waitForExecution(executionArn);
    expect(parsed(result.output)).toEqual({ results: ['X', 'Y', 'Z'] });
  });

  it('history continues on the new engine without reusing event ids', async () => {
    const definition = machine({ Await: tokenTask('Sink', { End: true }) });
    const box = new TokenBox();
    const first = await boot(definition, { Sink: box.invoker });
    const { executionArn } = await start(first, {});
    const { token } = await box.next();
    await waitForEvent(first, executionArn, 'TaskSubmitted');
    await first.stop();
    const second = await boot(definition, { Sink: box.invoker });
    await second.sendTaskSuccess(token, '{}');
    await second.waitForExecution(executionArn);
    const { events } = await second.getExecutionHistory(executionArn, { maxResults: 1000 });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });
});
