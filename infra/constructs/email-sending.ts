import { RemovalPolicy } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { EmailSending } from './app-function';

export interface EmailSenderProps {
  readonly senderDomain: string;
  readonly senderEmail: string;
}

/**
 * SES v2: the sending domain (Easy DKIM; the administrator publishes the three CNAME records
 * shown in the SES console) and a configuration set every email is sent through.
 */
export class EmailSender extends Construct implements EmailSending {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: EmailSenderProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Never deliver an action link over an unencrypted connection.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.identity = new EmailIdentity(this, 'Domain', {
      identity: Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
    });
    this.identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }

  /**
   * Publishes the configuration set's "did not arrive" events to the default event bus (the
   * only bus SES can publish to) and sends them to `handler` (functions/record-email-event.ts):
   * delivery is known, not assumed. Deliveries and sends are not published (no use, only cost).
   */
  publishUndeliverableTo(handler: IFunction): Rule {
    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    new ConfigurationSetEventDestination(this, 'UndeliverableEvents', {
      configurationSet: this.configurationSet,
      destination: EventDestination.eventBus(bus),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    return new Rule(this, 'UndeliverableRule', {
      description: 'SES bounce, complaint, reject and delay events of this configuration set',
      eventBus: bus,
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_UNDELIVERABLE_DETAIL_TYPES],
        // Only this configuration set's e-mails (another application may send from the account).
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(handler, { retryAttempts: 2 })],
    });
  }
}

/** EventBridge detail-types of the SES events published (EventBridge events reference, SES). */
export const SES_UNDELIVERABLE_DETAIL_TYPES = [
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Delivery Delayed',
] as const;
