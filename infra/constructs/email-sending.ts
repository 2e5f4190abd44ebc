import { RemovalPolicy } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
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
}
