import { z } from 'zod';
import type { CaseStatus, Language } from '../kernel/ids';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import type { CaseRepository, JournalEntry } from '../ports/case-repository';
import { MAX_PAGE_SIZE, type PageRequest } from '../ports/page';

export interface GetJournalDeps {
  cases: CaseRepository;
}

export const DEFAULT_PAGE_SIZE = 20;

/** `?cursor=&limit=` of the list endpoints. Other query parameters (such as `lang`) are ignored. */
export const PageQuerySchema = z.object({
  cursor: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** Parses paging query parameters; ValidationError on `/cursor` or `/limit`. */
export function parsePageQuery(query: Readonly<Record<string, string | undefined>>): PageRequest {
  const parsed = PageQuerySchema.safeParse(query);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, query);
  const { cursor, limit } = parsed.data;
  return cursor === undefined ? { limit } : { limit, cursor };
}

export type JournalRow = JournalEntry & { statusText: string };

export interface JournalPage {
  items: JournalRow[];
  nextCursor?: string;
}

/**
 * The public journal (GET /api/journal): "mer offentlighet" (Eierstrategi ch. 3) and
 * transparency in needs management (ch. 12). Rows are the repository's JournalEntry projection
 * only (number, title, organisation, nivå, status, dates): no case id, no contact person.
 */
export async function getJournal(
  deps: GetJournalDeps,
  input: { query: Readonly<Record<string, string | undefined>>; lang: Language },
): Promise<JournalPage> {
  const page = await deps.cases.listJournal(parsePageQuery(input.query));
  const items = page.items.map((row) => ({ ...pick(row), statusText: statusText(input.lang, row.status) }));
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}

export function statusText(lang: Language, status: CaseStatus): string {
  return t(lang, `status.${status}`);
}

/** Copies only the journal's own fields, whatever else an adapter might return. */
function pick(row: JournalEntry): JournalEntry {
  return {
    caseNumber: row.caseNumber,
    title: row.title,
    organisationName: row.organisationName,
    nivaa: row.nivaa,
    status: row.status,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    ...(row.closedAt === undefined ? {} : { closedAt: row.closedAt }),
  };
}
