import { ENV } from '../../shared/config/env';

/**
 * The one switch that compresses time for demos and tests: how many real seconds one
 * configured "day" of deadline or reminder interval lasts. The runtime hands it to every
 * handler as SECONDS_PER_DAY; the planner in shared/ is the only place days become seconds.
 */
export const SECONDS_PER_DAY_ENV = 'BESLUTNINGSFLYT_SECONDS_PER_DAY';
export const REAL_SECONDS_PER_DAY = 86_400;

export class TimeConfigError extends Error {
  override readonly name = 'TimeConfigError';
}

export function readSecondsPerDay(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[SECONDS_PER_DAY_ENV]?.trim();
  if (raw === undefined || raw === '') return REAL_SECONDS_PER_DAY;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > REAL_SECONDS_PER_DAY) {
    throw new TimeConfigError(
      `${SECONDS_PER_DAY_ENV} must be a whole number of seconds from 1 to ${REAL_SECONDS_PER_DAY}, got "${raw}"`,
    );
  }
  return value;
}

/** Handler environment for the time switch: `{ SECONDS_PER_DAY: '<n>' }`. */
export function timeEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { [ENV.secondsPerDay]: String(readSecondsPerDay(env)) };
}
