import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTIONS } from '../../shared/config/deployment';
import type { FunctionName } from './app-function';

interface RouteBase {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: FunctionName;
}
/** A route only the secretariat may call: API Gateway requires a valid Cognito JWT. */
export interface SecretariatRoute extends RouteBase {
  readonly access: 'secretariat';
}
/** A route without a JWT, with the reason it may be open (reviewed as the APIG4 acknowledgement). */
export interface PublicRoute extends RouteBase {
  readonly access: 'public';
  readonly openBecause: string;
}
export type ApiRoute = SecretariatRoute | PublicRoute;

const BY_ACTION_TOKEN =
  "Authorized in the handler by the applicant's action token (random, stored hashed, bound to the case).";

const BY_CASE_ID =
  "The applicant's page behind the case id (128 random bits, given only to the applicant, shared/domain/case.ts).";

const BY_SESSION =
  'Secretariat page: the handler requires a session cookie signed with the action key, issued only after a verified Cognito sign-in (browsers cannot send a JWT header on page loads); posts also need the session-bound CSRF token.';

const SIGN_IN =
  'Secretariat sign-in itself: it sends the browser to the Cognito hosted UI (code flow with PKCE and a signed state cookie) and verifies the ID token before issuing a session.';

/** The secretariat's pages (README "Web pages"); /sekretariat/sak/ is ROUTES.secretariatCase in shared/email/links.ts. */
const SECRETARIAT_PAGE_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/sekretariat', handler: FUNCTIONS.showSecretariatPage, access: 'public', openBecause: BY_SESSION },
  { method: 'GET', path: '/sekretariat/sak/{caseId}', handler: FUNCTIONS.showSecretariatPage, access: 'public', openBecause: BY_SESSION },
  { method: 'POST', path: '/sekretariat/sak/{caseId}/triage', handler: FUNCTIONS.secretariatPageAction, access: 'public', openBecause: BY_SESSION },
  { method: 'POST', path: '/sekretariat/sak/{caseId}/purring', handler: FUNCTIONS.secretariatPageAction, access: 'public', openBecause: BY_SESSION },
  { method: 'GET', path: '/sekretariat/innlogging', handler: FUNCTIONS.signInSecretariat, access: 'public', openBecause: SIGN_IN },
  { method: 'POST', path: '/sekretariat/innlogging', handler: FUNCTIONS.signInSecretariat, access: 'public', openBecause: SIGN_IN },
  { method: 'GET', path: '/sekretariat/innlogging/ferdig', handler: FUNCTIONS.signInSecretariat, access: 'public', openBecause: SIGN_IN },
  { method: 'GET', path: '/sekretariat/utlogging', handler: FUNCTIONS.signInSecretariat, access: 'public', openBecause: SIGN_IN },
  { method: 'POST', path: '/sekretariat/utlogging', handler: FUNCTIONS.signInSecretariat, access: 'public', openBecause: SIGN_IN },
];

/** The public contract of the HTTP API (README "API"). */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/api/applications',
    handler: FUNCTIONS.submitApplication,
    access: 'public',
    openBecause:
      'The application form is open to every municipality; abuse is limited by stage throttling and idempotency keys.',
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}',
    handler: FUNCTIONS.getCaseStatus,
    access: 'public',
    openBecause:
      'Case ids carry 128 random bits and are given only to the applicant (shared/domain/case.ts); the status has no personal data.',
  },
  {
    method: 'POST',
    path: '/api/cases/{caseId}/withdraw',
    handler: FUNCTIONS.withdrawCase,
    access: 'public',
    openBecause: BY_ACTION_TOKEN,
  },
  {
    method: 'POST',
    path: '/api/cases/{caseId}/amendment',
    handler: FUNCTIONS.amendApplication,
    access: 'public',
    openBecause: BY_ACTION_TOKEN,
  },
  {
    method: 'GET',
    path: '/handling/{token}',
    handler: FUNCTIONS.showAction,
    access: 'public',
    openBecause: 'Email action link: the token in the path authorizes, and GET never changes anything.',
  },
  {
    method: 'POST',
    path: '/handling/{token}',
    handler: FUNCTIONS.recordAction,
    access: 'public',
    openBecause:
      'Email action link: the token (random, stored hashed, bound to recipient and step) and a CSRF check authorize.',
  },
  {
    method: 'GET',
    path: '/',
    handler: FUNCTIONS.showForm,
    access: 'public',
    openBecause: 'The application form page is open to every municipality; GET changes nothing.',
  },
  {
    method: 'POST',
    path: '/',
    handler: FUNCTIONS.submitForm,
    access: 'public',
    openBecause:
      'The application form is open to every municipality; a signed CSRF token, stage throttling and the form\'s idempotency key limit abuse.',
  },
  {
    method: 'GET',
    path: '/sak/{caseId}',
    handler: FUNCTIONS.showCasePage,
    access: 'public',
    openBecause: BY_CASE_ID,
  },
  {
    method: 'GET',
    path: '/sak/{caseId}/endre',
    handler: FUNCTIONS.showCasePage,
    access: 'public',
    openBecause: BY_CASE_ID,
  },
  {
    method: 'GET',
    path: '/sak/{caseId}/trekk',
    handler: FUNCTIONS.showCasePage,
    access: 'public',
    openBecause: BY_CASE_ID,
  },
  {
    method: 'POST',
    path: '/sak/{caseId}/endre',
    handler: FUNCTIONS.casePageAction,
    access: 'public',
    openBecause: `${BY_CASE_ID} Posts also need the form's signed CSRF token.`,
  },
  {
    method: 'POST',
    path: '/sak/{caseId}/trekk',
    handler: FUNCTIONS.casePageAction,
    access: 'public',
    openBecause: `${BY_CASE_ID} Posts also need the form's signed CSRF token.`,
  },
  {
    method: 'GET',
    path: '/journal',
    handler: FUNCTIONS.showJournal,
    access: 'public',
    openBecause: 'Public journal page (Eierstrategi ch. 3 "mer offentlighet"); it contains no personal data.',
  },
  {
    method: 'GET',
    path: '/assets/{file}',
    handler: FUNCTIONS.serveAsset,
    access: 'public',
    openBecause: 'Public stylesheet of the pages; no data.',
  },
  ...SECRETARIAT_PAGE_ROUTES,
  { method: 'GET', path: '/api/secretariat/cases', handler: FUNCTIONS.listCases, access: 'secretariat' },
  {
    method: 'POST',
    path: '/api/secretariat/cases/{caseId}/triage',
    handler: FUNCTIONS.triageCase,
    access: 'secretariat',
  },
  {
    method: 'GET',
    path: '/api/journal',
    handler: FUNCTIONS.getJournal,
    access: 'public',
    openBecause: 'Public journal (Eierstrategi ch. 3 "mer offentlighet"); it contains no personal data.',
  },
];

/**
 * Access log fields. `routeKey` is the route template (`POST /handling/{token}`), never the
 * path: paths carry action tokens. No query strings, bodies, user agents or source IPs
 * (personal data).
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  authorizerError: '$context.authorizer.error',
} as const;

export interface PublicApiProps {
  readonly handlers: Readonly<Record<FunctionName, IFunction>>;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly stageName: string;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

export class PublicApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Base URL of the stage, without trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Beslutningsflyt: application form, case API, action links, secretariat API',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.httpApi.addStage('Stage', {
      stageName: props.stageName,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    const authorizer = new HttpUserPoolAuthorizer('SecretariatAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    for (const route of API_ROUTES) {
      const handler = props.handlers[route.handler];
      const routes = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: new HttpLambdaIntegration(`${route.handler}-integration`, handler),
        ...(route.access === 'secretariat' ? { authorizer } : {}),
      });
      if (route.access === 'public') {
        for (const r of routes) {
          Validations.of(r).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.openBecause });
        }
      }
    }
    const stagePath = props.stageName === '$default' ? '' : `/${props.stageName}`;
    this.url = `${this.httpApi.apiEndpoint}${stagePath}`;
  }
}
