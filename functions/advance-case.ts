import { type AdvanceCaseDeps, advanceCase } from '../shared/use-cases/advance-case';
import { AdvanceInputSchema, type AdvanceOutput } from '../shared/workflow/contract';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { taskHandler } from './task';

/** Step Functions task Advance: close the ended step, open the next one or end the case. */
export function makeHandler(deps: Deps<AdvanceCaseDeps>) {
  const get = resolveDeps(deps);
  return taskHandler('advance-case', AdvanceInputSchema, (input): Promise<AdvanceOutput> => advanceCase(get(), input));
}

export const handler = makeHandler(workflowDeps);
