import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionRevocations } from '../../shared/ports/session-revocations';
import { type DynamoTable, isConditionFailed } from './dynamo-table';
import { revokedSessionKey, TTL_ATTRIBUTE } from './table-layout';

/**
 * One item per ended session, deleted by TTL after the session would have expired anyway.
 * TTL deletes late (and dynalite never), so the read compares the expiry itself.
 */
export class DynamoSessionRevocations implements SessionRevocations {
  constructor(private readonly table: DynamoTable) {}

  async revoke(id: string, untilSeconds: number): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...revokedSessionKey(id), entity: 'revokedSession', [TTL_ATTRIBUTE]: untilSeconds },
          // A second sign-out with the same cookie keeps the first record (it expires no earlier).
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :until',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':until': untilSeconds },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async isRevoked(id: string, nowSeconds: number): Promise<boolean> {
    const out = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: revokedSessionKey(id), ConsistentRead: true }),
    );
    return out.Item !== undefined && Number(out.Item[TTL_ATTRIBUTE]) > nowSeconds;
  }
}
