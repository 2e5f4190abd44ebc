import type { Language } from '../kernel/ids';
import type { Audience } from './types';

/**
 * What an e-mail says, independent of format: each kind builds an EmailContent from
 * translated strings, and render.ts turns it into both the HTML and the plain-text part.
 * Every string here is plain text (escaped when rendered as HTML).
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'facts'; items: readonly Fact[] }
  | { type: 'list'; intro: string; items: readonly string[] }
  | { type: 'quote'; label: string; text: string }
  /** A link that leads to a page where the recipient can act (a confirmation is required there). */
  | { type: 'action'; url: string; label: string; personal: boolean }
  /** A plain link (status page, secretariat overview). */
  | { type: 'link'; url: string; label: string; note?: string };

export interface Fact {
  label: string;
  value: string;
}

export interface EmailContent {
  lang: Language;
  subject: string;
  /** Shown by mail clients next to the subject; hidden in the body. */
  preheader: string;
  heading: string;
  /** Name of the recipient, if known (user input). */
  recipientName?: string;
  blocks: readonly Block[];
  audience: Audience;
}
