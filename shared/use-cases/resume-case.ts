import type { Actor, Case } from '../domain/case';
import { currentWorkflow, executionNameFor } from '../domain/case-workflow';
import { appendEvent } from '../domain/lifecycle';
import { ConflictError } from '../errors';
import { FINAL_STATUSES } from '../kernel/ids';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { WorkflowPort } from '../ports/workflow';
import { loadCase, updateCase } from './case-writes';

export interface ResumeCaseDeps {
  cases: CaseRepository;
  workflow: WorkflowPort;
  clock: Clock;
}

export interface ResumeCaseResult {
  caseId: string;
  caseNumber: string;
  generation: number;
}

const NOT_STOPPED = 'api.resume.notStopped';

/** A resume whose write is done but whose start may not be: the last workflow event is it. */
function resumePending(c: Case): boolean {
  const last = c.events.findLast((e) => e.type === 'workflow_resumed' || e.type === 'workflow_failed');
  return last?.type === 'workflow_resumed' && currentWorkflow(c).stoppedAt === undefined;
}

/**
 * POST /api/secretariat/cases/{caseId}/resume: the secretariat restarts the workflow of an
 * open case whose execution failed, timed out or was aborted (recorded by
 * record-workflow-stopped). One conditional case write moves the case to the next
 * generation and logs who resumed it; then the next generation's execution starts. The
 * planner rebuilds the case's position from the stored steps, so the new execution's first
 * Advance carries on: an open step is handed out again and its units store new task tokens.
 * A case whose workflow is not recorded as stopped, or is final, is refused (409). A retry
 * after the write but before the start finishes the start (StartExecution is idempotent on
 * the generation's name).
 */
export async function resumeCase(
  deps: ResumeCaseDeps,
  input: { caseId: string | undefined; actor: Actor },
): Promise<ResumeCaseResult> {
  const existing = await loadCase(deps.cases, input.caseId);
  const at = deps.clock.now();
  const resumed = await updateCase(deps.cases, existing.caseId, (c) => {
    if (FINAL_STATUSES.includes(c.status)) throw new ConflictError('Case is closed', { messageKey: NOT_STOPPED });
    const stopped = currentWorkflow(c);
    if (stopped.stoppedAt === undefined) {
      if (resumePending(c)) return c;
      throw new ConflictError('Workflow is not recorded as stopped', { messageKey: NOT_STOPPED });
    }
    const generation = stopped.generation + 1;
    const next = appendEvent(c, 'workflow_resumed', { actor: input.actor, at });
    return { ...next, workflow: { generation, executionName: executionNameFor(c.caseNumber, generation) } };
  });
  const workflow = currentWorkflow(resumed);
  await deps.workflow.startExecution({ caseId: resumed.caseId, name: workflow.executionName });
  return { caseId: resumed.caseId, caseNumber: resumed.caseNumber, generation: workflow.generation };
}
