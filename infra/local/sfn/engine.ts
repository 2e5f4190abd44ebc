import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/ports/clock';
import type { FaultInjector } from '../faults';
import { loadDefinition } from './definition';
import { HistoryLimitExceededError, InvalidDefinitionError, OwnershipLostError, SfnApiError, STATES_ERRORS } from './errors';
import { ExecutionRuntime } from './execution';
import { emitEvent } from './history';
import { Interpreter, TOKEN_PATTERN, TokenIndex } from './interpreter';
import {
  byFunctionName,
  createInvokerResolver,
  type InvocationOutcome,
  type Invoker,
  type InvokerResolver,
  invokeFunction,
  LAMBDA_DEFAULT_TIMEOUT_SECONDS,
  LAMBDA_FAULTS,
  lambdaServiceFailure,
} from './lambda';
import { payloadBytes, resolveLimits, type SfnLimits } from './limits';
import type { ExecutionRecord, ExecutionStatus, ThreadRecord } from './records';
import { type DynamoSettings, Store } from './store';
import type { Json, LoadedDefinition } from './types';

export interface StateMachineConfig {
  /** e.g. arn:aws:states:eu-north-1:000000000000:stateMachine:CaseWorkflow */
  stateMachineArn: string;
  /** The definition as parsed JSON (or JSON text), intrinsics already resolved. */
  definition: unknown;
}

export interface EngineLogger {
  error(message: string, detail?: unknown): void;
}

export interface EngineOptions {
  stateMachines: StateMachineConfig[];
  /** Lambda ARN or function name → handler; or a resolver function. */
  invokers: Map<string, Invoker> | InvokerResolver;
  dynamo: DynamoSettings;
  clock?: Clock;
  /** How often the scheduler looks for due deadlines (default 100 ms). */
  pollIntervalMs?: number;
  /**
   * Each function's Timeout in seconds (the template's Timeout), keyed like `invokers`. A call
   * running longer fails the task with Sandbox.Timedout; getRemainingTimeInMillis counts down from it.
   */
  functionTimeouts?: Map<string, number>;
  /** Timeout for a function missing from functionTimeouts (default: Lambda's 3 s). */
  defaultFunctionTimeoutSeconds?: number;
  /** AWS's Standard workflow quotas by default; tests lower them to reach them quickly. */
  limits?: Partial<SfnLimits>;
  /**
   * Fails a share of the Lambda invocations with a Lambda service error before the handler runs
   * (BESLUTNINGSFLYT_FAULTS), as the Lambda service does when it throttles or has a bad moment.
   */
  faults?: FaultInjector;
  /** Source of randomness for JitterStrategy FULL (default Math.random). */
  random?: () => number;
  logger?: EngineLogger;
}

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

export interface HistoryEventOut {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface Engine {
  readonly stateMachineArns: string[];
  /** Resumes every RUNNING execution found in the table and starts the scheduler. */
  start(): Promise<void>;
  /** Stops the scheduler and lets in-progress transitions finish; Lambda results arriving later are dropped. */
  stop(): Promise<void>;
  startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }>;
  describeExecution(executionArn: string): Promise<ExecutionDescription>;
  getExecutionHistory(
    executionArn: string,
    options?: { maxResults?: number; nextToken?: string; reverseOrder?: boolean },
  ): Promise<{ events: HistoryEventOut[]; nextToken?: string }>;
  listExecutions(request: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: Array<Omit<ExecutionDescription, 'input' | 'output' | 'error' | 'cause'>>; nextToken?: string }>;
  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
  sendTaskHeartbeat(taskToken: string): Promise<void>;
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }>;
  /** Test/runtime helper: resolves once the execution is no longer RUNNING. */
  waitForExecution(executionArn: string, timeoutMs?: number): Promise<ExecutionDescription>;
}

const STATE_MACHINE_ARN = /^arn:([a-z-]+):states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;
const EXECUTION_ARN = /^arn:[a-z-]+:states:[a-z0-9-]+:\d{12}:execution:[A-Za-z0-9_-]{1,80}:[^:]{1,80}$/;
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** AWS execution names: 1–80 characters, no whitespace, brackets, wildcards, specials or control characters. */
function validName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || NAME_FORBIDDEN.test(name)) return false;
  return [...name].every((c) => {
    const code = c.charCodeAt(0);
    return code > 0x1f && (code < 0x7f || code > 0x9f);
  });
}

interface Machine {
  arn: string;
  definitionText: string;
  loaded: LoadedDefinition;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * A JSON text parameter of the API. Over the payload quota it is a ValidationException, as for
 * any request member over its modelled length (StartExecution input, SendTaskSuccess output:
 * "Length Constraints: Maximum length of 262144", counted in UTF-8 bytes).
 */
function parseJson(text: string, member: string, maxBytes: number, code: string, what: string): Json {
  if (payloadBytes(text) > maxBytes) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${maxBytes}`,
    );
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new SfnApiError(code, `${what} is not valid JSON`);
  }
}

function describe(record: ExecutionRecord): ExecutionDescription {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate ? { stopDate: new Date(record.stopDate) } : {}),
    input: record.input,
    ...(record.output !== undefined ? { output: record.output } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

class LocalEngine implements Engine {
  private readonly machines = new Map<string, Machine>();
  private readonly running = new Map<string, ExecutionRuntime>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly tokens = new TokenIndex();
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly resolve: InvokerResolver;
  private readonly interpreter: Interpreter;
  private readonly logger: EngineLogger;
  private readonly region: string;
  private readonly accountId: string;
  private readonly limits: SfnLimits;
  private readonly timeoutOf: (functionName: string) => number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(private readonly options: EngineOptions) {
    if (options.stateMachines.length === 0) throw new Error('createEngine needs at least one state machine');
    this.resolve = createInvokerResolver(options.invokers);
    this.limits = resolveLimits(options.limits);
    this.timeoutOf = byFunctionName(options.functionTimeouts ?? new Map<string, number>());
    const regions = new Set<string>();
    let accountId = '000000000000';
    for (const config of options.stateMachines) {
      const match = STATE_MACHINE_ARN.exec(config.stateMachineArn);
      if (!match) throw new Error(`Not a state machine ARN: ${config.stateMachineArn}`);
      regions.add(match[2] as string);
      accountId = match[3] as string;
      const definitionText = typeof config.definition === 'string' ? config.definition : JSON.stringify(config.definition);
      const loaded = loadDefinition(definitionText);
      const missing = loaded.functionNames.filter((f) => !this.resolve(f.functionName));
      if (missing.length > 0) {
        throw new InvalidDefinitionError(missing.map((f) => ({ path: f.path, message: `no invoker for function ${f.functionName}` })));
      }
      this.machines.set(config.stateMachineArn, { arn: config.stateMachineArn, definitionText, loaded });
    }
    this.region = [...regions][0] as string;
    this.accountId = accountId;
    this.store = new Store(options.dynamo);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? { error: (message, detail) => console.error(`[sfn-local] ${message}`, detail ?? '') };
    this.interpreter = new Interpreter({
      store: this.store,
      clock: this.clock,
      random: options.random ?? Math.random,
      region: this.region,
      tokens: this.tokens,
      limits: this.limits,
      startInvocation: (exec, threadId, seq) => this.startInvocation(exec, threadId, seq),
      onExecutionClosed: (exec) => {
        if (this.running.get(exec.arn) === exec) this.running.delete(exec.arn);
      },
    });
  }

  get stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('An engine can be started once; create a new one to restart');
    this.state = 'started';
    const records = await this.store.scanExecutions(true);
    for (const record of records) {
      if (!this.machines.has(record.stateMachineArn)) continue;
      await this.resumeExecution(record);
    }
    this.timer = setInterval(() => this.tick(), this.options.pollIntervalMs ?? 100);
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.running.values()].map((exec) => exec.idle()));
    this.running.clear();
  }

  // --- execution lifecycle ---

  private async resumeExecution(record: ExecutionRecord): Promise<void> {
    let loaded: LoadedDefinition | undefined;
    try {
      loaded = loadDefinition(record.definition);
    } catch (error) {
      // The pinned definition no longer passes this engine's checks: fail it loudly, once.
      const exec = new ExecutionRuntime(record, { graphs: new Map(), functionNames: [] }, await this.store.lastEventId(record.executionArn));
      const cause = error instanceof Error ? error.message : String(error);
      await this.interpreter.closeExecution(exec, { status: 'FAILED', error: STATES_ERRORS.runtime, cause }, 'ExecutionFailed', {
        executionFailedEventDetails: { error: STATES_ERRORS.runtime, cause },
      });
      return;
    }
    const exec = new ExecutionRuntime(record, loaded, await this.store.lastEventId(record.executionArn));
    const threads = await this.store.loadThreads(record.executionArn);
    this.running.set(exec.arn, exec);
    await this.background(exec, () => this.restoreThreads(exec, threads));
  }

  /** Rebuilds the thread tree, drops orphans, re-invokes interrupted Lambda calls, queues the rest. */
  private async restoreThreads(exec: ExecutionRuntime, threads: ThreadRecord[]): Promise<void> {
    const byId = new Map(threads.map((t) => [t.id, t]));
    const attached = (t: ThreadRecord): boolean => {
      if (!t.parentId) return t.id === 'root';
      const parent = byId.get(t.parentId);
      return (
        parent !== undefined &&
        parent.status === 'RUNNING' &&
        parent.phase.kind === 'children' &&
        t.id.startsWith(`${parent.id}/${parent.seq}.`) &&
        attached(parent)
      );
    };
    for (const thread of threads) {
      if (attached(thread)) exec.threads.set(thread.id, thread);
      else await this.store.deleteThread(exec.arn, thread.id);
    }
    if (!exec.threads.has('root')) return this.createRoot(exec);
    const deepestFirst = [...exec.threads.values()].sort((a, b) => b.id.split('/').length - a.id.split('/').length);
    for (const thread of deepestFirst) {
      const phase = thread.phase;
      if (thread.status === 'RUNNING' && phase.kind === 'task') {
        if (phase.token) this.tokens.add(phase.token, exec.arn, thread.id);
        // At-least-once, like AWS: a call cut off by the crash is made again.
        if (!phase.invoked) this.startInvocation(exec, thread.id, thread.seq);
      }
      exec.enqueue(thread.id);
    }
  }

  private async createRoot(exec: ExecutionRuntime): Promise<void> {
    const graph = exec.definition.graphs.get('');
    const root: ThreadRecord = {
      id: 'root',
      graph: '',
      index: 0,
      status: 'RUNNING',
      seq: 0,
      state: graph?.startAt ?? '',
      input: JSON.parse(exec.record.input) as Json,
      enteredAt: exec.record.startDate,
      retryAttempts: [],
      variables: {},
      phase: { kind: 'enter' },
      version: 0,
    };
    exec.threads.set(root.id, root);
    await this.interpreter.persist(exec, root);
    exec.enqueue(root.id);
  }

  /** Runs work in the execution's lock, then drains; failures never escape unlogged. */
  private background(exec: ExecutionRuntime, work: () => Promise<void>): Promise<void> {
    return exec
      .run(async () => {
        if (exec.closed || this.state === 'stopped') return;
        try {
          await work();
          await this.interpreter.drain(exec);
        } catch (error) {
          if (!(error instanceof HistoryLimitExceededError)) throw error;
          await this.interpreter.failOverHistoryLimit(exec);
        }
      })
      .catch((error: unknown) => this.handleFailure(exec, error));
  }

  private async handleFailure(exec: ExecutionRuntime, error: unknown): Promise<void> {
    if (this.state === 'stopped') return;
    if (error instanceof OwnershipLostError) {
      this.logger.error(`execution ${exec.arn} is owned by another engine instance; dropping it here`, error.message);
      this.running.delete(exec.arn);
      exec.closed = true;
      return;
    }
    this.logger.error(`execution ${exec.arn} failed inside the engine`, error);
    const cause = error instanceof Error ? error.message : String(error);
    try {
      await exec.run(() =>
        this.interpreter.closeExecution(exec, { status: 'FAILED', error: STATES_ERRORS.runtime, cause }, 'ExecutionFailed', {
          executionFailedEventDetails: { error: STATES_ERRORS.runtime, cause },
        }),
      );
    } catch (closeError) {
      this.logger.error(`could not record the failure of ${exec.arn}; it resumes on the next start`, closeError);
      this.running.delete(exec.arn);
      exec.closed = true;
    }
  }

  private startInvocation(exec: ExecutionRuntime, threadId: string, seq: number): void {
    const phase = exec.threads.get(threadId)?.phase;
    if (phase?.kind !== 'task') return;
    const { functionName, payload } = phase;
    const invocation = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const invoker = this.resolve(functionName);
      const fault = invoker ? this.options.faults?.pick('lambda', LAMBDA_FAULTS) : undefined;
      const outcome: InvocationOutcome = fault
        ? lambdaServiceFailure(fault)
        : invoker
        ? await invokeFunction(invoker, functionName, payload, {
            region: this.region,
            accountId: this.accountId,
            timeoutMs: (this.timeoutOf(functionName) ?? this.options.defaultFunctionTimeoutSeconds ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS) * 1000,
          })
        : {
            ok: false,
            error: 'Lambda.ResourceNotFoundException',
            cause: `Function not found: ${functionName}`,
            requestId: randomUUID(),
          };
      if (this.state !== 'started' || exec.closed || this.running.get(exec.arn) !== exec) return;
      await this.background(exec, () => this.interpreter.onInvocationResult(exec, threadId, seq, outcome));
    })();
    this.inflight.add(invocation);
    void invocation.finally(() => this.inflight.delete(invocation));
  }

  /** The scheduler: polls persisted deadlines (no long timers, so a restart loses nothing). */
  private tick(): void {
    const now = this.clock.now().getTime();
    for (const exec of this.running.values()) {
      const deadline = this.executionDeadline(exec.record);
      if (deadline.at <= now && !exec.firing.has('$execution')) {
        exec.firing.add('$execution');
        const cause = deadline.cause;
        void this.background(exec, () =>
          this.interpreter.closeExecution(exec, { status: 'TIMED_OUT', error: STATES_ERRORS.timeout, cause }, 'ExecutionTimedOut', {
            executionTimedOutEventDetails: { error: STATES_ERRORS.timeout, cause },
          }),
        );
        continue;
      }
      for (const thread of exec.threads.values()) {
        const due = Interpreter.deadlineOf(thread);
        if (!due || Date.parse(due) > now || exec.firing.has(thread.id)) continue;
        exec.firing.add(thread.id);
        void this.background(exec, () => this.interpreter.onDeadline(exec, thread.id)).finally(() => exec.firing.delete(thread.id));
      }
    }
  }

  /**
   * When the execution times out: its definition's TimeoutSeconds, or AWS's maximum execution
   * time (computed from the start date, so executions stored before the quota existed get it too).
   */
  private executionDeadline(record: ExecutionRecord): { at: number; cause: string } {
    const quota = Date.parse(record.startDate) + this.limits.maxExecutionTimeSeconds * 1000;
    const own = record.timeoutAt ? Date.parse(record.timeoutAt) : Number.POSITIVE_INFINITY;
    return own <= quota
      ? { at: own, cause: 'The execution exceeded its TimeoutSeconds' }
      : { at: quota, cause: `The execution exceeded the maximum execution time of ${this.limits.maxExecutionTimeSeconds} seconds` };
  }

  private requireStarted(): void {
    if (this.state !== 'started') throw new SfnApiError('ServiceUnavailable', 'The local Step Functions engine is not running', 503);
  }

  private async record(executionArn: string): Promise<ExecutionRecord> {
    if (!EXECUTION_ARN.test(executionArn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${executionArn}'`);
    const record = this.running.get(executionArn)?.record ?? (await this.store.getExecution(executionArn));
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  // --- API ---

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }> {
    this.requireStarted();
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? randomUUID();
    if (!validName(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    parseJson(input, 'input', this.limits.maxPayloadBytes, 'InvalidExecutionInput', 'Execution input');
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const now = this.clock.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      startDate: now.toISOString(),
      definition: machine.definitionText,
      ...(machine.loaded.timeoutSeconds !== undefined ? { timeoutAt: new Date(now.getTime() + machine.loaded.timeoutSeconds * 1000).toISOString() } : {}),
      version: 1,
    };
    if (!(await this.store.createExecution(record))) {
      // StartExecution is idempotent for a RUNNING Standard execution with the same name and input.
      const existing = this.running.get(executionArn)?.record ?? (await this.store.getExecution(executionArn));
      if (existing?.status === 'RUNNING' && existing.input === input) {
        return { executionArn, startDate: new Date(existing.startDate) };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const exec = new ExecutionRuntime(record, machine.loaded, 0);
    this.running.set(executionArn, exec);
    try {
      await exec.run(async () => {
        await emitEvent(
          this.store,
          exec,
          now,
          'ExecutionStarted',
          { executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: `arn:aws:iam::${this.accountId}:role/local-step-functions` } },
          this.limits.maxExecutionHistoryEvents,
        );
        await this.createRoot(exec);
      });
    } catch (error) {
      // The stored RUNNING record is picked up again by the next start().
      this.running.delete(executionArn);
      throw error;
    }
    void this.background(exec, async () => undefined);
    return { executionArn, startDate: now };
  }

  async describeExecution(executionArn: string): Promise<ExecutionDescription> {
    return describe(await this.record(executionArn));
  }

  async getExecutionHistory(
    executionArn: string,
    options: { maxResults?: number; nextToken?: string; reverseOrder?: boolean } = {},
  ): Promise<{ events: HistoryEventOut[]; nextToken?: string }> {
    await this.record(executionArn);
    const all = await this.store.loadEvents(executionArn);
    if (options.reverseOrder) all.reverse();
    const start = options.nextToken ? Number(options.nextToken) : 0;
    if (!Number.isInteger(start) || start < 0) throw new SfnApiError('InvalidToken', 'Invalid nextToken');
    const size = Math.min(Math.max(options.maxResults || 100, 1), 1000);
    const page = all.slice(start, start + size);
    return {
      events: page.map((event) => ({
        id: event.id,
        previousEventId: event.previousEventId,
        timestamp: new Date(event.timestamp),
        type: event.type,
        ...event.details,
      })),
      ...(start + size < all.length ? { nextToken: String(start + size) } : {}),
    };
  }

  async listExecutions(request: { stateMachineArn: string; statusFilter?: ExecutionStatus; maxResults?: number; nextToken?: string }) {
    if (!this.machines.has(request.stateMachineArn)) {
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    }
    const records = (await this.store.scanExecutions(false))
      .filter((r) => r.stateMachineArn === request.stateMachineArn && (!request.statusFilter || r.status === request.statusFilter))
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
    const start = request.nextToken ? Number(request.nextToken) : 0;
    const size = Math.min(Math.max(request.maxResults || 100, 1), 1000);
    const executions = records.slice(start, start + size).map((r) => {
      const { input: _input, output: _output, error: _error, cause: _cause, ...summary } = describe(r);
      return summary;
    });
    return { executions, ...(start + size < records.length ? { nextToken: String(start + size) } : {}) };
  }

  /** Runs a token operation on the task waiting for it; unknown/finished tokens → TaskTimedOut. */
  private async withToken(taskToken: string, operation: (exec: ExecutionRuntime, threadId: string) => Promise<boolean>): Promise<void> {
    this.requireStarted();
    if (typeof taskToken !== 'string' || !TOKEN_PATTERN.test(taskToken)) throw new SfnApiError('InvalidToken', 'Invalid Token');
    const entry = this.tokens.find(taskToken);
    const exec = entry ? this.running.get(entry.executionArn) : undefined;
    const timedOut = new SfnApiError('TaskTimedOut', 'Task Timed Out: the task for this token has already completed, failed or timed out');
    if (!entry || !exec) throw timedOut;
    let accepted = false;
    await this.background(exec, async () => {
      try {
        accepted = await operation(exec, entry.threadId);
      } catch (error) {
        // The task took the token; the full history then fails the execution, not the call.
        if (error instanceof HistoryLimitExceededError) accepted = true;
        throw error;
      }
    });
    if (!accepted) throw timedOut;
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    const value = parseJson(output, 'output', this.limits.maxPayloadBytes, 'InvalidOutput', 'Task output');
    await this.withToken(taskToken, (exec, threadId) => this.interpreter.onTaskToken(exec, threadId, taskToken, { output: value }));
  }

  async sendTaskFailure(taskToken: string, error = '', cause = ''): Promise<void> {
    await this.withToken(taskToken, (exec, threadId) => this.interpreter.onTaskToken(exec, threadId, taskToken, { error, cause }));
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    await this.withToken(taskToken, (exec, threadId) => this.interpreter.onHeartbeat(exec, threadId, taskToken));
  }

  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    this.requireStarted();
    const record = await this.record(executionArn);
    const exec = this.running.get(executionArn);
    if (exec && record.status === 'RUNNING') {
      await exec.run(() =>
        this.interpreter.closeExecution(
          exec,
          { status: 'ABORTED', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) },
          'ExecutionAborted',
          { executionAbortedEventDetails: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) } },
        ),
      );
    }
    const final = await this.record(executionArn);
    return { stopDate: new Date(final.stopDate ?? this.clock.now().toISOString()) };
  }

  async waitForExecution(executionArn: string, timeoutMs = 10_000): Promise<ExecutionDescription> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const description = await this.describeExecution(executionArn);
      if (description.status !== 'RUNNING') return description;
      if (Date.now() > deadline) throw new Error(`Execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Creates an engine; throws UnsupportedFeatureError/InvalidDefinitionError for a bad definition. */
export function createEngine(options: EngineOptions): Engine {
  return new LocalEngine(options);
}
