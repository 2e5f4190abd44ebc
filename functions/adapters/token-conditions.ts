import type { ActionTokenRecord } from '../../shared/domain/action-token';
import { ConflictError, GoneError, NotFoundError } from '../../shared/errors';

/**
 * Why a token cannot be marked used or superseded, or undefined if it can (shared by the
 * DynamoDB adapter, to explain a failed condition, and the in-memory fake).
 */
export function tokenConditionError(token: ActionTokenRecord | undefined): Error | undefined {
  if (token === undefined) {
    return new NotFoundError('Unknown action token', { messageKey: 'error.not_found.link' });
  }
  if (token.usedAt !== undefined) {
    return new ConflictError('Action token already used', {
      messageKey: 'error.conflict.alreadyDecided',
    });
  }
  if (token.supersededBy !== undefined) return new GoneError('Action token superseded');
  return undefined;
}
