import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readCloudAssembly } from '../../../infra/local/cloud-assembly';
import {
  LOCAL_CREDENTIALS,
  type LocalDynamoDb,
  startDynamoDb,
  type TableDefinition,
  TableSchemaMismatchError,
  tableDefinitions,
} from '../../../infra/local/dynamodb';

const tables = tableDefinitions(readCloudAssembly(join(import.meta.dirname, 'fixtures', 'assembly')));
const dataDir = mkdtempSync(join(tmpdir(), 'beslutningsflyt-dynamo-'));
let running: LocalDynamoDb | undefined;

function documentClient(db: LocalDynamoDb): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS }),
  );
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('startDynamoDb', () => {
  it('creates the template tables with their keys, GSIs and LSIs', async () => {
    running = await startDynamoDb({ tables, port: 0, dataDir });
    expect(running.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.tableNames).toEqual({ CasesTable: 'CasesTable', AuditTable: 'fixture-audit' });
    const client = documentClient(running);
    const { Table: cases } = await client.send(new DescribeTableCommand({ TableName: 'CasesTable' }));
    expect(cases?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(cases?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.Projection?.ProjectionType])).toEqual([
      ['gsi1', 'ALL'],
      ['gsi2', 'KEYS_ONLY'],
    ]);
    expect(cases?.LocalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['lsi1']);
    const { Table: audit } = await client.send(new DescribeTableCommand({ TableName: 'fixture-audit' }));
    expect(audit?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');

    // The GSI is live: an item written with its keys is found through it.
    await client.send(
      new PutCommand({ TableName: 'CasesTable', Item: { pk: 'CASE#1', sk: 'CASE', gsi1pk: 'STATUS#triage', gsi1sk: 'x' } }),
    );
    const found = await client.send(
      new QueryCommand({
        TableName: 'CasesTable',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'STATUS#triage' },
      }),
    );
    expect(found.Items?.map((item) => item.pk)).toEqual(['CASE#1']);
  });

  it('keeps data on disk and reuses the tables on the next start', async () => {
    running = await startDynamoDb({ tables, port: 0, dataDir });
    await documentClient(running).send(
      new PutCommand({ TableName: 'fixture-audit', Item: { id: 'persisted', value: 42 } }),
    );
    await running.close();

    running = await startDynamoDb({ tables, port: 0, dataDir });
    const client = documentClient(running);
    const { Item } = await client.send(new GetCommand({ TableName: 'fixture-audit', Key: { id: 'persisted' } }));
    expect(Item).toEqual({ id: 'persisted', value: 42 });
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames?.sort()).toEqual(['CasesTable', 'fixture-audit']);
  });

  it('refuses to start when the stored table no longer matches the template', async () => {
    const changed: TableDefinition[] = tables.map((table) =>
      table.logicalId === 'CasesTable' ? { ...table, GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.slice(0, 1) } : table,
    );
    await expect(startDynamoDb({ tables: changed, port: 0, dataDir })).rejects.toThrow(TableSchemaMismatchError);
    // The failed start released its port and database: a correct start still works.
    running = await startDynamoDb({ tables, port: 0, dataDir });
    expect(running.port).toBeGreaterThan(0);
  });

  it('can run in memory only', async () => {
    running = await startDynamoDb({ tables, port: 0, dataDir: null });
    const { TableNames } = await documentClient(running).send(new ListTablesCommand({}));
    expect(TableNames?.sort()).toEqual(['CasesTable', 'fixture-audit']);
  });
});
