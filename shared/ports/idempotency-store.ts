/**
 * Idempotency records for POST /api/applications (item IDEMPOTENCY#<key> / IDEMPOTENCY).
 *
 * Protocol: generate the case id, then claim(key, bodyHash, caseId). 'new' → create the case
 * under that id, start the workflow, complete(key, response). 'existing' with another body
 * hash → 422 (IdempotencyConflictError). 'existing' with the same hash and a response → return
 * it. 'existing' without a response means an earlier attempt stopped half-way: carry on with
 * the claimed caseId (every later write is itself idempotent on it), then complete.
 */
export interface IdempotencyStore {
  claim(input: IdempotencyClaim): Promise<ClaimResult>;
  /** Stores the response of a finished request; NotFoundError if never claimed. */
  complete(key: string, response: IdempotentResponse): Promise<void>;
  /**
   * Takes over a claim whose request stopped half-way: moves `claimedAt` to `now` if it is still
   * `claimedAt` (one conditional write). False if another request took it over first.
   */
  renewClaim(key: string, claimedAt: string, now: Date): Promise<boolean>;
}

export interface IdempotencyClaim {
  key: string;
  /** Hex sha256 of the canonical request body. */
  bodyHash: string;
  caseId: string;
  /** Claims older than IDEMPOTENCY_TTL_SECONDS count as absent. */
  now: Date;
}

/** The stored answer to replay: any JSON object (the use case validates it before replaying). */
export type IdempotentResponse = Record<string, unknown>;

export type ClaimResult =
  | { status: 'new' }
  | { status: 'existing'; bodyHash: string; caseId: string; claimedAt: string; response?: IdempotentResponse };

/**
 * How long a request that claimed a key may take before a repeat may take over its work: well
 * above the submit function's timeout, so a repeat never races a request still running.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 60;

/** How long a key stays claimed (24 h, as common for Idempotency-Key headers). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
