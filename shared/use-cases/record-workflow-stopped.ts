import { z } from 'zod';
import { WorkflowStopStatusSchema } from '../domain/case';
import { currentWorkflow } from '../domain/case-workflow';
import { ExecutionInputSchema } from '../workflow/contract';
import { updateCase } from './case-writes';
import { type NotifyFailureDeps, notifyFailure } from './notify-failure';

/**
 * The EventBridge event "Step Functions Execution Status Change" for a stopped execution
 * (the rule matches FAILED, TIMED_OUT and ABORTED only). Its detail carries the execution's
 * name, status, stop time (epoch milliseconds) and input as JSON text, so the case is found
 * from the input's case id without an index by execution name.
 */
export const ExecutionStoppedEventSchema = z.looseObject({
  detail: z.looseObject({
    name: z.string().min(1),
    status: WorkflowStopStatusSchema,
    stopDate: z.number().int().nullish(),
    input: z.string(),
  }),
});
export type ExecutionStoppedEvent = z.infer<typeof ExecutionStoppedEventSchema>;

export type RecordWorkflowStoppedResult =
  | { recorded: false; reason: 'unknown_case' | 'other_generation' | 'already_recorded' | 'final' }
  | { recorded: true; notified: number };

/**
 * Marks the case's current workflow generation as stopped, so the secretariat's case page
 * offers to resume it, and tells the secretariat once (the e-mail of notify-failure). A
 * generation that ended in NotifyFailure → Failed already told them: that is not repeated.
 * An event of an older generation (a resumed case) or a repeated event changes nothing.
 */
export async function recordWorkflowStopped(
  deps: NotifyFailureDeps,
  event: ExecutionStoppedEvent,
): Promise<RecordWorkflowStoppedResult> {
  const { detail } = event;
  const input = ExecutionInputSchema.safeParse(safeJson(detail.input));
  const c = input.success ? await deps.cases.get(input.data.caseId) : undefined;
  if (!c) return { recorded: false, reason: 'unknown_case' };
  const now = deps.clock.now();
  const stoppedAt = new Date(detail.stopDate ?? now.getTime()).toISOString();
  let outcome: RecordWorkflowStoppedResult | undefined;
  await updateCase(deps.cases, c.caseId, (current) => {
    const workflow = currentWorkflow(current);
    outcome = undefined;
    if (workflow.executionName !== detail.name) outcome = { recorded: false, reason: 'other_generation' };
    else if (workflow.stoppedAt !== undefined) outcome = { recorded: false, reason: 'already_recorded' };
    if (outcome) return current;
    return {
      ...current,
      version: current.version + 1,
      updatedAt: now.toISOString(),
      workflow: { ...workflow, stoppedAt, stopStatus: detail.status },
    };
  });
  if (outcome) return outcome;
  const fresh = await deps.cases.get(c.caseId);
  if (fresh && alreadyTold(fresh.events)) return { recorded: true, notified: 0 };
  const { notified } = await notifyFailure(deps, { caseId: c.caseId, error: `Execution ${detail.status}` });
  return { recorded: true, notified };
}

/** notify-failure ran for this generation: a workflow_failed since the last resume. */
function alreadyTold(events: readonly { type: string }[]): boolean {
  const last = events.findLast((e) => e.type === 'workflow_failed' || e.type === 'workflow_resumed');
  return last?.type === 'workflow_failed';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
