import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../shared/errors';
import {
  type ClaimResult,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyClaim,
  type IdempotencyStore,
  type IdempotentResponse,
} from '../../shared/ports/idempotency-store';
import { conditionalWrite, type DynamoTable, getItem, isConditionFailed } from './dynamo-table';
import { idempotencyKey, TTL_ATTRIBUTE } from './table-layout';

/**
 * DynamoDB TTL deletes expired records eventually (and dynalite never), so expiry is also part
 * of the claim condition: an expired record can be claimed again.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly table: DynamoTable) {}

  async claim(input: IdempotencyClaim): Promise<ClaimResult> {
    const nowSeconds = Math.floor(input.now.getTime() / 1000);
    // Two rounds: a record can expire between a failed claim and the read that follows it.
    for (let round = 0; round < 2; round += 1) {
      try {
        await this.table.client.send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: {
              ...idempotencyKey(input.key),
              entity: 'idempotency',
              bodyHash: input.bodyHash,
              caseId: input.caseId,
              claimedAt: input.now.toISOString(),
              [TTL_ATTRIBUTE]: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return { status: 'new' };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const item = await getItem(this.table, idempotencyKey(input.key));
      if (item && Number(item[TTL_ATTRIBUTE]) > nowSeconds) {
        return {
          status: 'existing',
          bodyHash: String(item.bodyHash),
          caseId: String(item.caseId),
          claimedAt: String(item.claimedAt),
          ...(item.response === undefined ? {} : { response: item.response as IdempotentResponse }),
        };
      }
    }
    throw new Error('Idempotency record kept changing while claiming');
  }

  async complete(key: string, response: IdempotentResponse): Promise<void> {
    await conditionalWrite(
      () =>
        this.table.client.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: idempotencyKey(key),
            UpdateExpression: 'SET #response = :response',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#response': 'response' },
            ExpressionAttributeValues: { ':response': response },
          }),
        ),
      (error) => new NotFoundError('Idempotency key was never claimed', { cause: error }),
    );
  }

  async renewClaim(key: string, claimedAt: string, now: Date): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: idempotencyKey(key),
          UpdateExpression: 'SET claimedAt = :now',
          ConditionExpression: 'claimedAt = :claimedAt',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':claimedAt': claimedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
