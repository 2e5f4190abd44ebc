import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Case, CaseSchema } from '../../shared/domain/case';
import type { CaseStatus } from '../../shared/kernel/ids';
import { NotFoundError, VersionConflictError } from '../../shared/errors';
import {
  type CaseRepository,
  type JournalEntry,
  JournalEntrySchema,
  journalEntryOf,
} from '../../shared/ports/case-repository';
import type { Page, PageRequest } from '../../shared/ports/page';
import { conditionalWrite, type DynamoTable, getItem, type Item, pageCandidates, putNew } from './dynamo-table';
import { toPage } from './paging';
import {
  caseKey,
  counterKey,
  JOURNAL_ATTRIBUTE,
  JOURNAL_INDEX,
  JOURNAL_PK,
  journalSk,
  KEY,
  STATUS_INDEX,
  statusPk,
  statusSk,
} from './table-layout';

/** Attributes the adapter adds to a case item; everything else is the Case itself. */
const META = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk', JOURNAL_ATTRIBUTE];

export function caseToItem(c: Case): Item {
  return {
    ...CaseSchema.parse(c),
    ...caseKey(c.caseId),
    entity: 'case',
    gsi1pk: statusPk(c.status),
    gsi1sk: statusSk(c.updatedAt, c.caseId),
    // Every stored case has been submitted, so every case is in the public journal.
    gsi3pk: JOURNAL_PK,
    gsi3sk: journalSk(c.submittedAt, c.caseNumber),
    [JOURNAL_ATTRIBUTE]: journalEntryOf(c),
  };
}

export function itemToCase(item: Item): Case {
  const domain = Object.fromEntries(Object.entries(item).filter(([key]) => !META.includes(key)));
  return CaseSchema.parse(domain);
}

export class DynamoCaseRepository implements CaseRepository {
  constructor(private readonly table: DynamoTable) {}

  async create(c: Case): Promise<void> {
    await putNew(this.table, caseToItem(c), 'Case already exists');
  }

  async get(caseId: string): Promise<Case | undefined> {
    const item = await getItem(this.table, caseKey(caseId));
    return item ? itemToCase(item) : undefined;
  }

  async save(next: Case, expectedVersion: number): Promise<void> {
    if (next.version <= expectedVersion) {
      throw new RangeError(`Case version ${next.version} must be above ${expectedVersion}`);
    }
    const item = caseToItem(next);
    await conditionalWrite(
      () =>
        this.table.client.send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: item,
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        ),
      async (error) =>
        (await this.get(next.caseId)) === undefined
          ? new NotFoundError('Case does not exist', { cause: error, messageKey: 'error.not_found.case' })
          : new VersionConflictError('Case was changed concurrently', expectedVersion, { cause: error }),
    );
  }

  async listByStatus(status: CaseStatus, page: PageRequest): Promise<Page<Case>> {
    const { items, limit } = await pageCandidates(
      this.table,
      { index: STATUS_INDEX, gsi: KEY.gsi[0], pkValue: statusPk(status), cursor: 'status', forward: true },
      page,
    );
    const cases = items.map(itemToCase);
    return toPage(cases, limit, (c) => statusSk(c.updatedAt, c.caseId));
  }

  async listJournal(page: PageRequest): Promise<Page<JournalEntry>> {
    const { items, limit } = await pageCandidates(
      this.table,
      {
        index: JOURNAL_INDEX,
        gsi: KEY.gsi[2],
        pkValue: JOURNAL_PK,
        cursor: 'journal',
        forward: false,
        // Only the public row, even if the index were ever projected with more.
        projection: [JOURNAL_ATTRIBUTE],
      },
      page,
    );
    const rows = items.map((item) => JournalEntrySchema.parse(item[JOURNAL_ATTRIBUTE]));
    return toPage(rows, limit, (row) => journalSk(row.submittedAt, row.caseNumber));
  }

  async allocateCaseNumber(year: number): Promise<number> {
    const out = await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: counterKey(year),
        UpdateExpression: 'ADD seq :one SET entity = :entity',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = out.Attributes?.seq;
    if (typeof seq !== 'number') throw new Error('Counter update returned no sequence');
    return seq;
  }
}
