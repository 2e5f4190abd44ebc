import { ENV } from '../../shared/config/env';
import { requiredSetting } from '../config';
import {
  type SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type ExecutionInput, ExecutionInputSchema } from '../../shared/workflow/contract';
import { type StartExecutionRequest, TaskClosedError, type WorkflowPort } from '../../shared/ports/workflow';

/** Errors meaning "this token is no longer waiting": someone else completed or it timed out. */
const CLOSED_TASK_ERRORS = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/** SendTaskFailure limits (Step Functions API reference). */
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export class SfnWorkflow implements WorkflowPort {
  /** Only functions that start executions have the ARN; completing tasks needs just the token. */
  constructor(
    private readonly client: SFNClient,
    private readonly configuredArn: string | undefined,
  ) {}

  private get stateMachineArn(): string {
    return requiredSetting(this.configuredArn, ENV.stateMachineArn);
  }

  async startExecution({ caseId, name }: StartExecutionRequest): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    const input: ExecutionInput = ExecutionInputSchema.parse({ caseId });
    try {
      const out = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return { executionArn: out.executionArn ?? executionArnFor(this.stateMachineArn, name), alreadyStarted: false };
    } catch (error) {
      // The name is the case number and generation, unique per case, so an existing execution
      // of that name is this generation's own (Standard workflows keep names for 90 days).
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
        return { executionArn: executionArnFor(this.stateMachineArn, name), alreadyStarted: true };
      }
      throw error;
    }
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
    await this.completing(() =>
      this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? null) })),
    );
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    await this.completing(() =>
      this.client.send(
        new SendTaskFailureCommand({
          taskToken,
          error: error.slice(0, MAX_ERROR_LENGTH),
          cause: cause.slice(0, MAX_CAUSE_LENGTH),
        }),
      ),
    );
  }

  private async completing(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (error instanceof Error && CLOSED_TASK_ERRORS.has(error.name)) {
        // The message can echo the token; keep only the error name.
        throw new TaskClosedError(`Task is no longer waiting (${error.name})`, { cause: error });
      }
      throw error;
    }
  }
}
