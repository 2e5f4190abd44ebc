import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import type { DynamoTable } from '../../functions/adapters/dynamo-table';
import { GSI_DEFINITIONS, KEY } from '../../functions/adapters/table-layout';

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

/** Creates the single table exactly as the data stack does: same keys, indexes, projections. */
export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const names = [KEY.partitionKey, KEY.sortKey, ...KEY.gsi.flatMap((g) => [g.partitionKey, g.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: KEY.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GSI_DEFINITIONS.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection:
          g.projection.type === 'INCLUDE'
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projection.nonKeyAttributes] }
            : { ProjectionType: 'ALL' },
      })),
    }),
  );
  for (let i = 0; i < 100; i += 1) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

export interface DynaliteHandle {
  /** A new, empty table (one per test keeps tests independent). */
  freshTable(): Promise<DynamoTable>;
  endpoint(): string;
}

/** Starts dynalite in-process on a random 127.0.0.1 port for the enclosing test file. */
export function useDynalite(): DynaliteHandle {
  let server: Server | undefined;
  let raw: DynamoDBClient | undefined;
  let doc: DynamoDBDocumentClient | undefined;
  let url = '';

  beforeAll(async () => {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    raw = new DynamoDBClient({
      endpoint: url,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  });

  afterAll(async () => {
    raw?.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  return {
    async freshTable() {
      if (!raw || !doc) throw new Error('dynalite is not running');
      const tableName = `t-${randomUUID()}`;
      await createTable(raw, tableName);
      return { client: doc, tableName };
    },
    endpoint: () => url,
  };
}
