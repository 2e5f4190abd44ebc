import { type AwsJsonServer, startAwsJsonServer } from './aws-json-server';

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-north-1:111111111111:stateMachine:case-workflow';

/**
 * Just enough Step Functions for the adapter: StartExecution with the service's name rules
 * (same name while running and same input → same execution; otherwise ExecutionAlreadyExists),
 * and task completion that accepts each waiting token once (TaskTimedOut afterwards, as the
 * service answers for a token that is no longer waiting) and InvalidToken for malformed ones.
 */
export interface SfnServer extends AwsJsonServer {
  openTask(token: string): void;
  finishExecution(name: string): void;
}

export async function startSfnServer(): Promise<SfnServer> {
  const executions = new Map<string, { input: string; running: boolean }>();
  const waiting = new Set<string>();
  const complete = (input: Record<string, unknown>) => {
    const token = String(input.taskToken);
    if (!token.startsWith('tok-')) return { error: 'InvalidToken', message: `Invalid token: ${token}` };
    if (!waiting.delete(token)) return { error: 'TaskTimedOut', message: `Task timed out: ${token}` };
    return { ok: {} };
  };
  const server = await startAwsJsonServer({
    StartExecution: (input) => {
      const name = String(input.name);
      const arn = `${String(input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${name}`;
      const existing = executions.get(name);
      if (existing && !(existing.running && existing.input === input.input)) {
        return { error: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${arn}'` };
      }
      executions.set(name, { input: String(input.input), running: true });
      return { ok: { executionArn: arn, startDate: 1_772_442_000 } };
    },
    SendTaskSuccess: complete,
    SendTaskFailure: complete,
  });
  return {
    ...server,
    openTask: (token) => waiting.add(token),
    finishExecution: (name) => {
      const execution = executions.get(name);
      if (execution) execution.running = false;
    },
  };
}
