import type { DynamoDBDocumentClient, NativeAttributeValue, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../shared/errors';
import type { PageRequest } from '../../shared/ports/page';
import { type CursorKind, clampLimit, decodeCursor, type KEY } from './table-layout';

/** What every DynamoDB adapter gets: a shared document client and the table name. */
export interface DynamoTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export type Item = Record<string, NativeAttributeValue>;

/** True for a failed ConditionExpression (checked by name: robust to duplicated SDK bundles). */
export function isConditionFailed(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** One item by key, read consistently (a read that explains a write must see it). */
export async function getItem(table: DynamoTable, key: Item): Promise<Item | undefined> {
  const out = await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

/**
 * Runs one conditional write. A failed ConditionExpression throws the error `onConditionFailed`
 * makes of it (the adapter's own error, with the SDK error as cause); any other failure is
 * rethrown unchanged.
 */
export async function conditionalWrite<T>(
  write: () => Promise<T>,
  onConditionFailed: (error: Error) => Error | Promise<Error>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw await onConditionFailed(error);
  }
}

/** Puts an item whose key must be new; an existing item is a ConflictError with `message`. */
export async function putNew(table: DynamoTable, item: Item, message: string): Promise<void> {
  await conditionalWrite(
    () =>
      table.client.send(
        new PutCommand({ TableName: table.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    (error) => new ConflictError(message, { cause: error }),
  );
}

/** One conditional UpdateItem that returns the whole updated item. */
export function updateReturningItem(
  table: DynamoTable,
  input: Omit<UpdateCommandInput, 'TableName' | 'ReturnValues'>,
  onConditionFailed: (error: Error) => Error | Promise<Error>,
): Promise<Item> {
  return conditionalWrite(async () => {
    const out = await table.client.send(
      new UpdateCommand({ TableName: table.tableName, ...input, ReturnValues: 'ALL_NEW' }),
    );
    if (!out.Attributes) throw new Error('UpdateItem returned no attributes');
    return out.Attributes;
  }, onConditionFailed);
}

export interface IndexQuery {
  index: string;
  pkName: string;
  pkValue: string;
  skName: string;
  /** Exclusive bound on the sort key in the direction of travel (the page cursor). */
  after?: string;
  forward: boolean;
  limit: number;
  projection?: string[];
}

/**
 * Up to `limit` items of one index partition past `after`, in sort-key order. Reads every page
 * DynamoDB returns until `limit` items are in hand or the partition ends, so a short page
 * always means "no more".
 */
export async function queryIndex(table: DynamoTable, q: IndexQuery): Promise<Item[]> {
  const names: Record<string, string> = { '#pk': q.pkName };
  const values: Item = { ':pk': q.pkValue };
  let condition = '#pk = :pk';
  if (q.after !== undefined) {
    names['#sk'] = q.skName;
    condition += q.forward ? ' AND #sk > :after' : ' AND #sk < :after';
    values[':after'] = q.after;
  }
  let projection: string | undefined;
  if (q.projection) {
    projection = q.projection
      .map((attr, i) => {
        names[`#p${i}`] = attr;
        return `#p${i}`;
      })
      .join(', ');
  }
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const out = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: q.index,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: q.forward,
        Limit: q.limit - items.length,
        ExclusiveStartKey: startKey,
        ProjectionExpression: projection,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined && items.length < q.limit);
  return items;
}

/** The index partition a page is read from, and in which direction. */
export interface IndexPage {
  index: string;
  gsi: (typeof KEY.gsi)[number];
  pkValue: string;
  cursor: CursorKind;
  forward: boolean;
  projection?: string[];
}

/**
 * The candidates for one page (up to limit + 1, for toPage) and the clamped limit. The limit is
 * checked before the cursor, so a bad limit is reported first.
 */
export async function pageCandidates(
  table: DynamoTable,
  q: IndexPage,
  page: PageRequest,
): Promise<{ items: Item[]; limit: number }> {
  const limit = clampLimit(page.limit);
  const items = await queryIndex(table, {
    index: q.index,
    pkName: q.gsi.partitionKey,
    pkValue: q.pkValue,
    skName: q.gsi.sortKey,
    after: page.cursor === undefined ? undefined : decodeCursor(q.cursor, page.cursor),
    forward: q.forward,
    limit: limit + 1,
    projection: q.projection,
  });
  return { items, limit };
}
