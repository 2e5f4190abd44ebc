import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SfnWorkflow } from '../../../functions/adapters/sfn-workflow';
import { TaskClosedError } from '../../../shared/ports/workflow';
import { FakeWorkflow } from '../../support/fakes';
import { workflowContract } from '../../support/contracts/workflow.contract';
import { type AwsJsonServer, startAwsJsonServer, TEST_CLIENT_CONFIG } from '../../support/aws-json-server';
import { STATE_MACHINE_ARN, type SfnServer, startSfnServer } from '../../support/sfn-server';

describe('WorkflowPort: in-memory fake', () => {
  workflowContract(async () => {
    const workflow = new FakeWorkflow();
    return { workflow, openTask: (token) => workflow.openTask(token) };
  });
});

describe('WorkflowPort: Step Functions adapter against an AWS JSON 1.0 endpoint', () => {
  let server: SfnServer;
  let workflow: SfnWorkflow;
  beforeEach(async () => {
    server = await startSfnServer();
    workflow = new SfnWorkflow(new SFNClient({ ...TEST_CLIENT_CONFIG, endpoint: server.endpoint }), STATE_MACHINE_ARN);
  });
  afterEach(async () => server.close());

  workflowContract(async () => ({ workflow, openTask: (token) => server.openTask(token) }));

  it('names the execution as asked (never the case id) and passes only the case id as input', async () => {
    await workflow.startExecution({ caseId: 'bbbbbbbbbbbbbbbbbbbbbbbbbb', name: '2026-0002-g1' });
    expect(server.requests).toEqual([
      {
        operation: 'StartExecution',
        input: {
          stateMachineArn: STATE_MACHINE_ARN,
          name: '2026-0002-g1',
          input: '{"caseId":"bbbbbbbbbbbbbbbbbbbbbbbbbb"}',
        },
      },
    ]);
  });

  it('treats ExecutionAlreadyExists for a finished execution as already started', async () => {
    const request = { caseId: 'bbbbbbbbbbbbbbbbbbbbbbbbbb', name: '2026-0002-g1' };
    const first = await workflow.startExecution(request);
    server.finishExecution('2026-0002-g1');
    const again = await workflow.startExecution(request);
    expect(again).toEqual({ executionArn: first.executionArn, alreadyStarted: true });
  });

  it('sends task output as JSON and truncates failure fields to the service limits', async () => {
    server.openTask('tok-a');
    server.openTask('tok-b');
    await workflow.sendTaskSuccess('tok-a', { unitId: 'u1', outcome: 'no_answer' });
    await workflow.sendTaskFailure('tok-b', 'E'.repeat(300), 'c'.repeat(40_000));
    const [success, failure] = server.requests;
    expect(success?.input).toEqual({ taskToken: 'tok-a', output: '{"unitId":"u1","outcome":"no_answer"}' });
    expect(String(failure?.input.error)).toHaveLength(256);
    expect(String(failure?.input.cause)).toHaveLength(32_768);
  });

  it('translates TaskTimedOut and InvalidToken without echoing the token', async () => {
    for (const token of ['tok-secret-timed-out', 'garbage-secret-token']) {
      const error = await workflow.sendTaskSuccess(token, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskClosedError);
      expect((error as Error).message).not.toContain('secret');
      expect(((error as Error).cause as Error).name).toMatch(/^(TaskTimedOut|InvalidToken)$/);
    }
  });
});

describe('Step Functions adapter: other service errors', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer({
      SendTaskSuccess: () => ({ error: 'InvalidOutput', message: 'Invalid output' }),
      StartExecution: () => ({ error: 'StateMachineDoesNotExist', message: 'No such state machine' }),
    });
  });
  afterAll(async () => server.close());

  it('passes errors other than a closed task through unchanged', async () => {
    const workflow = new SfnWorkflow(new SFNClient({ ...TEST_CLIENT_CONFIG, endpoint: server.endpoint }), STATE_MACHINE_ARN);
    const output = await workflow.sendTaskSuccess('tok-x', {}).catch((e: unknown) => e);
    expect(output).not.toBeInstanceOf(TaskClosedError);
    expect((output as Error).name).toBe('InvalidOutput');
    const start = await workflow.startExecution({ caseId: 'bbbbbbbbbbbbbbbbbbbbbbbbbb', name: '2026-0002-g1' }).catch((e: unknown) => e);
    expect((start as Error).name).toBe('StateMachineDoesNotExist');
  });
});
