import { type AppErrorOptions, ConflictError } from '../errors';

/**
 * The case workflow (Step Functions Standard; shared/workflow/contract.ts).
 */
export interface WorkflowPort {
  /**
   * Starts the execution named after the case. Idempotent: calling it again for the same case
   * resolves with the same executionArn. `alreadyStarted` is informational only (Step
   * Functions answers a repeat for a still-running execution as if it were new).
   */
  startExecution(caseId: string): Promise<{ executionArn: string; alreadyStarted: boolean }>;
  /** Completes a waiting task. TaskClosedError if the token is no longer waiting. */
  sendTaskSuccess(taskToken: string, output: unknown): Promise<void>;
  /** Fails a waiting task (e.g. CASE_WITHDRAWN_ERROR). TaskClosedError as above. */
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
}

/**
 * The task token no longer waits (it timed out, was already completed, or belongs to a
 * finished execution). Callers racing another completion (a vote racing the deadline, a
 * double click) may ignore it: the other completion won.
 */
export class TaskClosedError extends ConflictError {
  override readonly name = 'TaskClosedError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, { messageKey: 'error.conflict.stepClosed', ...options });
  }
}
