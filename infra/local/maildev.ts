/**
 * Embedded MailDev: the local inbox. The SES endpoint delivers every message to its SMTP
 * server; people read them in its web UI, tests through its REST API (MailDevClient).
 */
import { mkdirSync } from 'node:fs';
import MailDev from 'maildev';
import { LOCAL_HOST } from './ports';

export const DEFAULT_MAIL_DIR = '.local/mail';

export interface StartMailDevOptions {
  /** 0 picks a free port. */
  smtpPort: number;
  /** 0 picks a free port. */
  webPort: number;
  /** Where messages persist across restarts (MailDev always stores .eml files). Default DEFAULT_MAIL_DIR. */
  mailDirectory?: string;
  /** MailDev's own console output; off by default (the start script prints the URLs). */
  verbose?: boolean;
}

export interface LocalMailDev {
  smtpPort: number;
  webPort: number;
  webUrl: string;
  client: MailDevClient;
  close(): Promise<void>;
}

export async function startMailDev(options: StartMailDevOptions): Promise<LocalMailDev> {
  const mailDirectory = options.mailDirectory ?? DEFAULT_MAIL_DIR;
  mkdirSync(mailDirectory, { recursive: true });
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: LOCAL_HOST,
    web: options.webPort,
    webIp: LOCAL_HOST,
    mailDirectory,
    silent: !options.verbose,
    verbose: options.verbose ?? false,
  });
  const servers = await maildev.start();
  const smtpPort = servers.smtp.getPort();
  const webPort = servers.api?.getPort();
  if (webPort === undefined || webPort === null) {
    await maildev.stop();
    throw new Error('MailDev started without its web server');
  }
  const webUrl = `http://${LOCAL_HOST}:${webPort}`;
  return { smtpPort, webPort, webUrl, client: new MailDevClient(webUrl), close: () => maildev.stop() };
}

export interface MailAddress {
  address: string;
  name?: string;
}

/** The part of MailDev's stored email (GET /api/email) the project relies on. */
export interface MailDevEmail {
  id: string;
  time: string;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc?: MailAddress[];
  /** Bcc recipients, derived by MailDev from the SMTP envelope. */
  calculatedBcc?: MailAddress[];
  text?: string;
  html?: string;
  headers: Record<string, string | string[]>;
  envelope: { from: MailAddress; to: MailAddress[] };
}

export class MailDevClient {
  constructor(readonly webUrl: string) {}

  /** Every stored message, oldest first. */
  async listEmails(): Promise<MailDevEmail[]> {
    return (await this.request('GET', '/api/email')) as MailDevEmail[];
  }

  /** The message as received over SMTP (RFC 5322 text). */
  async source(id: string): Promise<string> {
    const response = await fetch(`${this.webUrl}/api/email/${encodeURIComponent(id)}/source`);
    if (!response.ok) throw new Error(`MailDev GET source of ${id} answered ${response.status}`);
    return response.text();
  }

  async deleteAll(): Promise<void> {
    await this.request('DELETE', '/api/email/all');
  }

  /** Every envelope recipient (to, cc and bcc) of every stored message, lower-cased. */
  async recipients(): Promise<string[]> {
    return (await this.listEmails()).flatMap((email) => email.envelope.to.map((to) => to.address.toLowerCase()));
  }

  /**
   * Polls until `predicate` holds for the stored messages (delivery is asynchronous) and
   * returns them; rejects after `timeoutMs`.
   */
  async waitForEmails(
    predicate: (emails: MailDevEmail[]) => boolean,
    { timeoutMs = 5_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
  ): Promise<MailDevEmail[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const emails = await this.listEmails();
      if (predicate(emails)) return emails;
      if (performance.now() > deadline) {
        const subjects = emails.map((email) => email.subject).join(' | ');
        throw new Error(`Timed out after ${timeoutMs} ms waiting for emails; inbox: [${subjects}]`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  private async request(method: string, path: string): Promise<unknown> {
    const response = await fetch(`${this.webUrl}${path}`, { method });
    if (!response.ok) throw new Error(`MailDev ${method} ${path} answered ${response.status}`);
    return response.json();
  }
}
