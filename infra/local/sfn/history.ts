import { HistoryLimitExceededError } from './errors';
import type { ExecutionRuntime } from './execution';
import type { HistoryEvent } from './records';
import type { Store } from './store';
import type { Json } from './types';

/**
 * The events that may be the last one AWS allows ("Avoid reaching the history quota": when event
 * number 25,000 is ExecutionSucceeded the execution succeeds, otherwise ExecutionFailed is logged).
 */
const MAY_FILL_HISTORY = new Set(['ExecutionSucceeded', 'ExecutionFailed']);

/** True when recording an event of this type now would be over the quota: the execution must fail instead. */
export function overHistoryLimit(exec: ExecutionRuntime, type: string, maxEvents: number): boolean {
  return exec.lastEventId + 1 >= maxEvents && !MAY_FILL_HISTORY.has(type);
}

/**
 * Appends one history event (GetExecutionHistory shape: type + `<type>EventDetails`). An event
 * that would take the last slot of the history quota throws HistoryLimitExceededError instead; the
 * engine then fails the execution with ExecutionFailed as that last event.
 *
 * The count approximates AWS's: the engine records one event for each event AWS records for the
 * states it supports (…StateEntered/…StateExited, TaskScheduled/Started/Submitted/Succeeded/
 * Failed/TimedOut, Map/Parallel Started/Succeeded/Failed, MapIteration…, Execution…). It records
 * none that AWS omits; AWS events it lacks (e.g. …StateAborted of siblings cut short by a failure)
 * make a local history at most slightly shorter than AWS's.
 */
export async function emitEvent(
  store: Store,
  exec: ExecutionRuntime,
  now: Date,
  type: string,
  details: Record<string, Json> | undefined,
  maxEvents: number,
): Promise<void> {
  if (overHistoryLimit(exec, type, maxEvents)) throw new HistoryLimitExceededError(maxEvents);
  exec.lastEventId += 1;
  const event: HistoryEvent = {
    id: exec.lastEventId,
    previousEventId: exec.lastEventId - 1,
    timestamp: now.toISOString(),
    type,
    ...(details ? { details } : {}),
  };
  await store.putEvent(exec.arn, event);
}

/** `{ stateEnteredEventDetails: {...} }` style helpers for the common events. */
export const eventDetails = {
  stateEntered: (name: string, input: Json): Record<string, Json> => ({
    stateEnteredEventDetails: { name, input: JSON.stringify(input), inputDetails: { truncated: false } },
  }),
  stateExited: (name: string, output: Json): Record<string, Json> => ({
    stateExitedEventDetails: { name, output: JSON.stringify(output), outputDetails: { truncated: false } },
  }),
  failure: (key: string, error: string, cause: string, extra: Record<string, Json> = {}): Record<string, Json> => ({
    [key]: { ...extra, error, cause },
  }),
};
