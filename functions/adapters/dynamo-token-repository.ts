import { type ActionTokenRecord, ActionTokenRecordSchema } from '../../shared/domain/action-token';
import type { Choice } from '../../shared/kernel/ids';
import { ConflictError } from '../../shared/errors';
import type { ActionTokenRepository } from '../../shared/ports/action-token-repository';
import { type DynamoTable, getItem, type Item, putNew, updateReturningItem } from './dynamo-table';
import { TOKEN_RETENTION_SECONDS, TTL_ATTRIBUTE, tokenKey } from './table-layout';
import { tokenConditionError } from './token-conditions';

const UNUSED = 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(supersededBy)';

function toItem(token: ActionTokenRecord): Item {
  const record = ActionTokenRecordSchema.parse(token);
  return {
    ...record,
    ...tokenKey(record.tokenHash),
    entity: 'token',
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(record.expiresAt) / 1000) + TOKEN_RETENTION_SECONDS,
  };
}

function fromItem(item: Item): ActionTokenRecord {
  const { pk: _pk, sk: _sk, entity: _e, [TTL_ATTRIBUTE]: _ttl, ...record } = item;
  return ActionTokenRecordSchema.parse(record);
}

export class DynamoTokenRepository implements ActionTokenRepository {
  constructor(private readonly table: DynamoTable) {}

  async put(token: ActionTokenRecord): Promise<void> {
    await putNew(this.table, toItem(token), 'Token hash exists');
  }

  async getByHash(tokenHash: string): Promise<ActionTokenRecord | undefined> {
    const item = await getItem(this.table, tokenKey(tokenHash));
    return item ? fromItem(item) : undefined;
  }

  async markUsed(tokenHash: string, choice: Choice, at: Date): Promise<ActionTokenRecord> {
    const out = await this.conditionalUpdate(tokenHash, 'SET usedAt = :at, usedChoice = :choice', {
      ':at': at.toISOString(),
      ':choice': choice,
    });
    return fromItem(out);
  }

  async supersede(tokenHash: string, supersededBy: string): Promise<void> {
    await this.conditionalUpdate(tokenHash, 'SET supersededBy = :by', { ':by': supersededBy });
  }

  private conditionalUpdate(tokenHash: string, expression: string, values: Item): Promise<Item> {
    return updateReturningItem(
      this.table,
      {
        Key: tokenKey(tokenHash),
        UpdateExpression: expression,
        ConditionExpression: UNUSED,
        ExpressionAttributeValues: values,
      },
      async (error) => {
        const reason = tokenConditionError(await this.getByHash(tokenHash)) ?? new ConflictError('Token changed');
        reason.cause = error;
        return reason;
      },
    );
  }
}
