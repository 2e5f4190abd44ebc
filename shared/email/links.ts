import { ConfigError } from '../errors';

/**
 * Links in e-mails are built only from the deployment's public base URL (configuration)
 * and identifiers the system generated itself; never from anything a user typed.
 * Paths are the public routes of the web pages (issue 3 and 5).
 */
export const ROUTES = {
  action: '/handling/',
  caseStatus: '/sak/',
  secretariatCase: '/sekretariat/sak/',
} as const;

export class InvalidLinkError extends Error {
  override readonly name = 'InvalidLinkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** http(s) only, no credentials, query or fragment; the trailing slash is dropped. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new ConfigError('Public base URL is not a URL', { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('Public base URL must use http or https');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError('Public base URL must not carry credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

// Tokens are base64url and case ids base32: a strict segment pattern keeps "/", "?", "#",
// "." and "%" out, so an id can never change which page a link points to.
const SEGMENT = /^[A-Za-z0-9_-]{1,256}$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value)) throw new InvalidLinkError(`Invalid ${what} for a link`);
  return value;
}

export function actionUrl(baseUrl: string, token: string): string {
  return `${normalizeBaseUrl(baseUrl)}${ROUTES.action}${segment(token, 'action token')}`;
}

export function caseStatusUrl(baseUrl: string, caseId: string): string {
  return `${normalizeBaseUrl(baseUrl)}${ROUTES.caseStatus}${segment(caseId, 'case id')}`;
}

export function secretariatCaseUrl(baseUrl: string, caseId: string): string {
  return `${normalizeBaseUrl(baseUrl)}${ROUTES.secretariatCase}${segment(caseId, 'case id')}`;
}
