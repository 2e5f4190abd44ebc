import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../shared/ports/clock';
import { decideRetry, findCatcher } from './error-matching';
import { HistoryLimitExceededError, STATES_ERRORS, StatesError } from './errors';
import type { ExecutionRuntime } from './execution';
import { emitEvent, eventDetails, overHistoryLimit } from './history';
import { type EvalScope, evaluateAssign, evaluateTemplate } from './jsonata-eval';
import type { InvocationOutcome } from './lambda';
import { invokeResult } from './lambda';
import { payloadBytes, type SfnLimits } from './limits';
import type { Phase, ThreadRecord } from './records';
import type { Store } from './store';
import type { Json, JsonObject, MapState, ParallelState, State, TaskState } from './types';

/** Task tokens of waiting tasks, by sha256 (tokens are secrets: never logged, never keyed raw). */
export class TokenIndex {
  private readonly entries = new Map<string, { executionArn: string; threadId: string }>();

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  add(token: string, executionArn: string, threadId: string): void {
    this.entries.set(TokenIndex.hash(token), { executionArn, threadId });
  }

  remove(token: string): void {
    this.entries.delete(TokenIndex.hash(token));
  }

  find(token: string): { executionArn: string; threadId: string } | undefined {
    return this.entries.get(TokenIndex.hash(token));
  }
}

export const TOKEN_PATTERN = /^sfnlocal1\.[A-Za-z0-9_-]{64}$/;

export interface RuntimeServices {
  store: Store;
  clock: Clock;
  random: () => number;
  region: string;
  tokens: TokenIndex;
  limits: SfnLimits;
  /** Calls the Lambda outside the lock; the outcome comes back via Interpreter.onInvocationResult. */
  startInvocation(exec: ExecutionRuntime, threadId: string, seq: number): void;
  /** The execution reached a final status and was removed from memory. */
  onExecutionClosed(exec: ExecutionRuntime): void;
}

type Completion = { result?: Json; next?: string | null; output?: Json; assign?: JsonObject };

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000).toISOString();

/**
 * Runs states. Every method here is called inside the execution's lock; every transition is
 * persisted (one conditional write of the thread) before anything depends on it.
 */
export class Interpreter {
  constructor(private readonly s: RuntimeServices) {}

  private now(): Date {
    return this.s.clock.now();
  }

  private emit(exec: ExecutionRuntime, type: string, details?: Record<string, Json>): Promise<void> {
    return emitEvent(this.s.store, exec, this.now(), type, details, this.s.limits.maxExecutionHistoryEvents);
  }

  /**
   * States.DataLimitExceeded when a state's effective input (after Arguments), its output or a
   * task's result is over the payload quota ("Handling errors in Step Functions workflows").
   */
  private withinPayloadLimit(value: Json, state: State, what: 'input' | 'output' | 'result'): void {
    if (payloadBytes(JSON.stringify(value)) <= this.s.limits.maxPayloadBytes) return;
    const cause =
      what === 'result'
        ? `The state/task '${state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`
        : `The state '${state.name}' has an ${what} with a size exceeding the maximum number of bytes service limit.`;
    throw new StatesError(STATES_ERRORS.dataLimitExceeded, cause);
  }

  stateOf(exec: ExecutionRuntime, thread: ThreadRecord): State | undefined {
    return exec.definition.graphs.get(thread.graph)?.states.get(thread.state);
  }

  /** Steps queued threads until nothing can move without an outside event. */
  async drain(exec: ExecutionRuntime): Promise<void> {
    while (exec.queue.length > 0 && !exec.closed) {
      const thread = exec.threads.get(exec.queue.shift() as string);
      if (thread) await this.step(exec, thread);
    }
  }

  private async step(exec: ExecutionRuntime, thread: ThreadRecord): Promise<void> {
    if (thread.status !== 'RUNNING') return this.afterTerminal(exec, thread);
    const state = this.stateOf(exec, thread);
    if (!state) return this.terminate(exec, thread, { error: STATES_ERRORS.runtime, cause: `State '${thread.state}' does not exist` });
    if (thread.phase.kind === 'enter') {
      await this.emit(exec, `${state.type}StateEntered`, eventDetails.stateEntered(state.name, thread.input));
      return this.guard(exec, thread, state, () => this.runState(exec, thread, state));
    }
    if (thread.phase.kind === 'children') return this.guard(exec, thread, state, () => this.pumpChildren(exec, thread, state as MapState | ParallelState));
  }

  /** Runs `work`; a StatesError from it becomes the state's failure (Retry/Catch apply). */
  private async guard(exec: ExecutionRuntime, thread: ThreadRecord, state: State, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      await this.fail(exec, thread, state, error.error, error.causeText);
    }
  }

  scope(exec: ExecutionRuntime, thread: ThreadRecord, extra: Partial<EvalScope['states']> = {}, context: JsonObject = {}): EvalScope {
    const record = exec.record;
    const stateMachineName = record.stateMachineArn.split(':').pop() ?? '';
    return {
      variables: exec.visibleVariables(thread),
      states: {
        input: thread.input,
        ...extra,
        context: {
          Execution: {
            Id: record.executionArn,
            Input: JSON.parse(record.input) as Json,
            Name: record.name,
            RoleArn: `arn:aws:iam::000000000000:role/local-${stateMachineName}`,
            StartTime: record.startDate,
            RedriveCount: 0,
          },
          State: { EnteredTime: thread.enteredAt, Name: thread.state, RetryCount: thread.retryAttempts.reduce((a, b) => a + b, 0) },
          StateMachine: { Id: record.stateMachineArn, Name: stateMachineName },
          ...context,
        },
      },
    };
  }

  private async integerField(value: number | string | undefined, scope: EvalScope, field: string, min: number): Promise<number | undefined> {
    if (value === undefined || typeof value === 'number') return value;
    const result = await evaluateTemplate(value, scope, field);
    if (typeof result !== 'number' || !Number.isInteger(result) || result < min) {
      throw new StatesError(STATES_ERRORS.queryEvaluationError, `The field '${field}' must be an integer >= ${min}, got ${JSON.stringify(result)}`);
    }
    return result;
  }

  /** First execution of a state's work (also re-run by Retry). */
  async runState(exec: ExecutionRuntime, thread: ThreadRecord, state: State): Promise<void> {
    const scope = this.scope(exec, thread);
    switch (state.type) {
      case 'Pass':
        return this.complete(exec, thread, state, {});
      case 'Succeed': {
        const output = state.output !== undefined ? await evaluateTemplate(state.output, scope, 'Output') : thread.input;
        this.withinPayloadLimit(output, state, 'output');
        await this.emit(exec, 'SucceedStateExited', eventDetails.stateExited(state.name, output));
        return this.terminate(exec, thread, { output });
      }
      case 'Fail': {
        const error = state.error !== undefined ? await evaluateTemplate(state.error, scope, 'Error') : '';
        const cause = state.cause !== undefined ? await evaluateTemplate(state.cause, scope, 'Cause') : '';
        if (typeof error !== 'string' || typeof cause !== 'string') {
          throw new StatesError(STATES_ERRORS.queryEvaluationError, 'Fail state Error and Cause must evaluate to strings');
        }
        return this.terminate(exec, thread, { error, cause });
      }
      case 'Choice': {
        for (const [i, rule] of state.choices.entries()) {
          const value = typeof rule.condition === 'boolean' ? rule.condition : await evaluateTemplate(rule.condition, scope, `Choices[${i}].Condition`);
          if (typeof value !== 'boolean') {
            throw new StatesError(STATES_ERRORS.queryEvaluationError, `Choices[${i}].Condition must evaluate to a boolean, got ${JSON.stringify(value)}`);
          }
          if (value) return this.complete(exec, thread, state, { next: rule.next, output: rule.output ?? state.output, assign: rule.assign ?? state.assign });
        }
        if (state.default) return this.complete(exec, thread, state, { next: state.default });
        throw new StatesError(STATES_ERRORS.noChoiceMatched, `No Choice Rules matched the input of state '${state.name}'`);
      }
      case 'Wait': {
        let dueAt: string;
        if (state.timestamp !== undefined) {
          const value = await evaluateTemplate(state.timestamp, scope, 'Timestamp');
          const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
          if (Number.isNaN(time)) throw new StatesError(STATES_ERRORS.queryEvaluationError, `Timestamp must be an ISO-8601 string, got ${JSON.stringify(value)}`);
          dueAt = new Date(time).toISOString();
        } else {
          dueAt = addSeconds(this.now(), (await this.integerField(state.seconds, scope, 'Seconds', 0)) ?? 0);
        }
        return this.save(exec, thread, { kind: 'wait', dueAt });
      }
      case 'Task':
        return this.startTask(exec, thread, state, scope);
      case 'Map':
        return this.startMap(exec, thread, state, scope);
      case 'Parallel': {
        const input = state.arguments !== undefined ? await evaluateTemplate(state.arguments, scope, 'Arguments') : thread.input;
        this.withinPayloadLimit(input, state, 'input');
        await this.emit(exec, 'ParallelStateStarted');
        await this.save(exec, thread, { kind: 'children', kindOf: 'Parallel', maxConcurrency: 0, inputs: state.branches.map(() => input) });
        exec.enqueue(thread.id);
        return;
      }
    }
  }

  private async startTask(exec: ExecutionRuntime, thread: ThreadRecord, state: TaskState, entryScope: EvalScope): Promise<void> {
    const token = state.resource === 'invoke.waitForTaskToken' ? `sfnlocal1.${randomBytes(48).toString('base64url')}` : undefined;
    const scope = token ? this.scope(exec, thread, {}, { Task: { Token: token } }) : entryScope;
    const args = await evaluateTemplate(state.arguments ?? null, scope, 'Arguments');
    if (args === null || typeof args !== 'object' || Array.isArray(args) || typeof args.FunctionName !== 'string') {
      throw new StatesError(STATES_ERRORS.queryEvaluationError, 'Arguments must evaluate to an object with a FunctionName string');
    }
    this.withinPayloadLimit(args, state, 'input');
    const timeout = await this.integerField(state.timeoutSeconds, entryScope, 'TimeoutSeconds', 1);
    const heartbeat = await this.integerField(state.heartbeatSeconds, entryScope, 'HeartbeatSeconds', 1);
    if (timeout !== undefined && heartbeat !== undefined && heartbeat >= timeout) {
      throw new StatesError(STATES_ERRORS.queryEvaluationError, 'HeartbeatSeconds must be smaller than TimeoutSeconds');
    }
    const now = this.now();
    const phase: Phase = {
      kind: 'task',
      functionName: args.FunctionName,
      payload: args.Payload ?? {},
      invoked: false,
      ...(token ? { token } : {}),
      ...(timeout !== undefined ? { timeoutAt: addSeconds(now, timeout) } : {}),
      ...(heartbeat !== undefined ? { heartbeatAt: addSeconds(now, heartbeat), heartbeatSeconds: heartbeat } : {}),
    };
    await this.save(exec, thread, phase);
    await this.emit(exec, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: state.resource,
        region: this.s.region,
        parameters: JSON.stringify(args),
        ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
        ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
      },
    });
    await this.emit(exec, 'TaskStarted', { taskStartedEventDetails: { resourceType: 'lambda', resource: state.resource } });
    this.s.startInvocation(exec, thread.id, thread.seq);
  }

  private async startMap(exec: ExecutionRuntime, thread: ThreadRecord, state: MapState, scope: EvalScope): Promise<void> {
    const items = state.items !== undefined ? await evaluateTemplate(state.items, scope, 'Items') : thread.input;
    if (!Array.isArray(items)) throw new StatesError(STATES_ERRORS.queryEvaluationError, `Items must evaluate to an array, got ${JSON.stringify(items)}`);
    const maxConcurrency = (await this.integerField(state.maxConcurrency, scope, 'MaxConcurrency', 0)) ?? 0;
    const inputs: Json[] = [];
    for (const [index, value] of items.entries()) {
      if (state.itemSelector === undefined) inputs.push(value);
      else {
        const itemScope = this.scope(exec, thread, {}, { Map: { Item: { Index: index, Value: value } } });
        inputs.push(await evaluateTemplate(state.itemSelector, itemScope, 'ItemSelector'));
      }
    }
    await this.emit(exec, 'MapStateStarted', { mapStateStartedEventDetails: { length: inputs.length } });
    await this.save(exec, thread, { kind: 'children', kindOf: 'Map', maxConcurrency, inputs });
    exec.enqueue(thread.id);
  }

  /** Launches iterations/branches up to MaxConcurrency and completes the state when all are done. */
  private async pumpChildren(exec: ExecutionRuntime, parent: ThreadRecord, state: MapState | ParallelState): Promise<void> {
    const phase = parent.phase;
    if (phase.kind !== 'children') return;
    const prefix = `${parent.id}/${parent.seq}.`;
    const children = phase.inputs.map((_, i) => exec.threads.get(`${prefix}${i}`));
    const failed = children.find((c) => c?.status === 'FAILED');
    if (failed) {
      await this.emit(exec, `${phase.kindOf}StateFailed`);
      return this.fail(exec, parent, state, failed.error ?? '', failed.cause ?? '');
    }
    if (children.every((c) => c?.status === 'SUCCEEDED')) {
      await this.emit(exec, `${phase.kindOf}StateSucceeded`);
      return this.complete(exec, parent, state, { result: children.map((c) => c?.output ?? null) });
    }
    let running = children.filter((c) => c?.status === 'RUNNING').length;
    const limit = phase.maxConcurrency > 0 ? phase.maxConcurrency : Number.POSITIVE_INFINITY;
    for (const [index, input] of phase.inputs.entries()) {
      if (running >= limit) break;
      if (children[index]) continue;
      const graph = state.type === 'Map' ? state.processor : (state.branches[index] as string);
      const startAt = exec.definition.graphs.get(graph)?.startAt ?? '';
      const child: ThreadRecord = {
        id: `${prefix}${index}`,
        parentId: parent.id,
        graph,
        index,
        status: 'RUNNING',
        seq: 0,
        state: startAt,
        input,
        enteredAt: this.now().toISOString(),
        retryAttempts: [],
        variables: {},
        phase: { kind: 'enter' },
        version: 0,
      };
      exec.threads.set(child.id, child);
      await this.persist(exec, child);
      if (state.type === 'Map') await this.emit(exec, 'MapIterationStarted', { mapIterationStartedEventDetails: { name: state.name, index } });
      exec.enqueue(child.id);
      running += 1;
    }
  }

  /** Evaluates Output/Assign with the state's result and moves on (or ends the thread). */
  async complete(exec: ExecutionRuntime, thread: ThreadRecord, state: State, completion: Completion): Promise<void> {
    const hasResult = completion.result !== undefined;
    const scope = this.scope(exec, thread, hasResult ? { result: completion.result as Json } : {});
    const outputTemplate = 'output' in completion ? completion.output : state.output;
    const assignTemplate = 'assign' in completion ? completion.assign : state.assign;
    const output = outputTemplate !== undefined ? await evaluateTemplate(outputTemplate, scope, 'Output') : hasResult ? (completion.result as Json) : thread.input;
    const assigned = assignTemplate !== undefined ? await evaluateAssign(assignTemplate, scope) : {};
    this.withinPayloadLimit(output, state, 'output');
    await this.emit(exec, `${state.type}StateExited`, eventDetails.stateExited(state.name, output));
    const next = completion.next !== undefined ? completion.next : state.next;
    await this.transition(exec, thread, next ?? undefined, output, assigned);
  }

  private async transition(exec: ExecutionRuntime, thread: ThreadRecord, next: string | undefined, output: Json, assigned: JsonObject): Promise<void> {
    thread.variables = { ...thread.variables, ...assigned };
    if (next === undefined) return this.terminate(exec, thread, { output });
    thread.state = next;
    thread.input = output;
    thread.enteredAt = this.now().toISOString();
    thread.retryAttempts = [];
    await this.save(exec, thread, { kind: 'enter' });
    exec.enqueue(thread.id);
  }

  /** Error handling for a state: first matching retrier, else first matching catcher, else the thread fails. */
  async fail(exec: ExecutionRuntime, thread: ThreadRecord, state: State, error: string, cause: string): Promise<void> {
    if (state.type === 'Task' || state.type === 'Map' || state.type === 'Parallel') {
      const decision = decideRetry(state.retry, thread.retryAttempts, error, this.s.random);
      if (decision.retry) {
        const attempts = [...thread.retryAttempts];
        attempts[decision.retrierIndex] = (attempts[decision.retrierIndex] ?? 0) + 1;
        thread.retryAttempts = Array.from(attempts, (n) => n ?? 0);
        return this.save(exec, thread, { kind: 'retry', dueAt: new Date(this.now().getTime() + decision.delayMs).toISOString() });
      }
      const catcher = findCatcher(state.catch, error);
      if (catcher) {
        const errorOutput: JsonObject = { Error: error, Cause: cause };
        try {
          const scope = this.scope(exec, thread, { errorOutput });
          const output = catcher.output !== undefined ? await evaluateTemplate(catcher.output, scope, 'Catch.Output') : errorOutput;
          const assigned = catcher.assign !== undefined ? await evaluateAssign(catcher.assign, scope, 'Catch.Assign') : {};
          await this.emit(exec, `${state.type}StateExited`, eventDetails.stateExited(state.name, output));
          return await this.transition(exec, thread, catcher.next, output, assigned);
        } catch (evaluationError) {
          // A catcher whose own Output/Assign fails ends the thread with that error (no second catch).
          if (!(evaluationError instanceof StatesError)) throw evaluationError;
          return this.terminate(exec, thread, { error: evaluationError.error, cause: evaluationError.causeText });
        }
      }
    }
    return this.terminate(exec, thread, { error, cause });
  }

  /** Ends a thread (success with output, or failure with error/cause). */
  private async terminate(exec: ExecutionRuntime, thread: ThreadRecord, end: { output?: Json; error?: string; cause?: string }): Promise<void> {
    thread.status = end.error !== undefined ? 'FAILED' : 'SUCCEEDED';
    if (end.error !== undefined) {
      thread.error = end.error;
      thread.cause = end.cause ?? '';
    } else thread.output = end.output ?? null;
    await this.save(exec, thread, { kind: 'enter' });
    const parent = thread.parentId ? exec.threads.get(thread.parentId) : undefined;
    if (parent?.phase.kind === 'children' && parent.phase.kindOf === 'Map') {
      const type = thread.status === 'SUCCEEDED' ? 'MapIterationSucceeded' : 'MapIterationFailed';
      const name = parent.state;
      await this.emit(exec, type, { [`mapIteration${type.slice('MapIteration'.length)}EventDetails`]: { name, index: thread.index } });
    }
    exec.enqueue(thread.id);
  }

  private async afterTerminal(exec: ExecutionRuntime, thread: ThreadRecord): Promise<void> {
    if (thread.parentId) {
      exec.enqueue(thread.parentId);
      return;
    }
    if (thread.status === 'SUCCEEDED') {
      await this.closeExecution(exec, { status: 'SUCCEEDED', output: JSON.stringify(thread.output ?? null) }, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: JSON.stringify(thread.output ?? null) },
      });
    } else {
      const error = thread.error ?? '';
      const cause = thread.cause ?? '';
      await this.closeExecution(exec, { status: 'FAILED', error, cause }, 'ExecutionFailed', eventDetails.failure('executionFailedEventDetails', error, cause));
    }
  }

  /** Writes the final status, records the event and forgets the execution's threads. */
  async closeExecution(
    exec: ExecutionRuntime,
    patch: Pick<typeof exec.record, 'status'> & Partial<typeof exec.record>,
    eventType: string,
    details?: Record<string, Json>,
  ): Promise<void> {
    if (exec.closed || exec.record.status !== 'RUNNING') return;
    if (overHistoryLimit(exec, eventType, this.s.limits.maxExecutionHistoryEvents)) {
      // Only ExecutionSucceeded or ExecutionFailed may be the last event the quota allows.
      return this.failOverHistoryLimit(exec);
    }
    const record = { ...exec.record, ...patch, stopDate: this.now().toISOString(), version: exec.record.version + 1 };
    await this.s.store.updateExecution(record);
    exec.closed = true;
    try {
      await this.emit(exec, eventType, details);
    } finally {
      // Only now does DescribeExecution (served from memory) report the end, so a caller that saw
      // it finds the final event in the history too.
      exec.record = record;
    }
    for (const thread of exec.threads.values()) this.forgetToken(thread.phase);
    await Promise.all([...exec.threads.keys()].map((id) => this.s.store.deleteThread(exec.arn, id)));
    exec.threads.clear();
    exec.queue.length = 0;
    this.s.onExecutionClosed(exec);
  }

  /** Ends the execution whose history is full: FAILED, with ExecutionFailed as its last event. */
  async failOverHistoryLimit(exec: ExecutionRuntime): Promise<void> {
    const error = STATES_ERRORS.runtime;
    const cause = new HistoryLimitExceededError(this.s.limits.maxExecutionHistoryEvents).message;
    await this.closeExecution(exec, { status: 'FAILED', error, cause }, 'ExecutionFailed', eventDetails.failure('executionFailedEventDetails', error, cause));
  }

  // --- outside events (each is called inside the lock, followed by drain) ---

  async onInvocationResult(exec: ExecutionRuntime, threadId: string, seq: number, outcome: InvocationOutcome): Promise<void> {
    const thread = exec.threads.get(threadId);
    if (thread?.status !== 'RUNNING' || thread.seq !== seq || thread.phase.kind !== 'task') return;
    const state = this.stateOf(exec, thread) as TaskState;
    const resource = { resourceType: 'lambda', resource: state.resource };
    if (!outcome.ok) {
      await this.emit(exec, 'TaskFailed', eventDetails.failure('taskFailedEventDetails', outcome.error, outcome.cause, resource));
      return this.guard(exec, thread, state, () => this.fail(exec, thread, state, outcome.error, outcome.cause));
    }
    if (state.resource === 'invoke') {
      const result = invokeResult(outcome.payload, outcome.requestId);
      const oversized = this.payloadProblem(result, state);
      if (oversized) return this.onInvocationResult(exec, threadId, seq, { ok: false, requestId: outcome.requestId, ...oversized });
      await this.emit(exec, 'TaskSucceeded', { taskSucceededEventDetails: { ...resource, output: JSON.stringify(result) } });
      return this.guard(exec, thread, state, () => this.complete(exec, thread, state, { result }));
    }
    // waitForTaskToken: the call returned; from now on only SendTask* or a timeout ends the task.
    thread.phase = { ...thread.phase, invoked: true };
    await this.persist(exec, thread);
    await this.emit(exec, 'TaskSubmitted', { taskSubmittedEventDetails: { ...resource, output: JSON.stringify(outcome.payload) } });
  }

  /** The DataLimitExceeded error for a task result over the quota, if it is. */
  private payloadProblem(result: Json, state: State): { error: string; cause: string } | undefined {
    try {
      this.withinPayloadLimit(result, state, 'result');
      return undefined;
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      return { error: error.error, cause: error.causeText };
    }
  }

  /** SendTaskSuccess / SendTaskFailure for the task waiting on `token`; false if none is. */
  async onTaskToken(exec: ExecutionRuntime, threadId: string, token: string, outcome: { output: Json } | { error: string; cause: string }): Promise<boolean> {
    const thread = exec.threads.get(threadId);
    if (thread?.status !== 'RUNNING' || thread.phase.kind !== 'task' || thread.phase.token !== token) return false;
    const state = this.stateOf(exec, thread) as TaskState;
    const resource = { resourceType: 'lambda', resource: state.resource };
    if ('output' in outcome) {
      await this.emit(exec, 'TaskSucceeded', { taskSucceededEventDetails: { ...resource, output: JSON.stringify(outcome.output) } });
      await this.guard(exec, thread, state, () => this.complete(exec, thread, state, { result: outcome.output }));
    } else {
      await this.emit(exec, 'TaskFailed', eventDetails.failure('taskFailedEventDetails', outcome.error, outcome.cause, resource));
      await this.guard(exec, thread, state, () => this.fail(exec, thread, state, outcome.error, outcome.cause));
    }
    return true;
  }

  async onHeartbeat(exec: ExecutionRuntime, threadId: string, token: string): Promise<boolean> {
    const thread = exec.threads.get(threadId);
    const phase = thread?.phase;
    if (thread?.status !== 'RUNNING' || phase?.kind !== 'task' || phase.token !== token) return false;
    if (phase.heartbeatSeconds !== undefined) {
      thread.phase = { ...phase, heartbeatAt: addSeconds(this.now(), phase.heartbeatSeconds) };
      await this.persist(exec, thread);
    }
    return true;
  }

  /** The earliest deadline of a thread's current phase, if any (what the scheduler polls). */
  static deadlineOf(thread: ThreadRecord): string | undefined {
    const phase = thread.phase;
    if (thread.status !== 'RUNNING') return undefined;
    if (phase.kind === 'wait' || phase.kind === 'retry') return phase.dueAt;
    if (phase.kind === 'task') {
      const times = [phase.timeoutAt, phase.heartbeatAt].filter((t): t is string => t !== undefined);
      return times.sort()[0];
    }
    return undefined;
  }

  async onDeadline(exec: ExecutionRuntime, threadId: string): Promise<void> {
    const thread = exec.threads.get(threadId);
    const due = thread ? Interpreter.deadlineOf(thread) : undefined;
    if (!thread || !due || Date.parse(due) > this.now().getTime()) return;
    const state = this.stateOf(exec, thread);
    if (!state) return;
    const phase = thread.phase;
    if (phase.kind === 'wait') return this.guard(exec, thread, state, () => this.complete(exec, thread, state, {}));
    if (phase.kind === 'retry') return this.guard(exec, thread, state, () => this.runState(exec, thread, state));
    if (phase.kind === 'task') {
      const timedOut = phase.timeoutAt !== undefined && Date.parse(phase.timeoutAt) <= this.now().getTime();
      const error = timedOut ? STATES_ERRORS.timeout : STATES_ERRORS.heartbeatTimeout;
      const cause = timedOut ? 'The task did not complete within TimeoutSeconds' : 'No heartbeat within HeartbeatSeconds';
      const resource = { resourceType: 'lambda', resource: (state as TaskState).resource };
      await this.emit(exec, 'TaskTimedOut', eventDetails.failure('taskTimedOutEventDetails', error, cause, resource));
      return this.guard(exec, thread, state, () => this.fail(exec, thread, state, error, cause));
    }
  }

  // --- persistence ---

  /** Sets a new phase (a new seq: stale async results are dropped) and persists the thread. */
  private async save(exec: ExecutionRuntime, thread: ThreadRecord, phase: Phase): Promise<void> {
    const previous = thread.phase;
    this.forgetToken(previous);
    thread.phase = phase;
    thread.seq += 1;
    await this.persist(exec, thread);
    if (phase.kind === 'task' && phase.token) this.s.tokens.add(phase.token, exec.arn, thread.id);
    // Children are discarded only after the parent's new phase is stored, so a crash in between
    // never makes a resumed parent re-launch iterations it had already left.
    if (previous.kind === 'children') await this.discardDescendants(exec, thread);
  }

  async persist(exec: ExecutionRuntime, thread: ThreadRecord): Promise<void> {
    thread.version += 1;
    await this.s.store.putThread(exec.arn, thread);
  }

  forgetToken(phase: Phase): void {
    if (phase.kind === 'task' && phase.token) this.s.tokens.remove(phase.token);
  }

  async discardDescendants(exec: ExecutionRuntime, thread: ThreadRecord): Promise<void> {
    for (const child of exec.descendantsOf(thread.id)) {
      this.forgetToken(child.phase);
      exec.threads.delete(child.id);
      await this.s.store.deleteThread(exec.arn, child.id);
    }
  }
}
