import { randomBytes } from 'node:crypto';
import { CASE_ID_RANDOM_BYTES, encodeCaseId } from '../../shared/domain/case';
import type { IdGenerator } from '../../shared/ports/ids';
import { newRawToken } from './crypto';

export const cryptoIds: IdGenerator = {
  newCaseId: () => encodeCaseId(randomBytes(CASE_ID_RANDOM_BYTES)),
  newToken: newRawToken,
};
