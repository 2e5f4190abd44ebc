import { z } from 'zod';
import { type Case, UtcTimestampSchema } from '../domain/case';
import { CaseNumberSchema } from '../domain/case-number';
import { type CaseStatus, CaseStatusSchema, NivaaSchema } from '../kernel/ids';
import type { Page, PageRequest } from './page';

/**
 * Cases (item CASE#<caseId> / CASE). Every change is one conditional write guarded by
 * `version` (shared/domain/lifecycle.ts increments it). Errors: ConflictError when creating an
 * existing case, VersionConflictError (a ConflictError) when the stored version differs from
 * the expected one (re-read and retry), NotFoundError when saving a case that does not exist.
 */
export interface CaseRepository {
  /** Stores a new case (version 1); ConflictError if the case id exists. */
  create(c: Case): Promise<void>;
  get(caseId: string): Promise<Case | undefined>;
  /** Replaces the case if the stored version is `expectedVersion`; `next.version` must be higher. */
  save(next: Case, expectedVersion: number): Promise<void>;
  /** Cases with this status, least recently updated first (the secretariat's work queue). */
  listByStatus(status: CaseStatus, page: PageRequest): Promise<Page<Case>>;
  /** The public journal, newest submission first. Rows carry no personal data. */
  listJournal(page: PageRequest): Promise<Page<JournalEntry>>;
  /** Next case-number sequence for the year (1, 2, ...); atomic across concurrent callers. */
  allocateCaseNumber(year: number): Promise<number>;
}

/**
 * A row of the public journal ("mer offentlighet", Eierstrategi ch. 3; transparency in needs
 * management, ch. 12). Only what the public may see: no case id (it is the key to the status
 * page), no contact person, no description text.
 */
export const JournalEntrySchema = z
  .object({
    caseNumber: CaseNumberSchema,
    title: z.string(),
    /** The applicant organisation (a municipality or county: not a person). */
    organisationName: z.string(),
    nivaa: NivaaSchema,
    status: CaseStatusSchema,
    submittedAt: UtcTimestampSchema,
    updatedAt: UtcTimestampSchema,
    /** When the case reached its final status. */
    closedAt: UtcTimestampSchema.optional(),
  })
  .strict();
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** The journal row of a case: the projection both the table and the fakes store. */
export function journalEntryOf(c: Case): JournalEntry {
  return {
    caseNumber: c.caseNumber,
    title: c.application.title,
    organisationName: c.application.applicant.name,
    nivaa: c.nivaa,
    status: c.status,
    submittedAt: c.submittedAt,
    updatedAt: c.updatedAt,
    ...(c.outcome === undefined ? {} : { closedAt: c.outcome.at }),
  };
}
