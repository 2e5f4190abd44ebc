import { describe, expect, it } from 'vitest';
import { decideRetry } from '../../../../infra/local/sfn/error-matching';
import type { Retrier } from '../../../../infra/local/sfn/types';
import { TRANSIENT_ERROR } from '../../../../shared/workflow/contract';

/** The workflow's transient retrier (TRANSIENT_RETRY in infra/constructs/case-workflow.ts). */
const transient = (jitterStrategy: Retrier['jitterStrategy']): Retrier => ({
  errorEquals: [TRANSIENT_ERROR],
  intervalSeconds: 2,
  maxAttempts: 6,
  backoffRate: 2,
  maxDelaySeconds: 60,
  jitterStrategy,
});

const delayAfter = (retrier: Retrier, done: number, random: () => number) => {
  const decision = decideRetry([retrier], [done], TRANSIENT_ERROR, random);
  return decision.retry ? decision.delayMs : undefined;
};

describe('retry delay (as AWS computes it)', () => {
  it('caps the backoff at MaxDelaySeconds before FULL jitter draws within [0, capped delay]', () => {
    const full = transient('FULL');
    expect(delayAfter(full, 0, () => 0.5)).toBe(1000); // 2 s × 0.5
    expect(delayAfter(full, 3, () => 0.25)).toBe(4000); // 16 s × 0.25
    expect(delayAfter(full, 5, () => 0.5)).toBe(30_000); // 64 s capped at 60, × 0.5
    expect(delayAfter(full, 5, () => 0)).toBe(0);
    expect(delayAfter(full, 6, () => 0.5)).toBeUndefined(); // MaxAttempts used up
  });

  it('ignores the random source without jitter', () => {
    const none = transient('NONE');
    expect(delayAfter(none, 1, () => 0.1)).toBe(4000);
    expect(delayAfter(none, 5, () => 0.1)).toBe(60_000);
  });
});
