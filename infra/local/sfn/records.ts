import type { Json, JsonObject } from './types';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution; the definition is pinned at start like in AWS (later edits do not affect it). */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** JSON text, exactly as given to StartExecution. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  /** Definition JSON text the execution runs. */
  definition: string;
  /** Execution-level TimeoutSeconds deadline (ISO), if the definition sets one. */
  timeoutAt?: string;
  version: number;
}

/** What a running thread is doing in its current state. Deadlines are ISO timestamps. */
export type Phase =
  | { kind: 'enter' }
  | { kind: 'wait'; dueAt: string }
  | { kind: 'retry'; dueAt: string }
  | {
      kind: 'task';
      functionName: string;
      payload: Json;
      /** Raw token (waitForTaskToken only): needed to re-invoke after a restart. */
      token?: string;
      /** The Lambda call returned (for waitForTaskToken: now waiting for SendTask*). */
      invoked: boolean;
      timeoutAt?: string;
      heartbeatAt?: string;
      heartbeatSeconds?: number;
    }
  | { kind: 'children'; inputs: Json[]; maxConcurrency: number; kindOf: 'Map' | 'Parallel' };

/**
 * A sequence of states being run: the top level ('root'), one Parallel branch or one Map
 * iteration. Child ids are `${parent.id}/${parent.seq}.${index}`, unique per entry of the parent state.
 */
export interface ThreadRecord {
  id: string;
  parentId?: string;
  /** Key of the StateGraph this thread runs. */
  graph: string;
  index: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  /** Incremented on every transition; async completions carry it to detect staleness. */
  seq: number;
  state: string;
  input: Json;
  enteredAt: string;
  /** Attempts used per retrier of the current state. */
  retryAttempts: number[];
  /** This scope's own variables (outer scopes are read through parentId). */
  variables: JsonObject;
  phase: Phase;
  output?: Json;
  error?: string;
  cause?: string;
  version: number;
}

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  /** e.g. { stateEnteredEventDetails: { name, input } } — the API field name and its value. */
  details?: Record<string, Json>;
}
