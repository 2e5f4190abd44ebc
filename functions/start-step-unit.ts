import { type StartStepUnitDeps, startStepUnit } from '../shared/use-cases/start-step-unit';
import { StartUnitInputSchema } from '../shared/workflow/contract';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { taskHandler } from './task';

/** AwaitUnit (.waitForTaskToken): store the token, send action links, complete if already settled. */
export function makeHandler(deps: Deps<StartStepUnitDeps>) {
  const get = resolveDeps(deps);
  return taskHandler('start-step-unit', StartUnitInputSchema, (input) => startStepUnit(get(), input));
}

export const handler = makeHandler(workflowDeps);
