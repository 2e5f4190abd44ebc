import { type Case, CaseSchema } from '../../../shared/domain/case';
import type { CaseStatus } from '../../../shared/kernel/ids';
import { ConflictError, NotFoundError, VersionConflictError } from '../../../shared/errors';
import {
  type CaseRepository,
  type JournalEntry,
  journalEntryOf,
} from '../../../shared/ports/case-repository';
import type { Page, PageRequest } from '../../../shared/ports/page';
import { toPage } from '../../../functions/adapters/paging';
import { clampLimit, decodeCursor, journalSk, statusSk } from '../../../functions/adapters/table-layout';
import { clone, Faults } from './faults';

type Method = keyof CaseRepository;

/** In-memory CaseRepository with the DynamoDB adapter's conditions, order and paging. */
export class FakeCaseRepository implements CaseRepository {
  readonly faults = new Faults<Method>();
  private readonly cases = new Map<string, Case>();
  private readonly counters = new Map<number, number>();

  async create(c: Case): Promise<void> {
    this.faults.check('create');
    const parsed = CaseSchema.parse(c);
    if (this.cases.has(parsed.caseId)) throw new ConflictError('Case already exists');
    this.cases.set(parsed.caseId, clone(parsed));
  }

  async get(caseId: string): Promise<Case | undefined> {
    this.faults.check('get');
    const c = this.cases.get(caseId);
    return c && clone(c);
  }

  async save(next: Case, expectedVersion: number): Promise<void> {
    this.faults.check('save');
    if (next.version <= expectedVersion) {
      throw new RangeError(`Case version ${next.version} must be above ${expectedVersion}`);
    }
    const parsed = CaseSchema.parse(next);
    const current = this.cases.get(parsed.caseId);
    if (!current) throw new NotFoundError('Case does not exist', { messageKey: 'error.not_found.case' });
    if (current.version !== expectedVersion) {
      throw new VersionConflictError('Case was changed concurrently', expectedVersion);
    }
    this.cases.set(parsed.caseId, clone(parsed));
  }

  async listByStatus(status: CaseStatus, page: PageRequest): Promise<Page<Case>> {
    this.faults.check('listByStatus');
    const limit = clampLimit(page.limit);
    const after = page.cursor === undefined ? undefined : decodeCursor('status', page.cursor);
    const key = (c: Case) => statusSk(c.updatedAt, c.caseId);
    const matching = [...this.cases.values()]
      .filter((c) => c.status === status && (after === undefined || key(c) > after))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    return toPage(matching.slice(0, limit + 1).map(clone), limit, key);
  }

  async listJournal(page: PageRequest): Promise<Page<JournalEntry>> {
    this.faults.check('listJournal');
    const limit = clampLimit(page.limit);
    const before = page.cursor === undefined ? undefined : decodeCursor('journal', page.cursor);
    const key = (row: JournalEntry) => journalSk(row.submittedAt, row.caseNumber);
    const rows = [...this.cases.values()]
      .map(journalEntryOf)
      .filter((row) => before === undefined || key(row) < before)
      .sort((a, b) => (key(a) > key(b) ? -1 : 1));
    return toPage(rows.slice(0, limit + 1).map(clone), limit, key);
  }

  async allocateCaseNumber(year: number): Promise<number> {
    this.faults.check('allocateCaseNumber');
    const next = (this.counters.get(year) ?? 0) + 1;
    this.counters.set(year, next);
    return next;
  }

  /** Test helper: every stored case (no copies needed by callers to stay isolated). */
  all(): Case[] {
    return [...this.cases.values()].map(clone);
  }
}
