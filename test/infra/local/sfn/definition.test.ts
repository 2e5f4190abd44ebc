import { describe, expect, it } from 'vitest';
import { createEngine, InvalidDefinitionError, loadDefinition, UnsupportedFeatureError } from '../../../../infra/local/sfn';
import { fnArn, lambdaTask, MACHINE_ARN, machine, REGION, tokenTask } from '../../../support/sfn-harness';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

function problemsOf(definition: unknown): { kind: string; paths: string[] } {
  try {
    loadDefinition(definition);
  } catch (error) {
    if (error instanceof UnsupportedFeatureError || error instanceof InvalidDefinitionError) {
      return { kind: error.name, paths: error.problems.map((p) => p.path) };
    }
    throw error;
  }
  return { kind: 'none', paths: [] };
}

const pass = { Type: 'Pass', End: true };

describe('definition subset', () => {
  it('accepts every supported state type and field', () => {
    const loaded = loadDefinition(
      machine(
        {
          Task: lambdaTask('A', { Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL', MaxDelaySeconds: 5 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fail' }], Assign: { a: 1 }, TimeoutSeconds: 5, HeartbeatSeconds: '{% 2 %}', Next: 'Choice' }),
          Choice: { Type: 'Choice', Choices: [{ Condition: '{% $a = 1 %}', Next: 'Wait', Assign: { b: 2 }, Output: {} }], Default: 'Map', Comment: 'c' },
          Wait: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'Map' },
          Map: {
            Type: 'Map',
            Items: '{% [1] %}',
            ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
            MaxConcurrency: 0,
            ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'T', States: { T: tokenTask('B', { End: true }) } },
            Next: 'Par',
          },
          Par: { Type: 'Parallel', Arguments: {}, Branches: [{ StartAt: 'P', States: { P: pass } }], Next: 'Done' },
          Done: { Type: 'Succeed', Output: '{% $states.input %}' },
          Fail: { Type: 'Fail', Error: 'E', Cause: '{% "c" %}' },
        },
        { TimeoutSeconds: 100, Comment: 'all' },
      ),
    );
    expect([...loaded.graphs.keys()]).toEqual(['', '/Map', '/Par#0']);
    expect(loaded.timeoutSeconds).toBe(100);
    expect(loaded.functionNames.map((f) => f.functionName)).toEqual([fnArn('A'), fnArn('B')]);
  });

  it('rejects JSONPath fields, listing every path', () => {
    const result = problemsOf(
      machine({
        T: { ...lambdaTask('A', { Next: 'P' }), InputPath: '$.x', ResultSelector: { 'a.$': '$.b' } },
        P: { Type: 'Pass', Parameters: { a: 1 }, ResultPath: '$.r', End: true },
      }),
    );
    expect(result.kind).toBe('UnsupportedFeatureError');
    expect(result.paths).toEqual(['$.States.T.InputPath', '$.States.T.ResultSelector', '$.States.P.Parameters', '$.States.P.ResultPath']);
  });

  it('rejects QueryLanguage JSONPath at the top level and per state', () => {
    expect(problemsOf({ StartAt: 'P', States: { P: pass } }).paths).toEqual(['$.QueryLanguage']);
    expect(problemsOf(machine({ P: { ...pass, QueryLanguage: 'JSONPath' } })).paths).toEqual(['$.States.P.QueryLanguage']);
  });

  it('rejects distributed Map, ItemReader and other resources', () => {
    const result = problemsOf(
      machine({
        M: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: pass } },
          Next: 'S3',
        },
        S3: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Arguments: {}, End: true },
      }),
    );
    expect(result.kind).toBe('UnsupportedFeatureError');
    expect(result.paths).toEqual(
      expect.arrayContaining([
        '$.States.M.ItemReader',
        '$.States.M.ItemProcessor.ProcessorConfig.Mode',
        '$.States.M.ItemProcessor.ProcessorConfig.ExecutionType',
        '$.States.S3.Resource',
      ]),
    );
  });

  it("rejects TimeoutSecondsPath and '$$.Task.Token' (what CDK's Timeout.at / JsonPath.taskToken render)", () => {
    const task = tokenTask('A', { End: true, TimeoutSecondsPath: '{% $states.input.waitSeconds %}' });
    const result = problemsOf(machine({ T: { ...task, Arguments: { FunctionName: fnArn('A'), Payload: { token: '$$.Task.Token' } } } }));
    expect(result.paths).toEqual(['$.States.T.TimeoutSecondsPath', '$.States.T.Arguments']);
  });

  it('rejects unknown state types', () => {
    expect(problemsOf(machine({ X: { Type: 'Activity', End: true } }))).toEqual({ kind: 'UnsupportedFeatureError', paths: ['$.States.X.Type'] });
  });

  it('reports structural errors: missing targets, unreachable states, Next+End, States.ALL not last, bad JSONata', () => {
    const result = problemsOf(
      machine({
        A: { Type: 'Pass', Next: 'Missing' },
        B: { Type: 'Pass', Next: 'A', End: true },
        C: lambdaTask('F', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A' }, { ErrorEquals: ['X'], Next: 'A' }], End: true }),
        D: { Type: 'Pass', Output: '{% $states.input. %}', End: true },
      }),
    );
    expect(result.kind).toBe('InvalidDefinitionError');
    expect(result.paths).toEqual(
      expect.arrayContaining(['$.States.A', '$.States.B', '$.States.C.Catch[0].ErrorEquals', '$.States.D.Output', '$.States.C', '$.States.D']),
    );
  });

  it('rejects a Map/Parallel inner state assigning an outer variable', () => {
    const result = problemsOf(
      machine({
        Set: { Type: 'Pass', Assign: { total: 0 }, Next: 'Each' },
        Each: { Type: 'Map', Items: [1], ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { total: 1 }, End: true } } }, End: true },
      }),
    );
    expect(result).toEqual({ kind: 'InvalidDefinitionError', paths: ['$.States.Each.ItemProcessor.States.I.Assign.total'] });
  });

  it('createEngine fails at start-up for unsupported features and for functions without an invoker', () => {
    const dynamo = { client: new DynamoDBClient({ region: REGION }), tableName: 't' };
    const bad = machine({ P: { ...pass, OutputPath: '$.x' } });
    expect(() => createEngine({ stateMachines: [{ stateMachineArn: MACHINE_ARN, definition: bad }], invokers: new Map(), dynamo })).toThrow(UnsupportedFeatureError);
    const noInvoker = machine({ T: lambdaTask('Unknown', { End: true }) });
    expect(() => createEngine({ stateMachines: [{ stateMachineArn: MACHINE_ARN, definition: noInvoker }], invokers: new Map(), dynamo })).toThrow(
      /no invoker for function arn:aws:lambda:eu-north-1:123456789012:function:Unknown/,
    );
    dynamo.client.destroy();
  });
});
