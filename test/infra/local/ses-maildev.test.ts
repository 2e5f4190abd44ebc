import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../infra/local/dynamodb';
import { type LocalMailDev, type MailDevEmail, startMailDev } from '../../../infra/local/maildev';
import { type LocalSesServer, startSesServer } from '../../../infra/local/ses-server';
import { SesEventSchema } from '../../../shared/use-cases/record-email-event';

let maildev: LocalMailDev;
let ses: LocalSesServer;
let client: SESv2Client;
const sent: string[] = [];
const mailDirectory = mkdtempSync(join(tmpdir(), 'beslutningsflyt-mail-'));

beforeAll(async () => {
  maildev = await startMailDev({ smtpPort: 0, webPort: 0, mailDirectory });
  ses = await startSesServer({ port: 0, smtpPort: maildev.smtpPort, onSent: ({ messageId }) => sent.push(messageId) });
  client = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  client.destroy();
  await ses.close();
  await maildev.close();
  rmSync(mailDirectory, { recursive: true, force: true });
});

beforeEach(async () => {
  await maildev.client.deleteAll();
});

async function sendAndFetch(input: SendEmailCommandInput): Promise<{ messageId: string; email: MailDevEmail }> {
  const { MessageId } = await client.send(new SendEmailCommand(input));
  expect(MessageId).toMatch(/^[0-9a-f]{16}-[0-9a-f-]{36}-000000$/);
  const [email] = await maildev.client.waitForEmails((emails) => emails.length === 1);
  return { messageId: MessageId!, email: email! };
}

const addresses = (list: Array<{ address: string }> | undefined) => (list ?? []).map((a) => a.address).sort();

describe('local SES v2 → MailDev', () => {
  it('delivers Simple text content with every kind of recipient', async () => {
    const { messageId, email } = await sendAndFetch({
      FromEmailAddress: 'Beslutningsflyt <noreply@dif.example>',
      Destination: {
        ToAddresses: ['styret@dif.example'],
        CcAddresses: ['sekretariat@dif.example'],
        BccAddresses: ['arkiv@dif.example'],
      },
      ReplyToAddresses: ['svar@dif.example'],
      ConfigurationSetName: 'ignored-locally',
      Content: {
        Simple: {
          Subject: { Data: 'Sak 2026/0042: høring', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Hei!\nSvar innen fristen.' } },
        },
      },
    });
    expect(email.subject).toBe('Sak 2026/0042: høring');
    expect(email.from).toEqual([{ address: 'noreply@dif.example', name: 'Beslutningsflyt' }]);
    expect(addresses(email.to)).toEqual(['styret@dif.example']);
    expect(addresses(email.cc)).toEqual(['sekretariat@dif.example']);
    expect(addresses(email.envelope.to)).toEqual(['arkiv@dif.example', 'sekretariat@dif.example', 'styret@dif.example']);
    expect(email.text?.trim()).toBe('Hei!\nSvar innen fristen.');
    expect(await maildev.client.source(email.id)).toMatch(/^Reply-To: svar@dif\.example\r?$/m);
    expect(email.headers['message-id']).toContain(messageId);
    expect(sent).toContain(messageId);
  });

  it('delivers HTML with a text alternative and custom headers', async () => {
    const { email } = await sendAndFetch({
      FromEmailAddress: 'noreply@dif.example',
      Destination: { ToAddresses: ['daglig.leder@dif.example'] },
      Content: {
        Simple: {
          Subject: { Data: 'Vedtak' },
          Body: { Text: { Data: 'Godkjenn: http://x/a' }, Html: { Data: '<p>Godkjenn: <a href="http://x/a">lenke</a></p>' } },
          Headers: [{ Name: 'X-Case-Id', Value: 'case-1' }],
        },
      },
    });
    expect(email.html).toContain('<a href="http://x/a">lenke</a>');
    expect(email.text?.trim()).toBe('Godkjenn: http://x/a');
    expect(email.headers['x-case-id']).toBe('case-1');
  });

  it('delivers Raw MIME content, taking recipients from its headers', async () => {
    const mime = [
      'From: KS <post@ks.example>',
      'To: kommune@kommune.example,',
      ' kontakt@kommune.example',
      'Subject: Raw message',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Raw body',
      '',
    ].join('\r\n');
    const { email } = await sendAndFetch({ Content: { Raw: { Data: Buffer.from(mime) } } });
    expect(email.subject).toBe('Raw message');
    expect(addresses(email.from)).toEqual(['post@ks.example']);
    expect(addresses(email.envelope.to)).toEqual(['kommune@kommune.example', 'kontakt@kommune.example']);
    expect(email.text?.trim()).toBe('Raw body');
  });

  it('lets Destination override the recipients of Raw content', async () => {
    const mime = 'From: a@x.example\r\nTo: b@x.example\r\nSubject: s\r\n\r\nbody\r\n';
    const { email } = await sendAndFetch({
      Destination: { ToAddresses: ['c@x.example'] },
      Content: { Raw: { Data: Buffer.from(mime) } },
    });
    expect(addresses(email.envelope.to)).toEqual(['c@x.example']);
  });

  it.each([
    ['no recipients', { FromEmailAddress: 'a@x.example', Content: simple() }, /no recipients/],
    ['no sender', { Destination: { ToAddresses: ['b@x.example'] }, Content: simple() }, /FromEmailAddress is required/],
    ['a malformed address', { FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['not an address'] }, Content: simple() }, /valid email address/],
    ['an empty body', { FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { Simple: { Subject: { Data: 's' }, Body: {} } } }, /Text or Html/],
    ['template content', { FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { Template: { TemplateName: 't' } } }, /Template content is not supported/],
    ['two kinds of content', { FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { ...simple(), Raw: { Data: Buffer.from('x') } } }, /exactly one/],
  ] satisfies Array<[string, SendEmailCommandInput, RegExp]>)('rejects %s like SES (400 BadRequestException)', async (_, input, message) => {
    const error = await client.send(new SendEmailCommand(input)).then(
      () => undefined,
      (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe('BadRequestException');
    expect(error?.$metadata.httpStatusCode).toBe(400);
    expect(error?.message).toMatch(message);
    expect(await maildev.client.listEmails()).toEqual([]);
  });

  it('answers unknown operations with 404', async () => {
    const response = await fetch(`${ses.endpoint}/v2/email/account`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('lists recipients and empties the inbox through the MailDev client', async () => {
    await client.send(
      new SendEmailCommand({ FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['One@x.example'] }, Content: simple() }),
    );
    await maildev.client.waitForEmails((emails) => emails.length === 1);
    expect(await maildev.client.recipients()).toEqual(['one@x.example']);
    await maildev.client.deleteAll();
    expect(await maildev.client.listEmails()).toEqual([]);
    await expect(maildev.client.waitForEmails((emails) => emails.length > 0, { timeoutMs: 100 })).rejects.toThrow(
      /Timed out/,
    );
  });
});

function simple(): NonNullable<SendEmailCommandInput['Content']> {
  return { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } };
}

describe('MailDev persistence', () => {
  it('shows messages from before a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beslutningsflyt-mail-restart-'));
    try {
      const first = await startMailDev({ smtpPort: 0, webPort: 0, mailDirectory: dir });
      const firstSes = await startSesServer({ port: 0, smtpPort: first.smtpPort });
      const sesClient = new SESv2Client({ endpoint: firstSes.endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS });
      await sesClient.send(
        new SendEmailCommand({ FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: simple() }),
      );
      await first.client.waitForEmails((emails) => emails.length === 1);
      sesClient.destroy();
      await firstSes.close();
      await first.close();

      const second = await startMailDev({ smtpPort: 0, webPort: 0, mailDirectory: dir });
      try {
        const emails = await second.client.waitForEmails((list) => list.length === 1);
        expect(emails[0]?.envelope.to.map((to) => to.address)).toEqual(['b@x.example']);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local SES mailbox simulator', () => {
  const simple = { Simple: { Subject: { Data: 'Emne' }, Body: { Text: { Data: 'Hei' } } } };

  it('accepts simulator recipients, delivers only to the others, and records the bounce and complaint SES would publish', async () => {
    ses.events.length = 0;
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@dif.example',
        Destination: {
          ToAddresses: ['bounce+kari@simulator.amazonses.com', 'complaint@simulator.amazonses.com', 'styret@dif.example'],
        },
        ConfigurationSetName: 'beslutningsflyt',
        EmailTags: [
          { Name: 'case', Value: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' },
          { Name: 'recipient', Value: 'kari' },
          { Name: 'kind', Value: 'final' },
        ],
        Content: simple,
      }),
    );
    const [email] = await maildev.client.waitForEmails((emails) => emails.length === 1);
    expect(addresses(email?.envelope.to)).toEqual(['styret@dif.example']);
    expect(ses.events.map((e) => e['detail-type'])).toEqual(['Email Bounced', 'Email Complaint Received']);
    for (const event of ses.events) {
      expect(event.source).toBe('aws.ses');
      expect(event.detail.mail.messageId).toBe(MessageId);
      expect(event.detail.mail.tags).toEqual({
        'ses:configuration-set': ['beslutningsflyt'],
        case: ['aaaaaaaaaaaaaaaaaaaaaaaaaa'],
        recipient: ['kari'],
        kind: ['final'],
      });
      // The shape the deployed handler parses (functions/record-email-event.ts).
      expect(SesEventSchema.safeParse(event.detail).success).toBe(true);
    }
    expect(ses.events[0]?.detail.bounce?.bouncedRecipients).toEqual([{ emailAddress: 'bounce+kari@simulator.amazonses.com' }]);
    expect(ses.events[1]?.detail.complaint?.complainedRecipients).toEqual([{ emailAddress: 'complaint@simulator.amazonses.com' }]);
  });

  it('records a suppression-list bounce, nothing for success or ooto, and nothing without a configuration set', async () => {
    ses.events.length = 0;
    const send = (to: string, configurationSet?: string) =>
      client.send(
        new SendEmailCommand({
          FromEmailAddress: 'noreply@dif.example',
          Destination: { ToAddresses: [to] },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Content: simple,
        }),
      );
    await send('suppressionlist@simulator.amazonses.com', 'beslutningsflyt');
    await send('success@simulator.amazonses.com', 'beslutningsflyt');
    await send('ooto@simulator.amazonses.com', 'beslutningsflyt');
    await send('bounce@simulator.amazonses.com');
    expect(ses.events).toHaveLength(1);
    expect(ses.events[0]?.detail.bounce?.bounceSubType).toBe('OnAccountSuppressionList');
    expect(await maildev.client.listEmails()).toEqual([]);
  });
});
