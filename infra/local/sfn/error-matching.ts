import { STATES_ERRORS } from './errors';
import type { Catcher, Retrier } from './types';

/**
 * Error matching per the ASL spec and "Handling errors in Step Functions workflows":
 * - States.ALL matches every error name except States.Runtime (terminal, never caught or retried)
 *   and States.DataLimitExceeded (terminal for States.ALL; a retrier/catcher naming it matches);
 * - States.TaskFailed matches every error name except States.Timeout (and the terminal ones);
 * - any other name matches exactly (case-sensitive).
 */
export function errorMatches(pattern: string, error: string): boolean {
  if (error === STATES_ERRORS.runtime) return false;
  if (error === STATES_ERRORS.dataLimitExceeded) return pattern === error;
  if (pattern === STATES_ERRORS.all) return true;
  if (pattern === STATES_ERRORS.taskFailed) return error !== STATES_ERRORS.timeout;
  return pattern === error;
}

function firstMatch<T extends { errorEquals: string[] }>(list: T[], error: string): number {
  return list.findIndex((entry) => entry.errorEquals.some((pattern) => errorMatches(pattern, error)));
}

export type RetryDecision = { retry: true; retrierIndex: number; delayMs: number } | { retry: false };

/**
 * The first retrier whose ErrorEquals matches decides; when its MaxAttempts are used up the error
 * goes to the catchers (later retriers are not consulted). Delay = IntervalSeconds ×
 * BackoffRate^(attempts so far), capped by MaxDelaySeconds; JitterStrategy FULL picks uniformly in
 * [0, delay].
 */
export function decideRetry(retriers: Retrier[], attempts: number[], error: string, random: () => number): RetryDecision {
  const index = firstMatch(retriers, error);
  const retrier = retriers[index];
  if (!retrier) return { retry: false };
  const done = attempts[index] ?? 0;
  if (done >= retrier.maxAttempts) return { retry: false };
  let delay = retrier.intervalSeconds * retrier.backoffRate ** done;
  if (retrier.maxDelaySeconds !== undefined) delay = Math.min(delay, retrier.maxDelaySeconds);
  if (retrier.jitterStrategy === 'FULL') delay *= random();
  return { retry: true, retrierIndex: index, delayMs: Math.round(delay * 1000) };
}

export function findCatcher(catchers: Catcher[], error: string): Catcher | undefined {
  return catchers[firstMatch(catchers, error)];
}
