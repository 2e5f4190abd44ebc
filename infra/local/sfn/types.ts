/** JSON values as they flow between states (the engine stores them as JSON text). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * The parsed, validated subset of the Amazon States Language this engine runs.
 * Template fields (`Json`) may contain `{% expr %}` strings anywhere inside them.
 */
export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitterStrategy: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  output?: Json;
  assign?: JsonObject;
}

interface StateBase {
  name: string;
  /** Next state; undefined when End is true (or the type is terminal). */
  next?: string;
  output?: Json;
  assign?: JsonObject;
}

export type LambdaResource = 'invoke' | 'invoke.waitForTaskToken';

export interface TaskState extends StateBase {
  type: 'Task';
  resource: LambdaResource;
  /** The `Resource` string as written (for history events). */
  resourceArn: string;
  arguments?: Json;
  /** Literal seconds or a `{% %}` expression. */
  timeoutSeconds?: number | string;
  heartbeatSeconds?: number | string;
  retry: Retrier[];
  catch: Catcher[];
}

export interface ChoiceRule {
  condition: boolean | string;
  next: string;
  output?: Json;
  assign?: JsonObject;
}

export interface ChoiceState extends StateBase {
  type: 'Choice';
  choices: ChoiceRule[];
  default?: string;
}

export interface WaitState extends StateBase {
  type: 'Wait';
  seconds?: number | string;
  timestamp?: string;
}

export interface PassState extends StateBase {
  type: 'Pass';
}

export interface SucceedState extends StateBase {
  type: 'Succeed';
}

export interface FailState extends StateBase {
  type: 'Fail';
  error?: string;
  cause?: string;
}

export interface ParallelState extends StateBase {
  type: 'Parallel';
  /** Keys of the branch graphs in LoadedDefinition.graphs, in branch order. */
  branches: string[];
  arguments?: Json;
  retry: Retrier[];
  catch: Catcher[];
}

export interface MapState extends StateBase {
  type: 'Map';
  /** Key of the ItemProcessor graph in LoadedDefinition.graphs. */
  processor: string;
  items?: Json;
  itemSelector?: Json;
  /** 0 = no limit. Literal or `{% %}` expression. */
  maxConcurrency: number | string;
  retry: Retrier[];
  catch: Catcher[];
}

export type State =
  | TaskState
  | ChoiceState
  | WaitState
  | PassState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export interface StateGraph {
  key: string;
  startAt: string;
  states: Map<string, State>;
}

export interface LoadedDefinition {
  /** Graph key '' is the top level; nested graphs are keyed by their path. */
  graphs: Map<string, StateGraph>;
  /** Execution-level TimeoutSeconds, if any. */
  timeoutSeconds?: number;
  /** Literal FunctionName values used by Task states (checked against the invokers at load). */
  functionNames: Array<{ path: string; functionName: string }>;
}
