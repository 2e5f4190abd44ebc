import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { OwnershipLostError } from './errors';
import type { ExecutionRecord, HistoryEvent, ThreadRecord } from './records';

/**
 * Persistence in the application's single table (string keys pk/sk). Everything lives under
 * 'SFN#' prefixes so it never collides with the app's CASE#/TOKEN#/… items:
 *   SFN#EXEC#<executionArn> / SFN#EXEC            the execution
 *   SFN#EXEC#<executionArn> / SFN#THREAD#<id>      a running thread (root, branch, iteration)
 *   SFN#EXEC#<executionArn> / SFN#EVENT#<000000n>  a history event
 * Each write is one conditional single-item write (dynalite has no transactions); a failed
 * condition means another engine instance owns the execution.
 */
const EXEC_SK = 'SFN#EXEC';
const THREAD_PREFIX = 'SFN#THREAD#';
const EVENT_PREFIX = 'SFN#EVENT#';

const pkOf = (executionArn: string) => `SFN#EXEC#${executionArn}`;
const eventSk = (id: number) => `${EVENT_PREFIX}${String(id).padStart(9, '0')}`;

export interface DynamoSettings {
  client: DynamoDBClient;
  tableName: string;
}

export class Store {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(settings: DynamoSettings) {
    this.doc = DynamoDBDocumentClient.from(settings.client);
    this.table = settings.tableName;
  }

  /** Creates the execution; false if one with that ARN exists already. */
  async createExecution(record: ExecutionRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: this.executionItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Writes a new version of the execution; the stored version must still be record.version - 1. */
  async updateExecution(record: ExecutionRecord): Promise<void> {
    await this.conditional(
      new PutCommand({
        TableName: this.table,
        Item: this.executionItem(record),
        ConditionExpression: 'version = :previous',
        ExpressionAttributeValues: { ':previous': record.version - 1 },
      }),
      `execution ${record.executionArn}`,
    );
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: pkOf(executionArn), sk: EXEC_SK }, ConsistentRead: true }),
    );
    return result.Item ? (JSON.parse(result.Item.data as string) as ExecutionRecord) : undefined;
  }

  /** All executions (optionally only RUNNING ones). A scan: fine for a local table. */
  async scanExecutions(onlyRunning: boolean): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: onlyRunning ? 'sk = :sk AND #status = :running' : 'sk = :sk',
          ExpressionAttributeValues: onlyRunning ? { ':sk': EXEC_SK, ':running': 'RUNNING' } : { ':sk': EXEC_SK },
          ...(onlyRunning ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) out.push(JSON.parse(item.data as string) as ExecutionRecord);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /** Writes a thread; version 1 must not exist yet, later versions replace version - 1. */
  async putThread(executionArn: string, thread: ThreadRecord): Promise<void> {
    const item = { pk: pkOf(executionArn), sk: `${THREAD_PREFIX}${thread.id}`, version: thread.version, data: JSON.stringify(thread) };
    const condition =
      thread.version === 1
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': thread.version - 1 } };
    await this.conditional(new PutCommand({ TableName: this.table, Item: item, ...condition }), `thread ${thread.id}`);
  }

  async deleteThread(executionArn: string, threadId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: pkOf(executionArn), sk: `${THREAD_PREFIX}${threadId}` } }));
  }

  async loadThreads(executionArn: string): Promise<ThreadRecord[]> {
    const items = await this.queryPrefix(executionArn, THREAD_PREFIX, true);
    return items.map((item) => JSON.parse(item.data as string) as ThreadRecord);
  }

  async putEvent(executionArn: string, event: HistoryEvent): Promise<void> {
    await this.conditional(
      new PutCommand({
        TableName: this.table,
        Item: { pk: pkOf(executionArn), sk: eventSk(event.id), data: JSON.stringify(event) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      `history event ${event.id}`,
    );
  }

  async loadEvents(executionArn: string): Promise<HistoryEvent[]> {
    const items = await this.queryPrefix(executionArn, EVENT_PREFIX, true);
    return items.map((item) => JSON.parse(item.data as string) as HistoryEvent);
  }

  async lastEventId(executionArn: string): Promise<number> {
    const result = await this.doc.send(new QueryCommand({ ...this.prefixQuery(executionArn, EVENT_PREFIX, false), Limit: 1 }));
    const item = result.Items?.[0];
    return item ? (JSON.parse(item.data as string) as HistoryEvent).id : 0;
  }

  private executionItem(record: ExecutionRecord): Record<string, unknown> {
    return {
      pk: pkOf(record.executionArn),
      sk: EXEC_SK,
      version: record.version,
      status: record.status,
      stateMachineArn: record.stateMachineArn,
      data: JSON.stringify(record),
    };
  }

  /** A consistent query of one execution's items whose sort key starts with `prefix`. */
  private prefixQuery(executionArn: string, prefix: string, forward: boolean) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pkOf(executionArn), ':prefix': prefix },
      ScanIndexForward: forward,
      ConsistentRead: true,
    };
  }

  private async queryPrefix(executionArn: string, prefix: string, forward: boolean): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...this.prefixQuery(executionArn, prefix, forward), ExclusiveStartKey: startKey }));
      out.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  private async conditional(command: PutCommand, what: string): Promise<void> {
    try {
      await this.doc.send(command);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new OwnershipLostError(`${what} was changed by another engine instance`, { cause: error });
      }
      throw error;
    }
  }
}
