import { z } from 'zod';
import { CaseIdSchema, UtcTimestampSchema } from './case';
import { ChoiceSchema, LanguageSchema, TOKEN_HASH_PATTERN, TokenHashSchema } from '../kernel/ids';
import { MemberIdSchema, StepIdSchema, UnitIdSchema } from './step';

/**
 * Action links (`/handling/{token}`): the raw token is 256 random bits, base64url
 * without padding (43 characters), and only ever appears in the e-mail and the URL. The
 * table stores `tokenHash` = hex HMAC-SHA256(action key, raw token) (functions/adapters/
 * crypto.ts): keyed rather than a plain sha256 so that someone holding a copy of the
 * table cannot confirm a guessed or leaked token without also holding the secret.
 */
export const RAW_TOKEN_BYTES = 32;
const RAW_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Cheap shape check before any lookup: a malformed token is rejected without touching the table. */
export function isWellFormedRawToken(value: string): boolean {
  return RAW_TOKEN_PATTERN.test(value);
}

export function isTokenHash(value: string): boolean {
  return TOKEN_HASH_PATTERN.test(value);
}

export { TokenHashSchema };

/** Who a link is for: a roster member, or the applicant / secretariat roles. */
export const TokenHolderSchema = MemberIdSchema;

export const ActionTokenRecordSchema = z
  .object({
    tokenHash: TokenHashSchema,
    caseId: CaseIdSchema,
    stepId: StepIdSchema,
    unitId: UnitIdSchema,
    memberId: TokenHolderSchema,
    /** Language the holder reads (the confirmation page is shown in it). */
    language: LanguageSchema,
    allowedChoices: z.array(ChoiceSchema).min(1),
    createdAt: UtcTimestampSchema,
    expiresAt: UtcTimestampSchema,
    usedAt: UtcTimestampSchema.optional(),
    usedChoice: ChoiceSchema.optional(),
    /** Hash of the token that replaced this one (a reminder sends a fresh link). */
    supersededBy: TokenHashSchema.optional(),
  })
  .strict();
export type ActionTokenRecord = z.infer<typeof ActionTokenRecordSchema>;

export type TokenState = 'usable' | 'used' | 'superseded' | 'expired';

/**
 * Why a token can or cannot be used at `now`. Used before superseded: a holder who already
 * acted should hear "already done" (409), not "expired" (410).
 */
export function tokenState(token: ActionTokenRecord, now: Date): TokenState {
  if (token.usedAt !== undefined) return 'used';
  if (token.supersededBy !== undefined) return 'superseded';
  if (Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'usable';
}
