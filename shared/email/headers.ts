/**
 * Defences for the parts of an e-mail that end up in headers. SES builds the MIME message,
 * but a CR/LF in a subject or address must never reach it: that is how header injection
 * (an extra Bcc:, a forged body) happens.
 */

/** C0 controls, DEL, C1 controls, line/paragraph separators and bidi overrides (spoofing). */
function isUnsafeChar(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function replaceUnsafe(text: string, keepNewline: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += isUnsafeChar(code) && !(keepNewline && ch === '\n') ? ' ' : ch;
  }
  return out;
}

export function hasControlCharacters(text: string): boolean {
  for (const ch of text) if (isUnsafeChar(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

/** One line of text: control characters become a space, whitespace runs collapse. */
export function singleLine(text: string): string {
  return replaceUnsafe(text, false).replace(/\s+/g, ' ').trim();
}

/** Multi-line user text (comments): keeps line breaks, drops other controls. */
export function multiLine(text: string): string {
  return replaceUnsafe(text.replace(/\r\n?/g, '\n'), true)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts to at most `max` code points (never inside a surrogate pair), marking the cut with "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** RFC 5322 recommends lines under 78 characters; long subjects are also cut by mail clients. */
export const MAX_SUBJECT_LENGTH = 150;

export function sanitizeSubject(subject: string, max = MAX_SUBJECT_LENGTH): string {
  return truncate(singleLine(subject), max);
}

export class InvalidRecipientError extends Error {
  override readonly name = 'InvalidRecipientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** RFC 5321 limits: 64 octets local part, 254 for the whole path. */
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// Deliberately narrower than RFC 5322: no quoted local parts, no comments, no display names,
// so a value can never smuggle a second address (",", ";", "<...>") or a header line.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Validates exactly one bare e-mail address and returns it trimmed (domain in punycode). Throws
 * InvalidRecipientError for anything else (lists, display names, control characters).
 * The message never contains the address itself: addresses are personal data.
 */
export function parseRecipient(address: string): string {
  const value = address.trim();
  if (hasControlCharacters(value)) {
    throw new InvalidRecipientError('Recipient contains control characters');
  }
  if (/[,;<>()"\s]/.test(value)) {
    throw new InvalidRecipientError('Recipient must be one bare address');
  }
  if (value.length === 0 || value.length > MAX_ADDRESS_LENGTH) {
    throw new InvalidRecipientError('Recipient has an invalid length');
  }
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at <= 0 || local.includes('@') || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) {
    throw new InvalidRecipientError('Recipient has an invalid local part');
  }
  const asciiDomain = toAsciiDomain(domain);
  const labels = asciiDomain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) {
    throw new InvalidRecipientError('Recipient has an invalid domain');
  }
  const result = `${local}@${asciiDomain}`;
  if (result.length > MAX_ADDRESS_LENGTH) throw new InvalidRecipientError('Recipient is too long');
  return result;
}

/** Internationalised domains (e.g. "bærum.no") become punycode, which SES requires. */
function toAsciiDomain(domain: string): string {
  if (/^[ -~]*$/.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch (cause) {
    throw new InvalidRecipientError('Recipient has an invalid domain', { cause });
  }
}

export function isValidRecipient(address: string): boolean {
  try {
    parseRecipient(address);
    return true;
  } catch {
    return false;
  }
}
