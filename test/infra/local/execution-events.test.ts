import { describe, expect, it } from 'vitest';
import { type CloudAssembly, createResolver, ENTRY_TAG, lambdaFunctions } from '../../../infra/local/cloud-assembly';
import { executionEventRules, startExecutionEventDelivery } from '../../../infra/local/execution-events';
import type { Engine, ExecutionDescription } from '../../../infra/local/sfn';

/** A template with the app's two rules on stopped executions: SNS (not run locally) and Lambda. */
const assembly: CloudAssembly = {
  stacks: [
    {
      stackName: 'App',
      template: {
        Resources: {
          Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
          Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
          Recorder: {
            Type: 'AWS::Lambda::Function',
            Properties: { Handler: 'index.handler', Tags: [{ Key: ENTRY_TAG, Value: 'functions/record-workflow-stopped.ts' }] },
          },
          Other: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
          ToTopic: {
            Type: 'AWS::Events::Rule',
            Properties: {
              EventPattern: { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { status: ['FAILED'] } },
              Targets: [{ Arn: { Ref: 'Topic' }, Id: 'T' }],
            },
          },
          ToLambda: {
            Type: 'AWS::Events::Rule',
            Properties: {
              EventPattern: {
                source: ['aws.states'],
                'detail-type': ['Step Functions Execution Status Change'],
                detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [{ Ref: 'Machine' }] },
              },
              Targets: [{ Arn: { 'Fn::GetAtt': ['Recorder', 'Arn'] }, Id: 'L' }],
            },
          },
          Scheduled: {
            Type: 'AWS::Events::Rule',
            Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Arn: { 'Fn::GetAtt': ['Other', 'Arn'] }, Id: 'S' }] },
          },
        },
      },
    },
  ],
};

function setup() {
  const resolver = createResolver(assembly);
  const functions = lambdaFunctions(assembly, resolver);
  const machineArn = String(resolver.resolve('App', { Ref: 'Machine' }));
  return { functions, rules: executionEventRules(assembly, resolver, functions), machineArn };
}

function fakeEngine(machineArn: string, executions: ExecutionDescription[]): Engine {
  return {
    listExecutions: async ({ statusFilter }: { statusFilter?: string }) => ({
      executions: executions.filter((e) => e.status === statusFilter),
    }),
    describeExecution: async (arn: string) => {
      const found = executions.find((e) => e.executionArn === arn);
      if (!found) throw new Error('no such execution');
      return found;
    },
    machineArn,
  } as unknown as Engine;
}

const execution = (machineArn: string, name: string, status: ExecutionDescription['status']): ExecutionDescription => ({
  executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`,
  stateMachineArn: machineArn,
  name,
  status,
  startDate: new Date('2026-03-02T09:00:00.000Z'),
  ...(status === 'RUNNING' ? {} : { stopDate: new Date('2026-03-03T07:00:00.000Z') }),
  input: JSON.stringify({ caseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' }),
});

describe('local EventBridge for Step Functions status changes', () => {
  it('reads only the status-change rules with Lambda targets from the template', () => {
    const { rules, machineArn } = setup();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ logicalId: 'ToLambda', statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArns: [machineArn] });
    expect(rules[0]?.targets.map((fn) => fn.entry)).toEqual(['functions/record-workflow-stopped.ts']);
  });

  it('delivers each stopped execution once, with the detail EventBridge sends; a failed delivery is retried', async () => {
    const { rules, machineArn } = setup();
    const stopped = execution(machineArn, '2026-0001-g1', 'TIMED_OUT');
    const engine = fakeEngine(machineArn, [stopped, execution(machineArn, '2026-0002-g1', 'RUNNING'), execution(machineArn, '2026-0003-g1', 'SUCCEEDED')]);
    const calls: unknown[] = [];
    let failFirst = true;
    const delivery = startExecutionEventDelivery({
      engine,
      rules,
      stateMachineArn: machineArn,
      intervalMs: 60_000,
      invoke: async (_fn, event) => {
        calls.push(event);
        if (failFirst) {
          failFirst = false;
          throw new Error('handler failed');
        }
      },
    });
    await delivery.poll();
    await delivery.poll();
    await delivery.poll();
    await delivery.stop();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        name: '2026-0001-g1',
        status: 'TIMED_OUT',
        stateMachineArn: machineArn,
        input: stopped.input,
        stopDate: Date.parse('2026-03-03T07:00:00.000Z'),
      },
    });
  });
});
