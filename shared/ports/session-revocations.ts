/**
 * Ended secretariat sessions. The session cookie is stateless (signed), so signing out
 * records the session here, and reading a session checks it: a copied cookie dies with the
 * sign-out, not 8 hours later.
 */
export interface SessionRevocations {
  /** Records that session `id` has ended; kept at least until `untilSeconds` (its own expiry). Idempotent. */
  revoke(id: string, untilSeconds: number): Promise<void>;
  /** True when session `id` was ended and its record has not expired by `nowSeconds`. */
  isRevoked(id: string, nowSeconds: number): Promise<boolean>;
}
