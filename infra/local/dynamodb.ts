/**
 * Local DynamoDB: dynalite on loopback, persisted in LevelDB on disk, with the tables the
 * synthesized templates define (keys, GSIs, LSIs) — never a hand-written copy.
 */
import { mkdirSync } from 'node:fs';
import {
  type AttributeDefinition,
  type CreateTableCommandInput,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { type CloudAssembly, findResources, LOCAL_AWS, physicalName } from './cloud-assembly';
import { startDynamoDbFaultProxy } from './dynamodb-fault-proxy';
import type { FaultInjector } from './faults';
import { closeServer, LOCAL_HOST, listenOnLoopback } from './ports';

export const DEFAULT_DATA_DIR = '.local/data';

/** Credentials the local endpoints accept (dynalite checks that a signature is present, not its value). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

interface IndexDefinition {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

export interface TableDefinition {
  logicalId: string;
  tableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  GlobalSecondaryIndexes: IndexDefinition[];
  LocalSecondaryIndexes: IndexDefinition[];
  payPerRequest: boolean;
}

export class TableSchemaMismatchError extends Error {
  override readonly name = 'TableSchemaMismatchError';
}

/** Table definitions from every AWS::DynamoDB::Table / GlobalTable in the assembly. */
export function tableDefinitions(assembly: CloudAssembly): TableDefinition[] {
  return findResources(assembly, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').map(
    ({ logicalId, resource }) => {
      const props = resource.Properties ?? {};
      const indexes = (value: unknown): IndexDefinition[] =>
        ((value ?? []) as IndexDefinition[]).map(({ IndexName, KeySchema, Projection }) => ({
          IndexName,
          KeySchema,
          Projection,
        }));
      return {
        logicalId,
        tableName: physicalName(logicalId, resource),
        KeySchema: props.KeySchema as KeySchemaElement[],
        AttributeDefinitions: props.AttributeDefinitions as AttributeDefinition[],
        GlobalSecondaryIndexes: indexes(props.GlobalSecondaryIndexes),
        LocalSecondaryIndexes: indexes(props.LocalSecondaryIndexes),
        // A GlobalTable defaults to on-demand; a Table to provisioned.
        payPerRequest:
          props.BillingMode === 'PAY_PER_REQUEST' ||
          (resource.Type === 'AWS::DynamoDB::GlobalTable' && props.BillingMode === undefined),
      };
    },
  );
}

export interface StartDynamoDbOptions {
  tables: readonly TableDefinition[];
  /** 0 picks a free port. */
  port: number;
  /** LevelDB directory; `null` keeps everything in memory. Default DEFAULT_DATA_DIR. */
  dataDir?: string | null;
  /** Fails a share of the calls through `endpoint` (BESLUTNINGSFLYT_FAULTS); `internalEndpoint` never fails. */
  faults?: FaultInjector;
}

export interface LocalDynamoDb {
  /** What handlers call (AWS_ENDPOINT_URL_DYNAMODB); behind the fault proxy when faults are on. */
  endpoint: string;
  port: number;
  /**
   * dynalite itself, never failing: for the local Step Functions engine's own persistence, which
   * in AWS is not a DynamoDB table our code can see throttled.
   */
  internalEndpoint: string;
  /** logicalId → local table name (what handlers get as TABLE_NAME). */
  tableNames: Record<string, string>;
  close(): Promise<void>;
}

export async function startDynamoDb(options: StartDynamoDbOptions): Promise<LocalDynamoDb> {
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const server = dynalite({
    ...(dataDir === null ? {} : { path: dataDir }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynalitePort = await listenOnLoopback(server, options.faults === undefined ? options.port : 0);
  const internalEndpoint = `http://${LOCAL_HOST}:${dynalitePort}`;
  let close = () => closeServer(server);
  let port = dynalitePort;
  if (options.faults !== undefined) {
    const proxy = await startDynamoDbFaultProxy({ port: options.port, targetPort: dynalitePort, faults: options.faults }).catch(
      async (error: unknown) => {
        await closeServer(server);
        throw error;
      },
    );
    port = proxy.port;
    close = async () => {
      await proxy.close();
      await closeServer(server);
    };
  }
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  const client = new DynamoDBClient({ endpoint: internalEndpoint, region: LOCAL_AWS.region, credentials: LOCAL_CREDENTIALS });
  try {
    for (const table of options.tables) await ensureTable(client, table, dataDir);
  } catch (error) {
    await close();
    throw error;
  } finally {
    client.destroy();
  }
  const tableNames = Object.fromEntries(options.tables.map((table) => [table.logicalId, table.tableName]));
  return { endpoint, port, internalEndpoint, tableNames, close };
}

async function ensureTable(client: DynamoDBClient, table: TableDefinition, dataDir: string | null): Promise<void> {
  const existing = await describe(client, table.tableName);
  if (existing !== undefined) {
    const problem = schemaDifference(table, existing);
    if (problem !== undefined) {
      throw new TableSchemaMismatchError(
        `Local table ${table.tableName} no longer matches the template (${problem}). ` +
          `Delete ${dataDir ?? 'the data directory'} to recreate it.`,
      );
    }
    return;
  }
  await client.send(new CreateTableCommand(createTableInput(table)));
}

/** Dynalite needs explicit throughput for provisioned tables; the numbers mean nothing locally. */
const DUMMY_THROUGHPUT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

export function createTableInput(table: TableDefinition): CreateTableCommandInput {
  const throughput = table.payPerRequest ? {} : { ProvisionedThroughput: DUMMY_THROUGHPUT };
  return {
    TableName: table.tableName,
    KeySchema: table.KeySchema,
    AttributeDefinitions: table.AttributeDefinitions,
    ...(table.payPerRequest ? { BillingMode: 'PAY_PER_REQUEST' } : throughput),
    ...(table.GlobalSecondaryIndexes.length > 0
      ? { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.map((index) => ({ ...index, ...throughput })) }
      : {}),
    ...(table.LocalSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: table.LocalSecondaryIndexes } : {}),
  } as CreateTableCommandInput;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function schemaDifference(wanted: TableDefinition, actual: TableDescription): string | undefined {
  if (keys(wanted.KeySchema) !== keys(actual.KeySchema)) return 'key schema';
  const indexes = (list: ReadonlyArray<{ IndexName?: string; KeySchema?: KeySchemaElement[] }> | undefined) =>
    (list ?? [])
      .map((index) => `${index.IndexName}(${keys(index.KeySchema)})`)
      .sort()
      .join(',');
  if (indexes(wanted.GlobalSecondaryIndexes) !== indexes(actual.GlobalSecondaryIndexes)) {
    return 'global secondary indexes';
  }
  if (indexes(wanted.LocalSecondaryIndexes) !== indexes(actual.LocalSecondaryIndexes)) {
    return 'local secondary indexes';
  }
  return undefined;
}

function keys(schema: readonly KeySchemaElement[] | undefined): string {
  return (schema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');
}
