import type { Language } from '../kernel/ids';

/** Outgoing e-mail (SES v2 in AWS, maildev locally). Callers render subject/text/html. */
export interface Mailer {
  send(message: OutgoingEmail): Promise<{ messageId: string }>;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: Language;
  /**
   * Sent at most once per key: a retried or resumed workflow task skips what it sent before
   * (one e-mail per case, step, unit, round, recipient and kind). Without a key, always sent.
   */
  onceKey?: string;
}
