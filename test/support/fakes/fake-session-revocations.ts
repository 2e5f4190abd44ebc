import type { SessionRevocations } from '../../../shared/ports/session-revocations';

/** In memory, with the adapter's rule: a record counts until its expiry. */
export class FakeSessionRevocations implements SessionRevocations {
  readonly records = new Map<string, number>();

  async revoke(id: string, untilSeconds: number): Promise<void> {
    this.records.set(id, Math.max(untilSeconds, this.records.get(id) ?? 0));
  }

  async isRevoked(id: string, nowSeconds: number): Promise<boolean> {
    return (this.records.get(id) ?? 0) > nowSeconds;
  }
}
