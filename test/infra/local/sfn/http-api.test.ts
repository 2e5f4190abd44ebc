import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, type SfnServer, startSfnServer } from '../../../../infra/local/sfn';
import { credentials, MACHINE_ARN, machine, REGION, startDynamo, startEngine, type TestDynamo, TokenBox, tokenTask } from '../../../support/sfn-harness';

/** The JSON API, exercised with the real @aws-sdk/client-sfn (as the handlers use it). */
let dynamo: TestDynamo;
let engine: Engine;
let server: SfnServer;
let sfn: SFNClient;
const box = new TokenBox();

beforeAll(async () => {
  dynamo = await startDynamo();
  engine = await startEngine(
    dynamo,
    machine({
      Await: tokenTask('Sink', {
        HeartbeatSeconds: 5,
        Catch: [{ ErrorEquals: ['Beslutningsflyt.CaseWithdrawn'], Next: 'Withdrawn' }],
        Next: 'Done',
      }),
      Withdrawn: { Type: 'Fail', Error: 'Withdrawn', Cause: '{% $states.input.Cause %}' },
      Done: { Type: 'Succeed' },
    }),
    { Sink: box.invoker },
  );
  server = await startSfnServer(engine, { port: 0 });
  sfn = new SFNClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
  await engine.stop();
  await dynamo.close();
});

async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error as Error).name,
  );
}

async function waitStatus(executionArn: string, status: string) {
  for (let i = 0; i < 250; i += 1) {
    const description = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (description.status === status) return description;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`execution never reached ${status}`);
}

describe('Step Functions JSON API', () => {
  it('listens on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('StartExecution is idempotent for the same name and input; a different input is ExecutionAlreadyExists', async () => {
    const input = JSON.stringify({ caseId: 'c-1' });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-1', input }));
    expect(first.executionArn).toBe('arn:aws:states:eu-north-1:123456789012:execution:Test:c-1');
    expect(first.startDate).toBeInstanceOf(Date);
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-1', input }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-1', input: '{"caseId":"other"}' })))).toBe(
      'ExecutionAlreadyExists',
    );
  });

  it('rejects unknown state machines, bad names and bad input', async () => {
    const unknown = MACHINE_ARN.replace(':Test', ':Nope');
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: unknown })))).toBe('StateMachineDoesNotExist');
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'has space' })))).toBe('InvalidName');
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, input: '{oops' })))).toBe('InvalidExecutionInput');
  });

  it('DescribeExecution, SendTaskSuccess, then TaskTimedOut for the used token; history has the events', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-2', input: '{"caseId":"c-2"}' }));
    const { token } = await box.next(box.received.length + 1);
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', name: 'c-2', stateMachineArn: MACHINE_ARN, input: '{"caseId":"c-2"}' });
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"outcome":"approved"}' }));
    const done = await waitStatus(executionArn as string, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({ outcome: 'approved' });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBe('TaskTimedOut');
    expect(await errorName(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })))).toBe('TaskTimedOut');

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = history.events?.map((e) => e.type);
    expect(types?.[0]).toBe('ExecutionStarted');
    expect(types).toEqual(expect.arrayContaining(['TaskStateEntered', 'TaskScheduled', 'TaskSucceeded', 'SucceedStateEntered', 'ExecutionSucceeded']));
    const scheduled = history.events?.find((e) => e.type === 'TaskScheduled');
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', heartbeatInSeconds: 5 });
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
    expect(reversed.nextToken).toBeDefined();
  });

  it('SendTaskFailure routes the error name to Catch', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-3', input: '{}' }));
    const { token } = await box.next(box.received.length + 1);
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Beslutningsflyt.CaseWithdrawn', cause: 'by applicant' }));
    const failed = await waitStatus(executionArn as string, 'FAILED');
    expect(failed).toMatchObject({ error: 'Withdrawn', cause: 'by applicant' });
  });

  it('InvalidToken for a malformed token; ExecutionDoesNotExist and InvalidArn for DescribeExecution', async () => {
    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: 'garbage', output: '{}' })))).toBe('InvalidToken');
    const missing = 'arn:aws:states:eu-north-1:123456789012:execution:Test:missing';
    expect(await errorName(sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).toBe('ExecutionDoesNotExist');
    expect(await errorName(sfn.send(new DescribeExecutionCommand({ executionArn: 'nope' })))).toBe('InvalidArn');
  });

  it('StopExecution aborts; ListExecutions filters by status', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'c-4', input: '{}' }));
    const { token } = await box.next(box.received.length + 1);
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Admin', cause: 'cleanup' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBe('TaskTimedOut');

    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE_ARN, statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((e) => e.name)).toEqual(['c-4']);
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE_ARN }));
    expect(all.executions?.map((e) => e.name).sort()).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
  });

  it('an unsupported action is UnknownOperationException', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateStateMachine' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
