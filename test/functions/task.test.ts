import { EmailSendInProgressError } from '../../functions/adapters/once-mailer';
import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { MessageRejected, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EmailSendError } from '../../functions/adapters/ses-mailer';
import { TransientTaskError, taskHandler } from '../../functions/task';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../../shared/errors';
import { TRANSIENT_ERROR } from '../../shared/workflow/contract';

const $metadata = { httpStatusCode: 400 };

/** What a task handler fails with when its use case throws `error`. */
async function failureOf(error: unknown): Promise<unknown> {
  const handler = taskHandler('test-task', z.object({ caseId: z.string() }), async () => {
    throw error;
  });
  return handler({ caseId: 'BF-2026-0001' }).then(
    () => expect.unreachable('the handler should fail'),
    (e: unknown) => e,
  );
}

describe('task handler failures', () => {
  it('reports an SES throttle inside EmailSendError under the transient name, keeping the cause', async () => {
    const throttle = new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
    const original = new EmailSendError('SES SendEmail failed', { cause: throttle });
    const failure = await failureOf(original);
    expect(failure).toBeInstanceOf(TransientTaskError);
    expect((failure as Error).name).toBe(TRANSIENT_ERROR);
    expect((failure as Error).cause).toBe(original);
    expect((failure as Error).message).toBe('Transient failure: EmailSendError <- TooManyRequestsException');
  });

  it('reports an SES 5XX (InternalFailure) inside EmailSendError under the transient name', async () => {
    const outage = Object.assign(new Error('Internal failure'), { name: 'InternalFailure' });
    const failure = await failureOf(new EmailSendError('SES SendEmail failed', { cause: outage }));
    expect((failure as Error).name).toBe(TRANSIENT_ERROR);
  });

  it('reports an e-mail another attempt is sending right now under the transient name', async () => {
    const failure = await failureOf(new EmailSendInProgressError('Another attempt is sending this e-mail'));
    expect((failure as Error).name).toBe(TRANSIENT_ERROR);
  });

  it('reports DynamoDB throttling (provisioned and on-demand) under the transient name', async () => {
    const dynamo = new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata });
    const onDemand = new ThrottlingException({ message: 'Throughput exceeds the table limit', $metadata });
    for (const error of [dynamo, onDemand]) {
      const failure = await failureOf(error);
      expect((failure as Error).name, error.name).toBe(TRANSIENT_ERROR);
      expect((failure as Error).cause, error.name).toBe(error);
    }
  });

  it('reports a lost version race and a reset connection under the transient name', async () => {
    expect(((await failureOf(new VersionConflictError('Case was changed concurrently', 3))) as Error).name).toBe(
      TRANSIENT_ERROR,
    );
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(((await failureOf(reset)) as Error).name).toBe(TRANSIENT_ERROR);
  });

  it('lets permanent errors through unchanged, under their own names', async () => {
    const rejected = new EmailSendError('SES SendEmail failed', {
      cause: new MessageRejected({ message: 'Email address is not verified.', $metadata }),
    });
    const permanent = [
      new ValidationError([{ pointer: '/caseId', code: 'error.field.required' }]),
      new NotFoundError('Case does not exist'),
      new ConflictError('Step is closed'),
      rejected,
      new TypeError('x is undefined'),
    ];
    for (const error of permanent) expect(await failureOf(error), error.name).toBe(error);
  });

  it('treats an AppError as the use case decided, whatever it wraps', async () => {
    const error = new ConflictError('Step changed while updating', {
      cause: new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata }),
    });
    expect(await failureOf(error)).toBe(error);
  });
});
