/** Randomness for identifiers (node:crypto in functions/adapters/ids.ts; deterministic in tests). */
export interface IdGenerator {
  /** 26-character base32 case id with 130 random bits (shared/domain/case.ts). */
  newCaseId(): string;
  /** Raw action-link token, 256 random bits base64url (shared/domain/action-token.ts). */
  newToken(): string;
}
