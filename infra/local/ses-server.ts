/**
 * Local SES v2 endpoint (AWS_ENDPOINT_URL_SESV2): implements SendEmail as the REST-JSON
 * operation @aws-sdk/client-sesv2 calls, and hands every message to MailDev over SMTP.
 * Simple and Raw content are supported; Template content is refused (the project renders
 * its own templates). Validation errors look like SES's: 400 BadRequestException.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import nodemailer from 'nodemailer';
import addressparser, { type Address } from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { AwsApiError } from './aws-api-error';
import type { FaultInjector } from './faults';
import { closeServer, LOCAL_HOST, listenOnLoopback } from './ports';
import { type SimulatedSesEvent, simulatedEvents, simulatorScenario } from './ses-mailbox-simulator';

/** SES v2 accepts messages up to 40 MB (after base64 encoding). */
const MAX_REQUEST_BYTES = 40 * 1024 * 1024;
/** SES v2: at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;

const ContentPartSchema = z.object({ Data: z.string(), Charset: z.string().optional() });
const EmailAddressSchema = z.string().refine((value) => parseAddresses(value).length === 1, 'is not a valid email address');

const SendEmailRequestSchema = z.object({
  FromEmailAddress: EmailAddressSchema.optional(),
  Destination: z
    .object({
      ToAddresses: z.array(EmailAddressSchema).optional(),
      CcAddresses: z.array(EmailAddressSchema).optional(),
      BccAddresses: z.array(EmailAddressSchema).optional(),
    })
    .optional(),
  ReplyToAddresses: z.array(EmailAddressSchema).optional(),
  ConfigurationSetName: z.string().optional(),
  EmailTags: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Content: z.object({
    Simple: z
      .object({
        Subject: ContentPartSchema,
        Body: z.object({ Text: ContentPartSchema.optional(), Html: ContentPartSchema.optional() }),
        Headers: z.array(z.object({ Name: z.string().min(1), Value: z.string() })).optional(),
      })
      .optional(),
    Raw: z.object({ Data: z.base64() }).optional(),
    Template: z.unknown().optional(),
  }),
});
type SendEmailRequest = z.infer<typeof SendEmailRequestSchema>;

export class SesRequestError extends AwsApiError {
  override readonly name = 'SesRequestError';
}

export interface StartSesServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** MailDev's SMTP port on 127.0.0.1. */
  smtpPort: number;
  /** Called once per delivered message (e.g. to log it). */
  onSent?: (sent: { messageId: string; from: string; recipients: string[] }) => void;
  /** Fails a share of the SendEmail calls before anything is sent (BESLUTNINGSFLYT_FAULTS). */
  faults?: FaultInjector;
}

/** SES v2's answers when it throttles (the sandbox allows 1 message per second) or has an internal error. */
export const SES_FAULTS: readonly [SesRequestError, ...SesRequestError[]] = [
  new SesRequestError('TooManyRequestsException', 'Maximum sending rate exceeded. (injected locally)', 429),
  new SesRequestError('InternalFailure', 'Internal failure (injected locally)', 500),
];

export interface LocalSesServer {
  /** The value for AWS_ENDPOINT_URL_SESV2. */
  endpoint: string;
  port: number;
  /** Feedback SES would publish for mailbox-simulator recipients (ses-mailbox-simulator.ts). */
  readonly events: SimulatedSesEvent[];
  close(): Promise<void>;
}

export async function startSesServer(options: StartSesServerOptions): Promise<LocalSesServer> {
  const events: SimulatedSesEvent[] = [];
  const transport = nodemailer.createTransport({ host: LOCAL_HOST, port: options.smtpPort, secure: false, ignoreTLS: true });
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure =
        error instanceof SesRequestError
          ? error
          : new SesRequestError('InternalFailure', `Local SES could not deliver: ${String(error)}`, 500);
      sendJson(response, failure.status, { message: failure.message }, failure.code);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || path !== '/v2/email/outbound-emails') {
      throw new SesRequestError('UnknownOperationException', `${request.method} ${path} is not supported locally`, 404);
    }
    const body = await readJson(request);
    const fault = options.faults?.pick('ses', SES_FAULTS);
    if (fault !== undefined) throw fault;
    const parsed = SendEmailRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SesRequestError('BadRequestException', `${issue?.path.join('.') || 'Request'}: ${issue?.message}`);
    }
    const messageId = `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
    const message = toMailMessage(parsed.data, messageId);
    const recipients = message.envelope.to;
    // Simulator addresses are no mailboxes: accepted, never delivered, feedback recorded.
    const deliverTo = recipients.filter((address) => simulatorScenario(address) === undefined);
    if (deliverTo.length > 0) await transport.sendMail({ ...message, envelope: { ...message.envelope, to: deliverTo } });
    events.push(
      ...simulatedEvents({
        messageId,
        recipients,
        at: new Date(),
        ...(parsed.data.ConfigurationSetName === undefined ? {} : { configurationSet: parsed.data.ConfigurationSetName }),
        ...(parsed.data.EmailTags === undefined ? {} : { tags: parsed.data.EmailTags }),
      }),
    );
    options.onSent?.({ messageId, from: message.envelope.from, recipients });
    sendJson(response, 200, { MessageId: messageId });
  }

  const port = await listenOnLoopback(server, options.port);
  return {
    endpoint: `http://${LOCAL_HOST}:${port}`,
    port,
    events,
    close: async () => {
      await closeServer(server);
      transport.close();
    },
  };
}

interface MailMessage {
  envelope: { from: string; to: string[] };
  raw?: Buffer;
  from?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
}

/** Translates a validated SendEmail request into a nodemailer message with an explicit envelope. */
export function toMailMessage(request: SendEmailRequest, messageId: string): MailMessage {
  const { Content: content, Destination: destination = {} } = request;
  const given = [content.Simple, content.Raw, content.Template].filter((part) => part !== undefined).length;
  if (given !== 1) throw bad('Content must contain exactly one of Simple, Raw or Template');
  if (content.Template !== undefined) throw bad('Template content is not supported by the local SES endpoint');
  const to = destination.ToAddresses ?? [];
  const cc = destination.CcAddresses ?? [];
  const bcc = destination.BccAddresses ?? [];

  if (content.Raw !== undefined) {
    const raw = Buffer.from(content.Raw.Data, 'base64');
    const headers = parseHeaders(raw);
    const from = request.FromEmailAddress ?? headers.from;
    const recipients =
      to.length + cc.length + bcc.length > 0
        ? [...to, ...cc, ...bcc]
        : [headers.to, headers.cc, headers.bcc].filter((value) => value !== undefined).join(', ');
    return { envelope: envelope(from, recipients), raw };
  }

  const simple = content.Simple!;
  if (request.FromEmailAddress === undefined) throw bad('FromEmailAddress is required for Simple content');
  if (simple.Body.Text === undefined && simple.Body.Html === undefined) throw bad('Body must contain Text or Html');
  return {
    envelope: envelope(request.FromEmailAddress, [...to, ...cc, ...bcc]),
    from: request.FromEmailAddress,
    to,
    cc,
    bcc,
    ...(request.ReplyToAddresses?.length ? { replyTo: request.ReplyToAddresses } : {}),
    subject: simple.Subject.Data,
    ...(simple.Body.Text === undefined ? {} : { text: simple.Body.Text.Data }),
    ...(simple.Body.Html === undefined ? {} : { html: simple.Body.Html.Data }),
    ...(simple.Headers?.length
      ? { headers: Object.fromEntries(simple.Headers.map((header) => [header.Name, header.Value])) }
      : {}),
    messageId: `<${messageId}@eu-north-1.amazonses.com>`,
  };
}

function envelope(from: string | undefined, recipients: string | string[]): { from: string; to: string[] } {
  const sender = from === undefined ? [] : parseAddresses(from);
  if (sender.length !== 1) throw bad('Missing or invalid sender: set FromEmailAddress or a From header');
  const to = (Array.isArray(recipients) ? recipients : [recipients]).flatMap(parseAddresses);
  if (to.length === 0) throw bad('Missing final @domain / no recipients: set Destination or To/Cc/Bcc headers');
  if (to.length > MAX_RECIPIENTS) throw bad(`Recipient count exceeds ${MAX_RECIPIENTS}`);
  return { from: sender[0]!, to };
}

/** Addresses (no display names) in a header value; empty for malformed input. */
function parseAddresses(value: string): string[] {
  const flatten = (list: Address[]): string[] =>
    list.flatMap((entry) => (entry.group === undefined ? [entry.address] : flatten(entry.group)));
  return flatten(addressparser(value)).filter((address) => /^[^@\s]+@[^@\s]+$/.test(address));
}

/** The address headers of a raw MIME message (header block only, folded lines joined). */
function parseHeaders(raw: Buffer): Partial<Record<'from' | 'to' | 'cc' | 'bcc', string>> {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const out: Partial<Record<'from' | 'to' | 'cc' | 'bcc', string>> = {};
  for (const line of block.split(/\r?\n/)) {
    const match = /^(from|to|cc|bcc):\s*(.*)$/i.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      out[match[1].toLowerCase() as 'from' | 'to' | 'cc' | 'bcc'] = match[2];
    }
  }
  return out;
}

function bad(message: string): SesRequestError {
  return new SesRequestError('BadRequestException', message);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw bad('Message length exceeds the 40 MB limit');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SesRequestError('SerializationException', 'The request body is not valid JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  response.end(JSON.stringify(body));
}
