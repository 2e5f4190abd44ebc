import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { hasControlCharacters, parseRecipient, sanitizeSubject } from '../../shared/email/headers';
import { EMAIL_TAG_NAMES, type EmailTags, type Mailer, type OutgoingEmail } from '../../shared/ports/mailer';
import { ENV } from '../../shared/config/env';
import { config, requiredSetting } from '../config';

/** Sending failed (SES rejected or was unreachable). Never carries the address or content. */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface SesMailerOptions {
  client: SESv2Client;
  /** Verified sender identity (config SENDER_EMAIL). */
  from: string;
  /** SES configuration set (config SES_CONFIGURATION_SET), for event publishing. */
  configurationSet?: string;
}

const UTF8 = 'UTF-8';

/** SES accepts only ASCII letters, digits, '_' and '-' in a tag value, at most 256 of them. */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

function emailTags(tags: EmailTags): Array<{ Name: string; Value: string }> {
  return (Object.keys(EMAIL_TAG_NAMES) as Array<keyof EmailTags>).map((key) => ({
    Name: EMAIL_TAG_NAMES[key],
    Value: sesTagValue(tags[key]),
  }));
}

/**
 * Mailer over SES v2 SendEmail with Simple content, so SES builds the MIME message and
 * encodes the UTF-8 subject itself. The recipient and subject are checked again here
 * (defence in depth against header injection, whoever rendered the message).
 */
export function makeSesMailer(options: SesMailerOptions): Mailer {
  if (hasControlCharacters(options.from) || options.from.includes(',')) {
    throw new EmailSendError('Sender address must be one address without control characters');
  }
  return {
    async send(message: OutgoingEmail): Promise<{ messageId: string }> {
      const to = parseRecipient(message.to);
      const command = new SendEmailCommand({
        FromEmailAddress: options.from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: sanitizeSubject(message.subject), Charset: UTF8 },
            Body: {
              Text: { Data: message.text, Charset: UTF8 },
              Html: { Data: message.html, Charset: UTF8 },
            },
          },
        },
        ...(options.configurationSet === undefined ? {} : { ConfigurationSetName: options.configurationSet }),
        ...(message.tags === undefined ? {} : { EmailTags: emailTags(message.tags) }),
      });
      let messageId: string | undefined;
      try {
        messageId = (await options.client.send(command)).MessageId;
      } catch (cause) {
        throw new EmailSendError('SES SendEmail failed', { cause });
      }
      if (!messageId) throw new EmailSendError('SES SendEmail returned no MessageId');
      return { messageId };
    },
  };
}

let client: SESv2Client | undefined;
let mailer: Mailer | undefined;

/**
 * The Mailer for handlers, built once per container. The client takes region and endpoint
 * from the SDK's own configuration (locally AWS_ENDPOINT_URL_SESV2), like the other clients.
 */
export function sesMailer(): Mailer {
  if (mailer) return mailer;
  const cfg = config();
  client ??= new SESv2Client({});
  mailer = makeSesMailer({
    client,
    from: requiredSetting(cfg.senderEmail, ENV.senderEmail),
    ...(cfg.sesConfigurationSet === undefined ? {} : { configurationSet: cfg.sesConfigurationSet }),
  });
  return mailer;
}
