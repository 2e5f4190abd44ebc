import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailSendError, makeSesMailer } from '../../../functions/adapters/ses-mailer';
import { InvalidRecipientError, receiptEmail } from '../../../shared/email';
import { BASE_URL, hostileCase } from '../../support/fixtures/hostile-emails';

/** A stand-in for the SES v2 REST endpoint that records what the SDK sends. */
interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

const recorded: Recorded[] = [];
let reply: { status: number; body: unknown; errorType?: string } = { status: 200, body: { MessageId: 'msg-0001' } };
let server: Server;
let endpoint: string;
const previousEndpoint = process.env.AWS_ENDPOINT_URL_SESV2;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      recorded.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
      });
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
      });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The adapter never reads this itself: the SDK's endpoint configuration does (as locally).
  process.env.AWS_ENDPOINT_URL_SESV2 = endpoint;
});

afterAll(async () => {
  if (previousEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SESV2;
  else process.env.AWS_ENDPOINT_URL_SESV2 = previousEndpoint;
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

beforeEach(() => {
  recorded.length = 0;
  reply = { status: 200, body: { MessageId: 'msg-0001' } };
});

function client(): SESv2Client {
  return new SESv2Client({
    region: 'eu-north-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

const email = receiptEmail(
  { baseUrl: BASE_URL, case: hostileCase, reasons: [], path: [], contactName: 'Kari' },
  'nn',
);

describe('SES v2 mailer', () => {
  it('sends one SendEmail request with Simple UTF-8 content, sender, recipient and configuration set', async () => {
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no', configurationSet: 'beslutningsflyt' });
    const result = await mailer.send({ to: 'kari@kommune.no', language: 'nn', ...email });

    expect(result).toEqual({ messageId: 'msg-0001' });
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v2/email/outbound-emails');
    expect(String(request?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-north-1\/ses\//);
    expect(request?.body).toEqual({
      FromEmailAddress: 'noreply@flyt.example.no',
      Destination: { ToAddresses: ['kari@kommune.no'] },
      ConfigurationSetName: 'beslutningsflyt',
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.text, Charset: 'UTF-8' },
            Html: { Data: email.html, Charset: 'UTF-8' },
          },
        },
      },
    });
  });

  it('sends the tags as SES EmailTags with only the characters SES allows', async () => {
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no', configurationSet: 'beslutningsflyt' });
    await mailer.send({
      to: 'kari@kommune.no',
      language: 'nb',
      subject: 'Emne',
      text: 't',
      html: '<p>h</p>',
      tags: { caseId: 'abcdefghijklmnopqrstuvwxyz', recipient: 'styret.leder', kind: `x${'y'.repeat(300)}` },
    });
    expect(recorded[0]?.body).toMatchObject({
      EmailTags: [
        { Name: 'case', Value: 'abcdefghijklmnopqrstuvwxyz' },
        { Name: 'recipient', Value: 'styret_leder' },
        { Name: 'kind', Value: `x${'y'.repeat(255)}` },
      ],
    });
  });

  it('sends no EmailTags for an untagged e-mail', async () => {
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no' });
    await mailer.send({ to: 'kari@kommune.no', language: 'nb', subject: 'Emne', text: 't', html: '<p>h</p>' });
    expect(recorded[0]?.body).not.toHaveProperty('EmailTags');
  });

  it('omits the configuration set when none is configured', async () => {
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no' });
    await mailer.send({ to: 'kari@kommune.no', language: 'nb', subject: 'Emne', text: 't', html: '<p>h</p>' });
    expect(recorded[0]?.body).not.toHaveProperty('ConfigurationSetName');
  });

  it('strips CR/LF from a subject that did not come from the renderer', async () => {
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no' });
    await mailer.send({
      to: 'kari@kommune.no',
      language: 'nb',
      subject: 'Hei\r\nBcc: victim@example.org',
      text: 't',
      html: 'h',
    });
    const body = recorded[0]?.body as { Content: { Simple: { Subject: { Data: string } } } };
    expect(body.Content.Simple.Subject.Data).toBe('Hei Bcc: victim@example.org');
  });

  it.each(['kari@kommune.no\r\nBcc: victim@example.org', 'kari@kommune.no, victim@example.org', 'Kari <kari@kommune.no>'])(
    'refuses the recipient %j without calling SES',
    async (to) => {
      const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no' });
      await expect(mailer.send({ to, language: 'nb', subject: 's', text: 't', html: 'h' })).rejects.toBeInstanceOf(
        InvalidRecipientError,
      );
      expect(recorded).toHaveLength(0);
    },
  );

  it('refuses a sender with a line break at construction', () => {
    expect(() => makeSesMailer({ client: client(), from: 'noreply@flyt.example.no\r\nBcc: x@y.no' })).toThrow(
      EmailSendError,
    );
  });

  it('wraps an SES rejection in EmailSendError with the cause, without the address', async () => {
    reply = { status: 400, body: { message: 'Email address is not verified.' }, errorType: 'MessageRejected' };
    const mailer = makeSesMailer({ client: client(), from: 'noreply@flyt.example.no' });
    const error = await mailer
      .send({ to: 'kari@kommune.no', language: 'nb', subject: 's', text: 't', html: 'h' })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EmailSendError);
    expect((error as EmailSendError).name).toBe('EmailSendError');
    expect((error as EmailSendError).message).not.toContain('kari@');
    expect(((error as EmailSendError).cause as Error).name).toBe('MessageRejected');
  });
});
