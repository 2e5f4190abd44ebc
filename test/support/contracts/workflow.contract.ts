import { beforeEach, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/errors';
import { TaskClosedError, type WorkflowPort } from '../../../shared/ports/workflow';

export interface WorkflowSubject {
  workflow: WorkflowPort;
  /** Makes a token wait, as AwaitUnit's .waitForTaskToken does. */
  openTask(token: string): void;
}

const CASE = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
const NAME = '2026-0001-g1';

export function workflowContract(makeSubject: () => Promise<WorkflowSubject>): void {
  let subject: WorkflowSubject;
  beforeEach(async () => {
    subject = await makeSubject();
  });

  it('starts one execution per name; starting again returns the same execution', async () => {
    const first = await subject.workflow.startExecution({ caseId: CASE, name: NAME });
    expect(first.alreadyStarted).toBe(false);
    expect(first.executionArn).toMatch(new RegExp(`:execution:[^:]+:${NAME}$`));
    expect(first.executionArn).not.toContain(CASE);
    const again = await subject.workflow.startExecution({ caseId: CASE, name: NAME });
    expect(again.executionArn).toBe(first.executionArn);
  });

  it('starts a new execution for the next generation of the same case', async () => {
    const first = await subject.workflow.startExecution({ caseId: CASE, name: NAME });
    const next = await subject.workflow.startExecution({ caseId: CASE, name: '2026-0001-g2' });
    expect(next.alreadyStarted).toBe(false);
    expect(next.executionArn).not.toBe(first.executionArn);
  });

  it('completes a waiting task once; a second completion is TaskClosedError', async () => {
    subject.openTask('tok-1');
    await subject.workflow.sendTaskSuccess('tok-1', { unitId: 'styret', outcome: 'approve' });
    for (const again of [
      () => subject.workflow.sendTaskSuccess('tok-1', { unitId: 'styret', outcome: 'approve' }),
      () => subject.workflow.sendTaskFailure('tok-1', 'Beslutningsflyt.CaseWithdrawn', 'withdrawn'),
      () => subject.workflow.sendTaskSuccess('tok-never-opened', {}),
    ]) {
      const error = await again().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskClosedError);
      expect(error).toBeInstanceOf(ConflictError);
    }
  });

  it('fails a waiting task once', async () => {
    subject.openTask('tok-2');
    await subject.workflow.sendTaskFailure('tok-2', 'Beslutningsflyt.CaseWithdrawn', 'The applicant withdrew');
    await expect(subject.workflow.sendTaskSuccess('tok-2', {})).rejects.toBeInstanceOf(TaskClosedError);
  });
}
