import { FUNCTIONS } from './deployment';

/**
 * Every public path of the deployment, once: its path template as API Gateway writes it, the
 * method(s) it answers, the function that serves each, and who may call it. The CDK app
 * creates the HTTP API from this table, handlers tell their routes apart by its keys, and
 * pages, e-mails and use cases build their links with `paths` (relative) or `makeLinks`
 * (absolute, shared/ports/links.ts).
 */
export type Method = 'GET' | 'POST';
type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS];

/** A route only the secretariat may call: API Gateway requires a valid Cognito JWT. */
export interface SecretariatAccess {
  readonly handler: FunctionName;
  readonly access: 'secretariat';
}
/** A route without a JWT, with the reason it may be open (reviewed as the APIG4 acknowledgement). */
export interface PublicAccess {
  readonly handler: FunctionName;
  readonly access: 'public';
  readonly openBecause: string;
}
export type RouteAccess = SecretariatAccess | PublicAccess;

const open = (handler: FunctionName, openBecause: string): PublicAccess => ({ handler, access: 'public', openBecause });
const jwt = (handler: FunctionName): SecretariatAccess => ({ handler, access: 'secretariat' });

type MethodsOf<P extends string, M extends Partial<Record<Method, RouteAccess>>> = {
  readonly [K in keyof M & Method]: M[K] & { readonly key: `${K} ${P}` };
};

/** One path and its methods; each method's route key is `METHOD path`, as API Gateway names it. */
function at<const P extends string, const M extends Partial<Record<Method, RouteAccess>>>(
  path: P,
  methods: M,
): { readonly path: P } & MethodsOf<P, M> {
  const entries = Object.entries(methods).map(([method, spec]) => [method, { ...spec, key: `${method} ${path}` }]);
  return { path, ...Object.fromEntries(entries) } as { readonly path: P } & MethodsOf<P, M>;
}

const BY_ACTION_TOKEN =
  "Authorized in the handler by the applicant's action token (random, stored hashed, bound to the case).";

const BY_CASE_ID =
  "The applicant's page behind the case id (128 random bits, given only to the applicant, shared/domain/case.ts).";

const BY_SESSION =
  'Secretariat page: the handler requires a session cookie signed with the action key, issued only after a verified Cognito sign-in (browsers cannot send a JWT header on page loads); posts also need the session-bound CSRF token.';

const SIGN_IN =
  'Secretariat sign-in itself: it sends the browser to the Cognito hosted UI (code flow with PKCE and a signed state cookie) and verifies the ID token before issuing a session.';

const CASE_PAGE_POST = `${BY_CASE_ID} Posts also need the form's signed CSRF token.`;

const JOURNAL = (what: string) =>
  `${what} (Eierstrategi ch. 3 "mer offentlighet"); it contains no personal data.`;

export const ROUTES = {
  // The JSON API of the application form and the applicant's case.
  apiApplications: at('/api/applications', {
    POST: open(
      FUNCTIONS.submitApplication,
      'The application form is open to every municipality; abuse is limited by stage throttling and idempotency keys.',
    ),
  }),
  apiCase: at('/api/cases/{caseId}', {
    GET: open(
      FUNCTIONS.getCaseStatus,
      'Case ids carry 128 random bits and are given only to the applicant (shared/domain/case.ts); the status has no personal data.',
    ),
  }),
  apiWithdraw: at('/api/cases/{caseId}/withdraw', { POST: open(FUNCTIONS.withdrawCase, BY_ACTION_TOKEN) }),
  apiAmendment: at('/api/cases/{caseId}/amendment', { POST: open(FUNCTIONS.amendApplication, BY_ACTION_TOKEN) }),
  // The e-mailed action link of a member of a body (or the secretariat).
  action: at('/handling/{token}', {
    GET: open(FUNCTIONS.showAction, 'Email action link: the token in the path authorizes, and GET never changes anything.'),
    POST: open(
      FUNCTIONS.recordAction,
      'Email action link: the token (random, stored hashed, bound to recipient and step) and a CSRF check authorize.',
    ),
  }),
  // The applicant's pages: the form, the case's status, amendment and withdrawal, the journal.
  form: at('/', {
    GET: open(FUNCTIONS.showForm, 'The application form page is open to every municipality; GET changes nothing.'),
    POST: open(
      FUNCTIONS.submitForm,
      "The application form is open to every municipality; a signed CSRF token, stage throttling and the form's idempotency key limit abuse.",
    ),
  }),
  caseStatus: at('/sak/{caseId}', { GET: open(FUNCTIONS.showCasePage, BY_CASE_ID) }),
  caseAmend: at('/sak/{caseId}/endre', {
    GET: open(FUNCTIONS.showCasePage, BY_CASE_ID),
    POST: open(FUNCTIONS.casePageAction, CASE_PAGE_POST),
  }),
  caseWithdraw: at('/sak/{caseId}/trekk', {
    GET: open(FUNCTIONS.showCasePage, BY_CASE_ID),
    POST: open(FUNCTIONS.casePageAction, CASE_PAGE_POST),
  }),
  journal: at('/journal', { GET: open(FUNCTIONS.showJournal, JOURNAL('Public journal page')) }),
  asset: at('/assets/{file}', { GET: open(FUNCTIONS.serveAsset, 'Public stylesheet of the pages; no data.') }),
  // The secretariat's pages (signed in by session cookie) and its sign-in.
  secretariat: at('/sekretariat', { GET: open(FUNCTIONS.showSecretariatPage, BY_SESSION) }),
  secretariatCase: at('/sekretariat/sak/{caseId}', { GET: open(FUNCTIONS.showSecretariatPage, BY_SESSION) }),
  secretariatTriage: at('/sekretariat/sak/{caseId}/triage', { POST: open(FUNCTIONS.secretariatPageAction, BY_SESSION) }),
  secretariatRemind: at('/sekretariat/sak/{caseId}/purring', { POST: open(FUNCTIONS.secretariatPageAction, BY_SESSION) }),
  secretariatResume: at('/sekretariat/sak/{caseId}/start-saksflyt', { POST: open(FUNCTIONS.secretariatPageAction, BY_SESSION) }),
  secretariatSignIn: at('/sekretariat/innlogging', {
    GET: open(FUNCTIONS.signInSecretariat, SIGN_IN),
    POST: open(FUNCTIONS.signInSecretariat, SIGN_IN),
  }),
  secretariatSignInDone: at('/sekretariat/innlogging/ferdig', { GET: open(FUNCTIONS.signInSecretariat, SIGN_IN) }),
  secretariatSignOut: at('/sekretariat/utlogging', {
    GET: open(FUNCTIONS.signInSecretariat, SIGN_IN),
    POST: open(FUNCTIONS.signInSecretariat, SIGN_IN),
  }),
  // The secretariat's JSON API (JWT) and the public journal's.
  apiSecretariatCases: at('/api/secretariat/cases', { GET: jwt(FUNCTIONS.listCases) }),
  apiTriage: at('/api/secretariat/cases/{caseId}/triage', { POST: jwt(FUNCTIONS.triageCase) }),
  apiResume: at('/api/secretariat/cases/{caseId}/resume', { POST: jwt(FUNCTIONS.resumeCase) }),
  apiJournal: at('/api/journal', { GET: open(FUNCTIONS.getJournal, JOURNAL('Public journal')) }),
} as const;

export type RouteName = keyof typeof ROUTES;

/**
 * What API Gateway routes besides the table's methods: HEAD beside every GET (HTTP APIs do
 * not route HEAD to GET themselves, and link checkers and mail scanners send HEAD; the
 * handlers answer it as GET without a body, functions/http/methods.ts), and OPTIONS on the
 * JSON API (204 with Allow; no CORS: the pages and the API share one origin).
 */
export type RouteMethod = Method | 'HEAD' | 'OPTIONS';

/** One method of one path: what the CDK app turns into an API Gateway route. */
export type ApiRoute = RouteAccess & {
  readonly name: RouteName;
  readonly method: RouteMethod;
  readonly path: string;
  readonly key: string;
};

const METHODS: readonly Method[] = ['GET', 'POST'];

const OPTIONS_OPEN = 'OPTIONS only names the methods of the path (204 with Allow); it reads and changes nothing.';

/** The same route answering another method, under that method's route key. */
function alsoAs(route: ApiRoute, method: RouteMethod): ApiRoute {
  return { ...route, method, key: `${method} ${route.path}` };
}

/** Every API route, path by path in table order. */
export const API_ROUTES: readonly ApiRoute[] = (Object.keys(ROUTES) as RouteName[]).flatMap((name) => {
  const entry: { readonly path: string } & Partial<Record<Method, RouteAccess & { key: string }>> = ROUTES[name];
  const declared: ApiRoute[] = METHODS.flatMap((method) => {
    const spec = entry[method];
    return spec === undefined ? [] : [{ ...spec, name, method, path: entry.path }];
  });
  const get = declared.find((route) => route.method === 'GET');
  const first = declared[0];
  const options =
    first === undefined || !entry.path.startsWith('/api/')
      ? []
      : [alsoAs(first.access === 'public' ? { ...first, openBecause: OPTIONS_OPEN } : first, 'OPTIONS')];
  return [...declared, ...(get === undefined ? [] : [alsoAs(get, 'HEAD')]), ...options];
});

const NAME_BY_KEY: ReadonlyMap<string, RouteName> = new Map(API_ROUTES.map((route) => [route.key, route.name]));

/** Which path of the table a route key (`event.routeKey`) belongs to; never parses the raw path. */
export const routeName = (routeKey: string): RouteName | undefined => NAME_BY_KEY.get(routeKey);

const ALLOW_BY_NAME: ReadonlyMap<RouteName, string> = new Map(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [
    name,
    API_ROUTES.filter((route) => route.name === name)
      .map((route) => route.method)
      .join(', '),
  ]),
);

/** The Allow header of the path a route key belongs to, e.g. `GET, HEAD, OPTIONS`. */
export const allowedMethods = (routeKey: string): string | undefined => {
  const name = routeName(routeKey);
  return name === undefined ? undefined : ALLOW_BY_NAME.get(name);
};

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? [N, ...ParamNames<Rest>] : [];
type Strings<T extends unknown[]> = { [K in keyof T]: string };
type PathBuilder<P extends string> = (...params: Strings<ParamNames<P>>) => string;

/** The path template with its parameters filled in order, each URI-encoded. */
function builder(template: string): (...params: string[]) => string {
  const parts = template.split(/\{[^}]+\}/);
  return (...params) =>
    parts.reduce((path, part, i) => (i === 0 ? part : `${path}${encodeURIComponent(params[i - 1] ?? '')}${part}`), '');
}

/** Relative paths of the table, e.g. `paths.caseStatus(caseId)` is `/sak/<caseId>`. */
export const paths = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [name, builder(ROUTES[name].path)]),
) as { readonly [N in RouteName]: PathBuilder<(typeof ROUTES)[N]['path']> };
