import { type AppErrorOptions, ConflictError } from '../errors';

export interface StartExecutionRequest {
  caseId: string;
  /** The execution name: never the case id, which is a bearer secret. */
  name: string;
}

/**
 * The case workflow (Step Functions Standard; shared/workflow/contract.ts).
 */
export interface WorkflowPort {
  /**
   * Starts the case's execution under `name` (its non-secret generation name,
   * shared/domain/case-workflow.ts); the input carries the case id. Idempotent: calling it
   * again with the same name resolves with the same executionArn. `alreadyStarted` is
   * informational only (Step Functions answers a repeat for a still-running execution as if
   * it were new).
   */
  startExecution(request: StartExecutionRequest): Promise<{ executionArn: string; alreadyStarted: boolean }>;
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
