import type { z } from 'zod';
import { logger } from './logger';
import { errorSummary } from './http/response';

/**
 * A Step Functions task handler: validates the payload against the workflow contract and runs
 * the use case. Errors propagate so the state machine's Retry/Catch apply; the log carries the
 * error name and stack only (payloads hold task tokens and case data).
 */
export function taskHandler<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
): (event: unknown) => Promise<R> {
  return async (event) => {
    const input = schema.parse(event);
    try {
      return await run(input);
    } catch (error) {
      logger.error('task failed', { task: name, error: errorSummary(error) });
      throw error;
    }
  };
}
