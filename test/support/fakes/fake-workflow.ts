import { ExecutionInputSchema } from '../../../shared/workflow/contract';
import { type StartExecutionRequest, TaskClosedError, type WorkflowPort } from '../../../shared/ports/workflow';
import { Faults } from './faults';

export type TaskCompletion =
  | { token: string; kind: 'success'; output: unknown }
  | { token: string; kind: 'failure'; error: string; cause: string };

/**
 * In-memory Step Functions. Like the service, it only accepts completions for tokens that are
 * waiting: a test opens a task with `openTask(token)` (what AwaitUnit does); completing it, or
 * `timeOut(token)`, closes it, and a second completion rejects with TaskClosedError.
 */
export class FakeWorkflow implements WorkflowPort {
  readonly faults = new Faults<keyof WorkflowPort>();
  /** Execution name → the execution's input and how many StartExecution calls named it. */
  readonly executions = new Map<string, { input: string; starts: number }>();
  readonly completions: TaskCompletion[] = [];
  private readonly waiting = new Set<string>();

  constructor(private readonly stateMachineArn = 'arn:aws:states:eu-north-1:111111111111:stateMachine:case') {}

  openTask(token: string): void {
    this.waiting.add(token);
  }

  timeOut(token: string): void {
    this.waiting.delete(token);
  }

  isWaiting(token: string): boolean {
    return this.waiting.has(token);
  }

  /** The names of the executions started for a case (by their input), in start order. */
  executionsOf(caseId: string): string[] {
    const input = JSON.stringify({ caseId });
    return [...this.executions].filter(([, e]) => e.input === input).map(([name]) => name);
  }

  async startExecution({ caseId, name }: StartExecutionRequest): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    this.faults.check('startExecution');
    const input = JSON.stringify(ExecutionInputSchema.parse({ caseId }));
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(name);
    if (existing) {
      existing.starts += 1;
      return { executionArn, alreadyStarted: true };
    }
    this.executions.set(name, { input, starts: 1 });
    return { executionArn, alreadyStarted: false };
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
    this.faults.check('sendTaskSuccess');
    this.close(taskToken);
    // As the service does: the output is JSON text.
    this.completions.push({ token: taskToken, kind: 'success', output: JSON.parse(JSON.stringify(output ?? null)) });
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    this.faults.check('sendTaskFailure');
    this.close(taskToken);
    this.completions.push({ token: taskToken, kind: 'failure', error, cause });
  }

  private close(token: string): void {
    if (!this.waiting.delete(token)) throw new TaskClosedError('Task is no longer waiting (InvalidToken)');
  }
}
