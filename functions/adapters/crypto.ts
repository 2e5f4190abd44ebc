import { createHash, createHmac, randomBytes } from 'node:crypto';
import { RAW_TOKEN_BYTES } from '../../shared/domain/action-token';
import type { SecretsPort } from '../../shared/ports/secrets';
import type { TokenHasher } from '../../shared/ports/token-hasher';

/** A fresh raw action-link token: 256 random bits, base64url without padding (43 characters). */
export function newRawToken(): string {
  return randomBytes(RAW_TOKEN_BYTES).toString('base64url');
}

/**
 * Hex HMAC-SHA256 of the raw token under the action key. Keyed, not a bare sha256: a copy of
 * the table (backup, export, a mis-scoped read role) does not let anyone test candidate tokens
 * offline, and rotating the key invalidates every outstanding link at once.
 */
export function hashToken(rawToken: string, key: string): string {
  return createHmac('sha256', key).update(rawToken, 'utf8').digest('hex');
}

export class HmacTokenHasher implements TokenHasher {
  constructor(private readonly secrets: SecretsPort) {}

  async hash(rawToken: string): Promise<string> {
    return hashToken(rawToken, await this.secrets.getActionKey());
  }
}

/** Hex SHA-256 of a text (the idempotency store's body hash). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** BASE64URL(SHA-256(text)): the PKCE S256 code challenge. */
export function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text, 'ascii').digest('base64url');
}
