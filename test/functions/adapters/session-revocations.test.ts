import { describe, expect, it } from 'vitest';
import { DynamoSessionRevocations } from '../../../functions/adapters/dynamo-session-revocations';
import type { SessionRevocations } from '../../../shared/ports/session-revocations';
import { useDynalite } from '../../support/dynalite';
import { FakeSessionRevocations } from '../../support/fakes';

const db = useDynalite();

function contract(make: () => Promise<SessionRevocations>) {
  it('refuses a revoked session until the record expires (no TTL sweep needed)', async () => {
    const revocations = await make();
    expect(await revocations.isRevoked('a', 1_000)).toBe(false);
    await revocations.revoke('a', 2_000);
    expect(await revocations.isRevoked('a', 1_000)).toBe(true);
    expect(await revocations.isRevoked('a', 1_999)).toBe(true);
    // After the session's own expiry the cookie is dead anyway; the record no longer counts.
    expect(await revocations.isRevoked('a', 2_000)).toBe(false);
    expect(await revocations.isRevoked('b', 1_000)).toBe(false);
  });

  it('is idempotent and never shortens a revocation', async () => {
    const revocations = await make();
    await revocations.revoke('a', 2_000);
    await revocations.revoke('a', 2_000);
    await revocations.revoke('a', 1_500);
    expect(await revocations.isRevoked('a', 1_800)).toBe(true);
    await revocations.revoke('a', 3_000);
    expect(await revocations.isRevoked('a', 2_500)).toBe(true);
  });
}

describe('SessionRevocations: in-memory fake', () => contract(async () => new FakeSessionRevocations()));
describe('SessionRevocations: DynamoDB adapter on dynalite', () =>
  contract(async () => new DynamoSessionRevocations(await db.freshTable())));
