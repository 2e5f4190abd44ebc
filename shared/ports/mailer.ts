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
  /**
   * What the e-mail is about, as SES message tags: SES returns them with a bounce or complaint
   * (shared/use-cases/record-email-event.ts), so the event maps to a case and a member without
   * the address. Never the address or any content.
   */
  tags?: EmailTags;
}

/** SES message tags of a workflow e-mail (values are restricted to [A-Za-z0-9_-]). */
export interface EmailTags {
  caseId: string;
  /** The recipient's memberId ('applicant' for the applicant's contact person). */
  recipient: string;
  /** The notice, e.g. 'receipt', 'final', 'deadline-passed'. */
  kind: string;
}

/** Names of the SES message tags (the event handler reads them back from mail.tags). */
export const EMAIL_TAG_NAMES = { caseId: 'case', recipient: 'recipient', kind: 'kind' } as const;
