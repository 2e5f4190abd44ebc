import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Mailer, OutgoingEmail } from '../../shared/ports/mailer';
import { sha256Hex } from './crypto';
import { type DynamoTable, isConditionFailed } from './dynamo-table';
import { sentEmailKey, TTL_ATTRIBUTE } from './table-layout';

/** Sent-markers outlive any case's workflow (a case runs well under a year). */
const SENT_MARKER_RETENTION_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * A Mailer that sends a keyed e-mail once: it looks for the key's sent-marker first and writes
 * it (one conditional put) after the inner mailer accepted the message. A crash between the
 * send and the marker can repeat that one e-mail on retry; nothing can make it be lost.
 */
export function makeOnceMailer(inner: Mailer, table: DynamoTable, now: () => Date): Mailer {
  return {
    async send(message: OutgoingEmail): Promise<{ messageId: string }> {
      if (message.onceKey === undefined) return inner.send(message);
      const key = sentEmailKey(sha256Hex(message.onceKey));
      const found = await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
      if (found.Item) return { messageId: String(found.Item.messageId) };
      const { messageId } = await inner.send(message);
      const at = now();
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.tableName,
            Item: {
              ...key,
              entity: 'sent-email',
              messageId,
              sentAt: at.toISOString(),
              [TTL_ATTRIBUTE]: Math.floor(at.getTime() / 1000) + SENT_MARKER_RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        // A racing send of the same key wrote its marker first: both went out, once each.
        if (!isConditionFailed(error)) throw error;
      }
      return { messageId };
    },
  };
}
