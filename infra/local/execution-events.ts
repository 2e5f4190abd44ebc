import type { CloudAssembly, LambdaFunctionInfo } from './cloud-assembly';
import { findResources } from './cloud-assembly';
import type { IntrinsicResolver } from './intrinsics';
import type { Engine, ExecutionDescription } from './sfn';

/**
 * EventBridge locally, for the one kind of event the app routes to Lambda: "Step Functions
 * Execution Status Change". The rules come from the synthesized template (AWS::Events::Rule
 * with source aws.states); the local engine's executions are watched and each stopped one is
 * delivered once per process to the rules' Lambda targets, with the detail EventBridge sends
 * (name, status, dates, input). Delivery is at least once, as in AWS: after a restart an
 * execution that stopped earlier is delivered again, and the targets are idempotent.
 */
export const STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

export interface ExecutionEventRule {
  logicalId: string;
  statuses: readonly string[];
  /** Absent: any state machine. */
  stateMachineArns: readonly string[] | undefined;
  /** The Lambda functions among the rule's targets (other targets, e.g. SNS, are not run locally). */
  targets: readonly LambdaFunctionInfo[];
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

export function executionEventRules(
  assembly: CloudAssembly,
  resolver: IntrinsicResolver,
  functions: readonly LambdaFunctionInfo[],
): ExecutionEventRule[] {
  return findResources(assembly, 'AWS::Events::Rule').flatMap(({ stackName, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const pattern = resolver.resolve(stackName, props.EventPattern ?? {}) as Record<string, unknown>;
    const detail = (pattern.detail ?? {}) as Record<string, unknown>;
    if (!strings(pattern.source)?.includes('aws.states')) return [];
    if (!strings(pattern['detail-type'])?.includes(STATUS_CHANGE_DETAIL_TYPE)) return [];
    const targetArns = (resolver.resolve(stackName, props.Targets ?? []) as Array<{ Arn?: unknown }>).map((t) => t.Arn);
    const targets = functions.filter((fn) => targetArns.includes(fn.arn));
    if (targets.length === 0) return [];
    return [{ logicalId, statuses: strings(detail.status) ?? [], stateMachineArns: strings(detail.stateMachineArn), targets }];
  });
}

/** The event as EventBridge delivers it to a Lambda target. */
export function statusChangeEvent(execution: ExecutionDescription, region = 'eu-north-1'): Record<string, unknown> {
  const account = execution.executionArn.split(':')[4] ?? '000000000000';
  return {
    version: '0',
    id: `local-${execution.name}-${execution.status}`,
    'detail-type': STATUS_CHANGE_DETAIL_TYPE,
    source: 'aws.states',
    account,
    time: (execution.stopDate ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [execution.executionArn],
    detail: {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate.getTime(),
      stopDate: execution.stopDate ? execution.stopDate.getTime() : null,
      input: execution.input ?? null,
      output: execution.output ?? null,
    },
  };
}

export interface ExecutionEventDeliveryOptions {
  engine: Engine;
  rules: readonly ExecutionEventRule[];
  stateMachineArn: string;
  invoke: (fn: LambdaFunctionInfo, event: unknown) => Promise<unknown>;
  intervalMs?: number;
  log?: (message: string) => void;
}

/** Watches the engine and delivers stopped executions to the rules' targets; `stop` ends it. */
export function startExecutionEventDelivery(options: ExecutionEventDeliveryOptions): { poll(): Promise<void>; stop(): Promise<void> } {
  const rules = options.rules.filter((r) => !r.stateMachineArns || r.stateMachineArns.includes(options.stateMachineArn));
  const statuses = [...new Set(rules.flatMap((r) => r.statuses))];
  const delivered = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const deliver = async (arn: string): Promise<void> => {
    const execution = await options.engine.describeExecution(arn);
    const event = statusChangeEvent(execution);
    for (const rule of rules.filter((r) => r.statuses.includes(execution.status))) {
      for (const fn of rule.targets) {
        try {
          await options.invoke(fn, event);
        } catch (error) {
          // EventBridge retries a failed asynchronous invocation; the next poll does here.
          delivered.delete(arn);
          options.log?.(`[events] ${rule.logicalId} → ${fn.functionName} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  };

  const pollOnce = async (): Promise<void> => {
    for (const statusFilter of statuses) {
      let nextToken: string | undefined;
      do {
        const page = await options.engine.listExecutions({
          stateMachineArn: options.stateMachineArn,
          statusFilter: statusFilter as ExecutionDescription['status'],
          ...(nextToken ? { nextToken } : {}),
        });
        for (const execution of page.executions) {
          if (delivered.has(execution.executionArn)) continue;
          delivered.add(execution.executionArn);
          await deliver(execution.executionArn);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
  };

  const poll = (): Promise<void> => {
    running = running.then(pollOnce).catch((error: unknown) => {
      options.log?.(`[events] poll failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return running;
  };
  // A tick while a poll still runs is skipped: polls never queue up behind a slow store.
  let busy = false;
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    void poll().finally(() => {
      busy = false;
    });
  };
  const timer = statuses.length === 0 ? undefined : setInterval(tick, options.intervalMs ?? 500);
  timer?.unref();
  return {
    poll,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
