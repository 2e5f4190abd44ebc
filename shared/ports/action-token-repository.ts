import type { ActionTokenRecord } from '../domain/action-token';
import type { Choice } from '../kernel/ids';

/**
 * Action-link tokens (item TOKEN#<tokenHash> / TOKEN); only the hash is stored. Expiry is
 * checked by the caller with its Clock (shared/domain/action-token.ts tokenState) before
 * markUsed; the writes guard what races: use once, never after being superseded.
 */
export interface ActionTokenRepository {
  /** ConflictError if the hash exists. */
  put(token: ActionTokenRecord): Promise<void>;
  getByHash(tokenHash: string): Promise<ActionTokenRecord | undefined>;
  /**
   * Marks the token used with the choice made. Condition: exists, not used, not superseded.
   * NotFoundError if missing; ConflictError (`error.conflict.alreadyDecided`) if already used;
   * GoneError if superseded.
   */
  markUsed(tokenHash: string, choice: Choice, at: Date): Promise<ActionTokenRecord>;
  /** Points an unused token at its replacement. Same errors as markUsed. */
  supersede(tokenHash: string, supersededBy: string): Promise<void>;
}
