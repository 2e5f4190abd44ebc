/**
 * The SES mailbox simulator, locally: SES accepts a send to these addresses, delivers nothing
 * and, for a message sent through a configuration set, publishes the feedback a real mailbox
 * would cause. Here that feedback is the would-be EventBridge event (source aws.ses), recorded
 * for tests; delivering it to a local rule target is the local EventBridge's job, not this one.
 * A label after '+' is allowed (bounce+case1@simulator.amazonses.com), as in SES.
 */
import { randomUUID } from 'node:crypto';

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

type Scenario = 'success' | 'bounce' | 'ooto' | 'complaint' | 'suppressionlist';
const SCENARIOS: readonly Scenario[] = ['success', 'bounce', 'ooto', 'complaint', 'suppressionlist'];

/** The simulator scenario of an address, or undefined for an ordinary address. */
export function simulatorScenario(address: string): Scenario | undefined {
  const match = /^([a-z]+)(?:\+[^@]*)?@(.+)$/i.exec(address.trim());
  if (!match || match[2]?.toLowerCase() !== SIMULATOR_DOMAIN) return undefined;
  const local = match[1]?.toLowerCase() as Scenario;
  return SCENARIOS.includes(local) ? local : undefined;
}

export interface SimulatedSesEvent {
  source: 'aws.ses';
  'detail-type': 'Email Bounced' | 'Email Complaint Received';
  time: string;
  detail: {
    eventType: 'Bounce' | 'Complaint';
    mail: { messageId: string; timestamp: string; destination: string[]; tags: Record<string, string[]> };
    bounce?: {
      bounceType: 'Permanent';
      bounceSubType: 'General' | 'OnAccountSuppressionList';
      bouncedRecipients: Array<{ emailAddress: string }>;
      feedbackId: string;
      timestamp: string;
    };
    complaint?: {
      complainedRecipients: Array<{ emailAddress: string }>;
      complaintFeedbackType: 'abuse';
      feedbackId: string;
      timestamp: string;
    };
  };
}

export interface SentForSimulation {
  messageId: string;
  recipients: readonly string[];
  configurationSet?: string;
  tags?: ReadonlyArray<{ Name: string; Value: string }>;
  at: Date;
}

/**
 * The feedback events SES would publish for the simulator recipients of one message: one per
 * bouncing or complaining recipient. None without a configuration set (SES publishes events
 * only through one); success and ooto (an auto-reply, not a failure) cause none here.
 */
export function simulatedEvents(sent: SentForSimulation): SimulatedSesEvent[] {
  if (sent.configurationSet === undefined) return [];
  const timestamp = sent.at.toISOString();
  const tags: Record<string, string[]> = { 'ses:configuration-set': [sent.configurationSet] };
  for (const tag of sent.tags ?? []) tags[tag.Name] = [tag.Value];
  const mail = { messageId: sent.messageId, timestamp, destination: [...sent.recipients], tags };
  return sent.recipients.flatMap((address): SimulatedSesEvent[] => {
    const scenario = simulatorScenario(address);
    const feedbackId = `${sent.messageId}-${randomUUID()}`;
    if (scenario === 'bounce' || scenario === 'suppressionlist') {
      return [
        {
          source: 'aws.ses',
          'detail-type': 'Email Bounced',
          time: timestamp,
          detail: {
            eventType: 'Bounce',
            mail,
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: scenario === 'bounce' ? 'General' : 'OnAccountSuppressionList',
              bouncedRecipients: [{ emailAddress: address }],
              feedbackId,
              timestamp,
            },
          },
        },
      ];
    }
    if (scenario === 'complaint') {
      return [
        {
          source: 'aws.ses',
          'detail-type': 'Email Complaint Received',
          time: timestamp,
          detail: {
            eventType: 'Complaint',
            mail,
            complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse', feedbackId, timestamp },
          },
        },
      ];
    }
    return [];
  });
}
