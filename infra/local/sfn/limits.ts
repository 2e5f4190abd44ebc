/**
 * The AWS Step Functions Standard workflow quotas the engine enforces, named as in "Step Functions
 * service quotas" (developer guide), with AWS's values as defaults. Tests pass small values through
 * EngineOptions.limits so a case that would die in AWS shows up in a fast test.
 */
export interface SfnLimits {
  /** "Maximum execution time": 1 year; a Standard execution still running then ends TIMED_OUT (States.Timeout). */
  maxExecutionTimeSeconds: number;
  /** "Maximum execution history size": 25,000 events (hard quota). */
  maxExecutionHistoryEvents: number;
  /**
   * "Maximum input or output size for a task, state, or execution": 256 KiB of UTF-8 (262,144
   * bytes). Beyond it: States.DataLimitExceeded inside an execution, ValidationException on the API.
   */
  maxPayloadBytes: number;
}

export const AWS_LIMITS: Readonly<SfnLimits> = Object.freeze({
  maxExecutionTimeSeconds: 365 * 24 * 60 * 60,
  maxExecutionHistoryEvents: 25_000,
  maxPayloadBytes: 262_144,
});

/** AWS's quotas with the given overrides (each must be a positive integer). */
export function resolveLimits(overrides: Partial<SfnLimits> = {}): SfnLimits {
  const limits = { ...AWS_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`limits.${name} must be a positive integer, got ${value}`);
  }
  return limits;
}

/** Size the quota is measured in: bytes of the UTF-8 JSON text. */
export function payloadBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
