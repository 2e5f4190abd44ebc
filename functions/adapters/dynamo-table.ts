import type { DynamoDBDocumentClient, NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

/** What every DynamoDB adapter gets: a shared document client and the table name. */
export interface DynamoTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export type Item = Record<string, NativeAttributeValue>;

/** True for a failed ConditionExpression (checked by name: robust to duplicated SDK bundles). */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
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
