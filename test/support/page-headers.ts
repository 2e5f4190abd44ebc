import { expect } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { hashToken, sha256Hex } from '../../functions/adapters/crypto';
import { makeLinks } from '../../shared/ports/links';
import type { PageResponse } from '../../shared/pages/kit/response';
import { fakePorts } from './fakes';
import { httpEvent } from './http-events';

/** Fakes for the applicant's page handlers (the production wiring's shape: applicantPageDeps). */
export const BASE_URL = 'https://beslutningsflyt.example.org';

export function pageDeps() {
  const ports = fakePorts();
  return {
    ...ports,
    links: makeLinks(BASE_URL),
    sha256Hex,
    hmacSha256Hex: (key: string, text: string) => hashToken(text, key),
    allowedOrigin: BASE_URL,
  };
}
export type PageDeps = ReturnType<typeof pageDeps>;

export type PageHandler = (event: APIGatewayProxyEventV2) => Promise<PageResponse>;

/** The `name=value` pairs a response sets, by cookie name. */
export function setCookies(response: PageResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cookie of response.cookies ?? []) {
    const [pair = ''] = cookie.split(';');
    const index = pair.indexOf('=');
    out[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return out;
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden ${name} in page`);
  return match[1];
}

/** A form post as API Gateway delivers it: urlencoded, base64-encoded, cookies in `cookies`. */
export function formPost(
  routeKey: string,
  path: string,
  fields: Record<string, string>,
  options: { cookies?: string[]; pathParameters?: Record<string, string>; origin?: string; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return httpEvent(routeKey, path, {
    body: Buffer.from(new URLSearchParams(fields).toString(), 'utf8').toString('base64'),
    isBase64Encoded: true,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    },
    ...(options.cookies ? { cookies: options.cookies } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.query ? { queryStringParameters: options.query } : {}),
  });
}

/** A complete nivå 3 application as the form posts it (functionality change within the price). */
export function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Ny søkefunksjon i SvarUt',
    needDescription: 'Saksbehandlere trenger bedre søk.\nDet sparer tid.',
    'applicant.name': 'Oslo kommune',
    'applicant.kind': 'kommune',
    'applicant.organisationNumber': '958 935 420',
    'contactPerson.name': 'Kari Eksempel',
    'contactPerson.email': 'kari.eksempel@example.org',
    'contactPerson.phone': '400 00 000',
    needSource: 'direkte_innspill',
    'matter.kind': 'functionality_change',
    'matter.affectedServiceId': 'svarut',
    'matter.withinAgreedServicePrice': 'yes',
    highRiskOrDrawsResources: 'no',
    strategicOrGreatSignificance: 'no',
    'financing.digifinGrant.requested': 'no',
    'financing.digifinGrant.amountNok': '',
    'financing.stateFinancing': 'no',
    'financing.ownEffort': 'yes',
    'financing.municipalContributions': 'no',
    'financing.userFinanced': 'yes',
    'financing.firstYearOperationCovered': 'yes',
    participatingMunicipalities: 'Bergen kommune, 964338531\n\nTrondheim kommune',
    preferredLanguage: 'nb',
    ...overrides,
  };
}

/** Every `id="..."` in a page, to check that links and label targets exist. */
export function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
}

/** The error summary's link targets, in order. */
export function summaryLinks(html: string): string[] {
  const summary = /<div class="ds-error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** The headers every page carries (shared/pages/response.ts): CSP without inline code, no framing, no caching. */
export function expectPageHeaders(response: { headers?: Record<string, unknown> }): void {
  const headers = response.headers ?? {};
  const csp = String(headers['content-security-policy']);
  for (const directive of ["default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  expect(headers).toMatchObject({
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'content-type': 'text/html; charset=utf-8',
  });
}
