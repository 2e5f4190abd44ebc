/**
 * A case whose workflow execution stops (here: aborted by an operator) is stuck until the
 * secretariat resumes it. Against the local runtime: the execution is named by the case
 * number and generation, never the case id; the stop reaches record-workflow-stopped through
 * the template's EventBridge rule; resume is refused until then, and afterwards starts
 * generation 2, which carries on with the step that was open (triage).
 */
import { ListExecutionsCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/dynamodb';
import { applications, poll, submitCase, useTestRuntime } from '../support/integration';

vi.setConfig({ testTimeout: 90_000 });
const runtime = useTestRuntime(60);

describe('resuming a stopped case workflow', () => {
  it('records the stop, then restarts the case where it was under a new generation', async () => {
    const sfn = new SFNClient({ endpoint: runtime.workflow.sfn, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS });
    const { stateMachineArn } = runtime.workflow;
    const submitted = await submitCase(runtime, applications.nivaa3('soker-gjenoppta@example.org'));
    const name = `${submitted.caseNumber.replace('/', '-')}-g1`;
    const executions = async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? [];
    const listed = await executions();
    expect(listed.map((e) => e.name)).toContain(name);
    expect(JSON.stringify(listed)).not.toContain(submitted.caseId);

    const resume = () => runtime.api.secretariatRequest('POST', `/api/secretariat/cases/${submitted.caseId}/resume`);
    expect((await resume()).status).toBe(409);
    const executionArn = listed.find((e) => e.name === name)?.executionArn;
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'test' }));

    // Refused until the stop is recorded on the case, then accepted once.
    const resumed = await poll('the stop to be recorded', resume, (r) => r.status !== 409, { timeoutMs: 20_000 });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body).toEqual({ caseId: submitted.caseId, caseNumber: submitted.caseNumber, generation: 2 });
    const next = await poll('generation 2 to run', executions, (list) =>
      list.some((e) => e.name === `${submitted.caseNumber.replace('/', '-')}-g2` && e.status === 'RUNNING'),
    );
    expect(next.find((e) => e.name === name)?.status).toBe('ABORTED');

    // The triage step that was open when generation 1 died waits again, with a new token.
    await poll('triage to wait again', () => runtime.api.triage(submitted.caseId), (r) => r.status === 200, { timeoutMs: 20_000 });
    await runtime.api.waitForStatus(submitted.caseId, 'consultation', { timeoutMs: 30_000 });
  });
});
