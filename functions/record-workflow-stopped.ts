import {
  ExecutionStoppedEventSchema,
  recordWorkflowStopped,
} from '../shared/use-cases/record-workflow-stopped';
import type { NotifyFailureDeps } from '../shared/use-cases/notify-failure';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { taskHandler } from './task';

/**
 * EventBridge target of "Step Functions Execution Status Change" (FAILED, TIMED_OUT,
 * ABORTED): records that the case's workflow stopped and tells the secretariat once.
 */
export function makeHandler(deps: Deps<NotifyFailureDeps>) {
  const get = resolveDeps(deps);
  return taskHandler('record-workflow-stopped', ExecutionStoppedEventSchema, (event) => recordWorkflowStopped(get(), event));
}

export const handler = makeHandler(workflowDeps);
