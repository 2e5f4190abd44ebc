/** Secrets the functions need; the adapter fetches each once per container and caches it. */
export interface SecretsPort {
  /** Key for action-link token hashes and CSRF tokens (at least 32 characters). */
  getActionKey(): Promise<string>;
}

export const MIN_ACTION_KEY_LENGTH = 32;
