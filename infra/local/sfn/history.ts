import type { ExecutionRuntime } from './execution';
import type { HistoryEvent } from './records';
import type { Store } from './store';
import type { Json } from './types';

/** Appends one history event (GetExecutionHistory shape: type + `<type>EventDetails`). */
export async function emitEvent(
  store: Store,
  exec: ExecutionRuntime,
  now: Date,
  type: string,
  details?: Record<string, Json>,
): Promise<void> {
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
