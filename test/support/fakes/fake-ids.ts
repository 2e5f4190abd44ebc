import { createHash } from 'node:crypto';
import { CASE_ID_RANDOM_BYTES, encodeCaseId } from '../../../shared/domain/case';
import { RAW_TOKEN_BYTES } from '../../../shared/domain/action-token';
import type { IdGenerator } from '../../../shared/ports/ids';

/**
 * Deterministic ids of the real shapes: the n-th id is derived from a seed and n, so two runs
 * of a test see the same ids while every id within a run is distinct.
 */
export class FakeIds implements IdGenerator {
  readonly issuedTokens: string[] = [];
  private caseCount = 0;
  private tokenCount = 0;

  constructor(private readonly seed = 'beslutningsflyt-test') {}

  newCaseId(): string {
    this.caseCount += 1;
    return encodeCaseId(this.bytes(`case-${this.caseCount}`, CASE_ID_RANDOM_BYTES));
  }

  newToken(): string {
    this.tokenCount += 1;
    const token = Buffer.from(this.bytes(`token-${this.tokenCount}`, RAW_TOKEN_BYTES)).toString('base64url');
    this.issuedTokens.push(token);
    return token;
  }

  private bytes(label: string, length: number): Uint8Array {
    return createHash('sha256').update(`${this.seed}:${label}`).digest().subarray(0, length);
  }
}
