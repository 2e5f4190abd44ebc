import { type NotifyFailureDeps, notifyFailure } from '../shared/use-cases/notify-failure';
import { NotifyFailureInputSchema } from '../shared/workflow/contract';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { taskHandler } from './task';

/** NotifyFailure: tell the secretariat that a case's workflow stopped. */
export function makeHandler(deps: Deps<NotifyFailureDeps>) {
  const get = resolveDeps(deps);
  return taskHandler('notify-failure', NotifyFailureInputSchema, (input) => notifyFailure(get(), input));
}

export const handler = makeHandler(workflowDeps);
