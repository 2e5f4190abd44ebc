import { type HandleUnitTimeoutDeps, handleUnitTimeout } from '../shared/use-cases/handle-unit-timeout';
import { UnitTimeoutInputSchema } from '../shared/workflow/contract';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { taskHandler } from './task';

/** UnitTimedOut: a reminder round, or the deadline with the configured no-answer rule. */
export function makeHandler(deps: Deps<HandleUnitTimeoutDeps>) {
  const get = resolveDeps(deps);
  return taskHandler('handle-unit-timeout', UnitTimeoutInputSchema, (input) => handleUnitTimeout(get(), input));
}

export const handler = makeHandler(workflowDeps);
