import type { z } from 'zod';
import { AppError } from '../shared/errors';
import { TRANSIENT_ERROR, TRANSIENT_ERRORS } from '../shared/workflow/contract';
import { logger } from './logger';
import { errorSummary } from './http/response';

/**
 * A task failure worth another attempt later. Its name is what Step Functions sees as the task's
 * `Error` (the Node.js runtime reports `name` as errorType), so the state machine's Retry on
 * TRANSIENT_ERROR applies; the message names the original errors only (it becomes the `Cause`,
 * which must carry no case data).
 */
export class TransientTaskError extends Error {
  override readonly name = TRANSIENT_ERROR;
  constructor(
    readonly chain: readonly string[],
    options: { cause: unknown },
  ) {
    super(`Transient failure: ${chain.join(' <- ')}`, options);
  }
}

const TRANSIENT = new Set<string>(TRANSIENT_ERRORS);
/** Wrappers deeper than this are not followed (a cause cycle must not hang the handler). */
const MAX_CAUSE_DEPTH = 8;

function isTransient(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return TRANSIENT.has(error.name) || (typeof code === 'string' && TRANSIENT.has(code));
}

/**
 * The error a task handler fails with: TransientTaskError when the error, or an error it wraps
 * (`cause`, e.g. EmailSendError around an SES throttle), is transient; otherwise the error itself.
 * An AppError other than a transient one is a decision of the use case (not found, closed,
 * invalid) and is permanent whatever it wraps.
 */
export function classifyTaskError(error: unknown): unknown {
  const chain: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    chain.push(current.name);
    if (isTransient(current)) return new TransientTaskError(chain, { cause: error });
    if (current instanceof AppError) return error;
    current = current.cause;
  }
  return error;
}

/**
 * A Step Functions task handler: validates the payload against the workflow contract and runs
 * the use case. Errors propagate so the state machine's Retry/Catch apply, transient ones under
 * the one name it retries (classifyTaskError); the log carries the error name and stack only
 * (payloads hold task tokens and case data).
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
      const failure = classifyTaskError(error);
      logger.error('task failed', { task: name, error: errorSummary(error), failure: errorSummary(failure).name });
      throw failure;
    }
  };
}
