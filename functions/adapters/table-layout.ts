import { TABLE_KEYS } from '../../shared/config/deployment';
import { ValidationError } from '../../shared/errors';
import { MAX_PAGE_SIZE } from '../../shared/ports/page';

/**
 * Keys and index attributes of the single table (shared/config/deployment.ts TABLE_KEYS).
 * No SDK imports: the CDK data stack, the adapters, the in-memory fakes and the tests all
 * derive the layout from here, so they cannot disagree.
 *
 * Sort keys built from timestamps are canonical ISO 8601 (toISOString) so string order is
 * time order. Every index sort key is unique (it ends with an id), which lets a page cursor
 * be "the last sort key seen" instead of a DynamoDB LastEvaluatedKey (that would contain the
 * base-table key, and the journal's base key is the case id: the secret of the status page).
 */
export const KEY = TABLE_KEYS;

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const stepKey = (caseId: string, stepId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `STEP#${stepId}`,
});
export const STEP_SK_PREFIX = 'STEP#';
export const tokenKey = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
export const counterKey = (year: number) => ({ pk: `COUNTER#${year}`, sk: 'COUNTER' });
export const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });
/** Sent-marker of a keyed e-mail, by the key's hash (keys name cases and members). */
export const sentEmailKey = (keyHash: string) => ({ pk: `EMAIL#${keyHash}`, sk: 'EMAIL' });
export const revokedSessionKey = (id: string) => ({ pk: `REVOKED_SESSION#${id}`, sk: 'REVOKED_SESSION' });

/** Epoch-seconds attribute DynamoDB TTL deletes by (the data stack sets TimeToLiveAttribute). */
export const TTL_ATTRIBUTE = KEY.ttlAttribute;
/** Used or expired action tokens stay this long so a late click gets 409/410, not 404. */
export const TOKEN_RETENTION_SECONDS = 90 * 24 * 60 * 60;

/** The attribute holding a case's public journal row; gsi3 projects only it. */
export const JOURNAL_ATTRIBUTE = 'journal';

/** Index definitions with projections, for the data stack and the test tables. */
export const GSI_DEFINITIONS = [
  { ...KEY.gsi[0], projection: { type: 'ALL' } },
  { ...KEY.gsi[1], projection: { type: 'ALL' } },
  // Journal: only the public row; personal data in the case never reaches this index.
  { ...KEY.gsi[2], projection: { type: 'INCLUDE', nonKeyAttributes: [JOURNAL_ATTRIBUTE] } },
] as const;

export const STATUS_INDEX = 'gsi1';
export const OPEN_STEPS_INDEX = 'gsi2';
export const JOURNAL_INDEX = 'gsi3';
export const OPEN_STEPS_PK = 'OPEN_STEPS';
export const JOURNAL_PK = 'JOURNAL';

export function canonicalTime(iso: string): string {
  return new Date(iso).toISOString();
}

export const statusPk = (status: string) => `STATUS#${status}`;
export const statusSk = (updatedAt: string, caseId: string) => `${canonicalTime(updatedAt)}#${caseId}`;
export const openStepSk = (deadline: string, caseId: string, stepId: string) =>
  `${canonicalTime(deadline)}#${caseId}#${stepId}`;
export const journalSk = (submittedAt: string, caseNumber: string) =>
  `${canonicalTime(submittedAt)}#${caseNumber}`;

const CURSOR_PATTERNS = {
  status: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[a-z2-7]{26}$/,
  openSteps: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[a-z2-7]{26}#\d{3,6}$/,
  journal: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#\d{4}\/\d{4,15}$/,
} as const;
export type CursorKind = keyof typeof CURSOR_PATTERNS;

export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

/** The sort key a cursor stands for; ValidationError on `/cursor` if it is not one of ours. */
export function decodeCursor(kind: CursorKind, cursor: string): string {
  const sortKey = /^[A-Za-z0-9_-]{1,200}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  if (!CURSOR_PATTERNS[kind].test(sortKey)) {
    throw new ValidationError([{ pointer: '/cursor', code: 'error.field.invalidFormat' }]);
  }
  return sortKey;
}

export function clampLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError([{ pointer: '/limit', code: 'error.field.invalid' }]);
  }
  return Math.min(limit, MAX_PAGE_SIZE);
}
