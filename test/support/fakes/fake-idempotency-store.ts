import { NotFoundError } from '../../../shared/errors';
import {
  type ClaimResult,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyClaim,
  type IdempotencyStore,
  type IdempotentResponse,
} from '../../../shared/ports/idempotency-store';
import { clone, Faults } from './faults';

interface Claimed {
  bodyHash: string;
  caseId: string;
  claimedAt: string;
  expiresAtMs: number;
  response?: IdempotentResponse;
}

export class FakeIdempotencyStore implements IdempotencyStore {
  readonly faults = new Faults<keyof IdempotencyStore>();
  private readonly records = new Map<string, Claimed>();

  async claim(input: IdempotencyClaim): Promise<ClaimResult> {
    this.faults.check('claim');
    const nowMs = Math.floor(input.now.getTime() / 1000) * 1000;
    const existing = this.records.get(input.key);
    if (existing && existing.expiresAtMs > nowMs) {
      return {
        status: 'existing',
        bodyHash: existing.bodyHash,
        caseId: existing.caseId,
        claimedAt: existing.claimedAt,
        ...(existing.response === undefined ? {} : { response: clone(existing.response) }),
      };
    }
    this.records.set(input.key, {
      bodyHash: input.bodyHash,
      caseId: input.caseId,
      claimedAt: input.now.toISOString(),
      expiresAtMs: nowMs + IDEMPOTENCY_TTL_SECONDS * 1000,
    });
    return { status: 'new' };
  }

  async complete(key: string, response: IdempotentResponse): Promise<void> {
    this.faults.check('complete');
    const record = this.records.get(key);
    if (!record) throw new NotFoundError('Idempotency key was never claimed');
    // As stored in DynamoDB: plain JSON, undefined members dropped.
    record.response = JSON.parse(JSON.stringify(response)) as IdempotentResponse;
  }

  async renewClaim(key: string, claimedAt: string, now: Date): Promise<boolean> {
    this.faults.check('renewClaim');
    const record = this.records.get(key);
    if (!record || record.claimedAt !== claimedAt) return false;
    record.claimedAt = now.toISOString();
    return true;
  }
}
