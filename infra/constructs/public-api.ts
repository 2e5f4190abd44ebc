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
import { API_ROUTES } from '../../shared/config/routes';
import type { FunctionName } from './app-function';

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
    // Exactly the routes of the shared table (shared/config/routes.ts), so the handlers' route
    // keys and the pages' links cannot drift from what API Gateway serves.
    for (const route of API_ROUTES) {
      const handler = props.handlers[route.handler];
      const routes = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
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
