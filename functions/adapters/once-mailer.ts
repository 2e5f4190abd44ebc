import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Mailer, OutgoingEmail } from '../../shared/ports/mailer';
import { sha256Hex } from './crypto';
import { type DynamoTable, isConditionFailed } from './dynamo-table';
import { sentEmailKey, TTL_ATTRIBUTE } from './table-layout';

/** Sent-markers outlive any case's workflow (a case runs well under a year). */
const SENT_MARKER_RETENTION_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * How long a claim to send one e-mail holds: far longer than one SES call, short enough that a
 * task retried after its sender died (a Lambda killed at its timeout) takes over within its
 * retries (shared/workflow/contract.ts TRANSIENT_ERRORS backoff).
 */
export const SEND_CLAIM_SECONDS = 30;

/**
 * Another attempt of the same task is sending this e-mail right now (a timed-out attempt still
 * running beside its retry). Transient: the retry comes back when that send is marked.
 */
export class EmailSendInProgressError extends Error {
  override readonly name = 'EmailSendInProgressError';
}

/**
 * A Mailer that sends a keyed e-mail once, also when attempts of a task run at the same time:
 * it claims the key (one conditional put: new, or a claim that has run out), sends, and marks
 * the key sent. A sent key answers with its first message id; a key claimed by a live attempt
 * fails transiently; a failed send gives the claim up so a retry sends at once. Only a sender
 * dying between SES accepting and the mark can repeat that one e-mail, once the claim runs out.
 */
export function makeOnceMailer(inner: Mailer, table: DynamoTable, now: () => Date): Mailer {
  return {
    async send(message: OutgoingEmail): Promise<{ messageId: string }> {
      if (message.onceKey === undefined) return inner.send(message);
      const key = sentEmailKey(sha256Hex(message.onceKey));
      const at = now();
      const claimed = await claim(table, key, at);
      if (claimed !== true) return claimed;
      let messageId: string;
      try {
        ({ messageId } = await inner.send(message));
      } catch (error) {
        await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: key })).catch(() => undefined);
        throw error;
      }
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: key,
          UpdateExpression: 'SET #state = :sent, messageId = :id, sentAt = :at',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': now().toISOString() },
        }),
      );
      return { messageId };
    },
  };
}

/** true: this attempt sends; a message id: sent before; throws while another attempt sends. */
async function claim(table: DynamoTable, key: Record<string, string>, at: Date): Promise<true | { messageId: string }> {
  const seconds = Math.floor(at.getTime() / 1000);
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...key,
          entity: 'sent-email',
          state: 'sending',
          claimedAt: seconds,
          [TTL_ATTRIBUTE]: seconds + SENT_MARKER_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':stale': seconds - SEND_CLAIM_SECONDS },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const found = await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
  if (found.Item?.state === 'sent') return { messageId: String(found.Item.messageId) };
  throw new EmailSendInProgressError('Another attempt is sending this e-mail');
}
