import { z } from 'zod';
import {
  type RecordEmailEventDeps,
  type RecordEmailEventResult,
  recordEmailEvent,
  SesEventSchema,
} from '../shared/use-cases/record-email-event';
import { workflowDeps } from './adapters/handler-deps';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';

/** The EventBridge envelope of an SES event (detail is the SES event record). */
const EventBridgeEventSchema = z.object({ source: z.literal('aws.ses'), detail: z.unknown() });

/**
 * EventBridge rule on SES bounce/complaint/reject/delay events → the case's audit trail and the
 * secretariat. A malformed or foreign event is logged and dropped (a retry cannot fix it);
 * any other failure throws, so Lambda's asynchronous retries try again.
 */
export function makeHandler(deps: Deps<RecordEmailEventDeps>) {
  const get = resolveDeps(deps);
  return async (event: unknown): Promise<RecordEmailEventResult | { recorded: false; reason: 'malformed' }> => {
    const envelope = EventBridgeEventSchema.safeParse(event);
    const detail = envelope.success ? SesEventSchema.safeParse(envelope.data.detail) : undefined;
    if (!detail?.success) {
      // Never log the event itself: it carries the recipient's address.
      logger.warn('SES event ignored: not a bounce, complaint, reject or delay record');
      return { recorded: false, reason: 'malformed' };
    }
    const result = await recordEmailEvent(get(), detail.data);
    logger.info('SES event handled', { eventType: detail.data.eventType, ...result });
    return result;
  };
}

export const handler = makeHandler(workflowDeps);
