import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../infra/local/sfn';
import { type Functions, lambdaTask, machine, parsed, run, startDynamo, startEngine, type TestDynamo } from '../../../support/sfn-harness';

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

async function runMachine(definition: unknown, input: unknown, functions: Functions = {}) {
  engine = await startEngine(dynamo, definition, functions);
  return run(engine, input);
}

describe('Pass, Output, Assign and variables', () => {
  it('evaluates nested {% %} templates; other strings stay literal', async () => {
    const result = await runMachine(
      machine({
        P: {
          Type: 'Pass',
          Output: { sum: '{% $states.input.a + $states.input.b %}', list: ['{% $states.input.a %}', 'plain', '{%not closed'], literal: '$states.input.a' },
          End: true,
        },
      }),
      { a: 2, b: 3 },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ sum: 5, list: [2, 'plain', '{%not closed'], literal: '$states.input.a' });
  });

  it('without Output a Pass state passes its input through', async () => {
    const result = await runMachine(machine({ P: { Type: 'Pass', End: true } }), { keep: true });
    expect(parsed(result.output)).toEqual({ keep: true });
  });

  it('Assign sees variables as they were on state entry, and so does Output', async () => {
    const result = await runMachine(
      machine({
        Init: { Type: 'Pass', Assign: { x: 1, y: 10 }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: { x: '{% $x %}', y: '{% $y %}' }, Next: 'Read' },
        Read: { Type: 'Pass', Output: { before: '{% $states.input %}', x: '{% $x %}', y: '{% $y %}' }, End: true },
      }),
      {},
    );
    expect(parsed(result.output)).toEqual({ before: { x: 1, y: 10 }, x: 10, y: 1 });
  });

  it('exposes the context object', async () => {
    engine = await startEngine(
      dynamo,
      machine({
        C: {
          Type: 'Pass',
          Output: {
            id: '{% $states.context.Execution.Id %}',
            name: '{% $states.context.Execution.Name %}',
            input: '{% $states.context.Execution.Input %}',
            state: '{% $states.context.State.Name %}',
            retries: '{% $states.context.State.RetryCount %}',
            machine: '{% $states.context.StateMachine.Name %}',
            started: '{% $states.context.Execution.StartTime %}',
          },
          End: true,
        },
      }),
      {},
    );
    const result = await run(engine, { q: 1 }, 'ctx-1');
    const output = parsed(result.output) as Record<string, unknown>;
    expect(output).toMatchObject({ id: result.executionArn, name: 'ctx-1', input: { q: 1 }, state: 'C', retries: 0, machine: 'Test' });
    expect(output.started).toBe(result.startDate.toISOString());
  });

  it('offers the Step Functions JSONata functions ($partition, $range, $hash, $parse, $uuid)', async () => {
    const result = await runMachine(
      machine({
        F: {
          Type: 'Pass',
          Output: {
            parts: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            hash: "{% $hash('abc', 'SHA-256') %}",
            parsed: '{% $parse(\'{"a":1}\') %}',
            uuid: '{% $length($uuid()) %}',
          },
          End: true,
        },
      }),
      {},
    );
    expect(parsed(result.output)).toEqual({
      parts: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      parsed: { a: 1 },
      uuid: 36,
    });
  });

  it('an expression that returns nothing fails with States.QueryEvaluationError', async () => {
    const result = await runMachine(machine({ P: { Type: 'Pass', Output: { x: '{% $states.input.missing %}' }, End: true } }), {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain('Output/x');
  });
});

describe('Choice', () => {
  const choice = machine({
    Decide: {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n > 10 %}', Next: 'Big', Assign: { size: 'big' } },
        { Condition: '{% $states.input.n > 5 %}', Next: 'Medium', Output: { medium: '{% $states.input.n %}' } },
      ],
      Default: 'Small',
    },
    Big: { Type: 'Pass', Output: { size: '{% $size %}' }, End: true },
    Medium: { Type: 'Succeed' },
    Small: { Type: 'Pass', Output: 'small', End: true },
  });

  it('takes the first matching rule, with its Assign/Output', async () => {
    expect(parsed((await runMachine(choice, { n: 20 })).output)).toEqual({ size: 'big' });
    await engine?.stop();
    expect(parsed((await runMachine(choice, { n: 7 })).output)).toEqual({ medium: 7 });
    await engine?.stop();
    expect(parsed((await runMachine(choice, { n: 1 })).output)).toBe('small');
  });

  it('fails with States.NoChoiceMatched without a Default', async () => {
    const result = await runMachine(
      machine({ D: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.ok %}', Next: 'S' }] }, S: { Type: 'Succeed' } }),
      { ok: false },
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  it('a non-boolean Condition is a States.QueryEvaluationError', async () => {
    const result = await runMachine(
      machine({ D: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'S' }] }, S: { Type: 'Succeed' } }),
      { n: 3 },
    );
    expect(result.error).toBe('States.QueryEvaluationError');
  });
});

describe('Succeed and Fail', () => {
  it('Succeed ends the execution with its Output', async () => {
    const result = await runMachine(machine({ S: { Type: 'Succeed', Output: { done: '{% $states.input.v %}' } } }), { v: 'x' });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ done: 'x' });
  });

  it('Fail sets Error and Cause, which may be JSONata', async () => {
    const result = await runMachine(
      machine({ F: { Type: 'Fail', Error: "{% 'Custom.' & $states.input.kind %}", Cause: 'static cause' } }),
      { kind: 'Oops' },
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Custom.Oops');
    expect(result.cause).toBe('static cause');
  });
});

describe('Wait', () => {
  it('Seconds (JSONata) really waits through the persisted-deadline scheduler', async () => {
    const started = Date.now();
    const result = await runMachine(machine({ W: { Type: 'Wait', Seconds: '{% $states.input.s %}', Next: 'Done' }, Done: { Type: 'Succeed' } }), { s: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(parsed(result.output)).toEqual({ s: 1 });
  });

  it('Timestamp waits until the given instant', async () => {
    const until = new Date(Date.now() + 800).toISOString();
    const started = Date.now();
    const result = await runMachine(machine({ W: { Type: 'Wait', Timestamp: '{% $states.input.until %}', End: true } }), { until });
    expect(result.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});

describe('Parallel', () => {
  it('returns the branch outputs as an array, in branch order; branches read outer variables', async () => {
    const result = await runMachine(
      machine({
        Init: { Type: 'Pass', Assign: { base: 100 }, Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n %}' },
          Branches: [
            machine({ Slow: { Type: 'Wait', Seconds: 1, Next: 'A' }, A: { Type: 'Pass', Output: '{% $states.input.n + $base %}', End: true } }),
            machine({ B: { Type: 'Pass', Output: '{% $states.input.n * 2 %}', End: true } }),
          ].map(({ QueryLanguage: _q, ...graph }) => graph),
          Output: { results: '{% $states.result %}' },
          End: true,
        },
      }),
      { n: 5 },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ results: [105, 10] });
  });

  it('a failing branch fails the Parallel state with the branch error (catchable)', async () => {
    const result = await runMachine(
      machine({
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'b' } } }, { StartAt: 'Ok', States: { Ok: { Type: 'Succeed' } } }],
          Catch: [{ ErrorEquals: ['Branch.Broke'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      }),
      {},
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ Error: 'Branch.Broke', Cause: 'b' });
  });
});

describe('Map', () => {
  it('keeps result order, honours MaxConcurrency, and ItemSelector sees Map.Item.Index/Value', async () => {
    let active = 0;
    let peak = 0;
    const functions: Functions = {
      Slow: async (payload) => {
        const { value, index } = payload as { value: number; index: number };
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 40 * (5 - index)));
        active -= 1;
        return value * 10 + index;
      },
    };
    const result = await runMachine(
      machine({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.values %}',
          ItemSelector: { value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
          MaxConcurrency: 2,
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Call', States: { Call: lambdaTask('Slow', { End: true }) } },
          End: true,
        },
      }),
      { values: [1, 2, 3, 4, 5] },
      functions,
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual([10, 21, 32, 43, 54]);
    expect(peak).toBe(2);
  });

  it('an empty Items array gives []; a non-array Items is States.QueryEvaluationError', async () => {
    const definition = machine({
      Each: { Type: 'Map', Items: '{% $states.input.items %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true },
    });
    expect(parsed((await runMachine(definition, { items: [] })).output)).toEqual([]);
    await engine?.stop();
    expect((await runMachine(definition, { items: 'nope' })).error).toBe('States.QueryEvaluationError');
  });

  it('iterations have their own variable scope and read outer variables', async () => {
    const result = await runMachine(
      machine({
        Init: { Type: 'Pass', Assign: { factor: 3 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'Set',
            States: {
              Set: { Type: 'Pass', Assign: { mine: '{% $states.input * $factor %}' }, Next: 'Get' },
              Get: { Type: 'Pass', Output: '{% $mine %}', End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { results: '{% $states.input %}', mineOutside: '{% $exists($mine) %}' }, End: true },
      }),
      {},
    );
    expect(parsed(result.output)).toEqual({ results: [3, 6], mineOutside: false });
  });

  it('a failed iteration fails the Map with its error', async () => {
    const result = await runMachine(
      machine({
        Each: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'Check',
            States: {
              Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input = 2 %}', Next: 'Bad' }], Default: 'Good' },
              Bad: { Type: 'Fail', Error: 'Item.Bad', Cause: 'two' },
              Good: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      }),
      {},
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Item.Bad');
    expect(result.cause).toBe('two');
  });
});

describe('execution TimeoutSeconds', () => {
  it('ends the execution as TIMED_OUT with States.Timeout', async () => {
    const result = await runMachine(machine({ Long: { Type: 'Wait', Seconds: 30, End: true } }, { TimeoutSeconds: 1 }), {});
    expect(result.status).toBe('TIMED_OUT');
    expect(result.error).toBe('States.Timeout');
    const { events } = await (engine as Engine).getExecutionHistory(result.executionArn, { reverseOrder: true, maxResults: 1 });
    expect(events[0]?.type).toBe('ExecutionTimedOut');
  });
});
