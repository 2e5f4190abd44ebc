import { paths } from '../config/routes';
import { ConfigError } from '../errors';

/**
 * Absolute URLs the system hands out (in e-mails, API answers and sign-in redirects): built
 * only from the deployment's public base URL (configuration) and identifiers the system
 * generated itself, never from anything a user typed.
 */
export interface Links {
  /** The applicant's unguessable status page, /sak/{caseId}. */
  caseStatus(caseId: string): string;
  /** An action link, /handling/{token}. */
  action(rawToken: string): string;
  /** The secretariat's page of a case, /sekretariat/sak/{caseId}. */
  secretariatCase(caseId: string): string;
  /** Where Cognito returns after sign-in. */
  secretariatSignInDone(): string;
  /** Where Cognito returns after sign-out. */
  secretariatSignOut(): string;
}

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

/** The base URL is validated once, here: a ConfigError if it is not a plain http(s) URL. */
export function makeLinks(publicBaseUrl: string): Links {
  const base = normalizeBaseUrl(publicBaseUrl);
  return {
    caseStatus: (caseId) => `${base}${paths.caseStatus(segment(caseId, 'case id'))}`,
    action: (rawToken) => `${base}${paths.action(segment(rawToken, 'action token'))}`,
    secretariatCase: (caseId) => `${base}${paths.secretariatCase(segment(caseId, 'case id'))}`,
    secretariatSignInDone: () => `${base}${paths.secretariatSignInDone()}`,
    secretariatSignOut: () => `${base}${paths.secretariatSignOut()}`,
  };
}
