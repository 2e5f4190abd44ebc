/**
 * Turns a raw action-link token into the key stored in the table (HMAC-SHA256 with the action
 * key, hex; functions/adapters/crypto.ts). Async because the key comes from Secrets Manager.
 */
export interface TokenHasher {
  hash(rawToken: string): Promise<string>;
}
