import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { FUNCTIONS } from '../../shared/config/deployment';
import { paths } from '../../shared/config/routes';
import type { DeployConfig } from '../config';
import { AppFunction, type FunctionName } from '../constructs/app-function';
import { CaseWorkflow } from '../constructs/case-workflow';
import { EmailSender } from '../constructs/email-sending';
import { Operations } from '../constructs/operations';
import { PublicApi } from '../constructs/public-api';
import { SecretariatAuth } from '../constructs/secretariat-auth';
import { FUNCTION_ACCESS, WORKFLOW_TASK_FUNCTIONS } from './function-access';

export interface AppStackProps extends StackProps {
  readonly table: ITable;
  readonly config: DeployConfig;
}

/** Functions, workflow, HTTP API, email and secrets: everything except the stored data. */
export class AppStack extends Stack {
  readonly functions: Readonly<Record<FunctionName, AppFunction>>;
  readonly workflow: CaseWorkflow;
  readonly api: PublicApi;
  readonly actionKey: Secret;
  readonly email: EmailSender;
  readonly auth: SecretariatAuth;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config } = props;

    // HMAC key for action links. Not rotated: a rotation would invalidate every link already
    // in an inbox (deadlines run for weeks); the key never leaves Lambda memory, and the
    // tokens themselves are single-use, random and stored only as hashes.
    this.actionKey = new Secret(this, 'ActionLinkKey', {
      description: 'HMAC key for action links in emails (Beslutningsflyt)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.actionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the action-link key would invalidate links already sent (deadlines run for weeks); the key stays in Lambda memory and tokens are single-use and stored hashed.',
    });

    this.email = new EmailSender(this, 'Email', {
      senderDomain: config.senderDomain,
      senderEmail: config.senderEmail,
    });
    this.auth = new SecretariatAuth(
      this,
      'SecretariatAuth',
      config.cognitoDomainPrefix === undefined ? {} : { domainPrefix: config.cognitoDomainPrefix },
    );

    const functions = {} as Record<FunctionName, AppFunction>;
    for (const name of Object.values(FUNCTIONS)) {
      const access = FUNCTION_ACCESS[name];
      functions[name] = new AppFunction(this, name, {
        name,
        description: access.description,
        ...(access.timeout ? { timeout: access.timeout } : {}),
      });
    }
    this.functions = functions;

    this.workflow = new CaseWorkflow(this, 'CaseWorkflow', {
      functions: {
        advanceCase: functions[FUNCTIONS.advanceCase],
        startStepUnit: functions[FUNCTIONS.startStepUnit],
        handleUnitTimeout: functions[FUNCTIONS.handleUnitTimeout],
        notifyFailure: functions[FUNCTIONS.notifyFailure],
      },
    });
    // The state machine as seen by the Lambdas it invokes: a plain ARN, no token (see
    // CaseWorkflow.arnFor for the dependency cycle this avoids).
    const workflowByName = StateMachine.fromStateMachineArn(
      this,
      'CaseWorkflowByName',
      CaseWorkflow.arnFor(this),
    );

    this.api = new PublicApi(this, 'Api', {
      handlers: functions,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.client,
      stageName: config.stageName,
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
    });
    const publicBaseUrl = config.publicBaseUrl ?? this.api.url;
    // The secretariat pages' sign-in (shared/pages/secretariat/sign-in.ts): Cognito returns
    // only to these two addresses of the deployment. Joined here rather than by makeLinks: the
    // API's URL is a CloudFormation token until deployment, so it cannot be validated as a URL.
    const pagesClient = this.auth.addPagesClient({
      callbackUrl: `${publicBaseUrl}${paths.secretariatSignInDone()}`,
      logoutUrl: `${publicBaseUrl}${paths.secretariatSignOut()}`,
    });

    for (const name of Object.values(FUNCTIONS)) {
      const fn = functions[name];
      const access = FUNCTION_ACCESS[name];
      const isTask = WORKFLOW_TASK_FUNCTIONS.includes(name);
      if (access.table !== 'none') fn.useTable(props.table, access.table);
      fn.setEnv(ENV.publicBaseUrl, publicBaseUrl)
        .setEnv(ENV.secondsPerDay, String(config.secondsPerDay))
        .setEnv(ENV.secretariatEmail, config.secretariatEmail);
      if (access.startWorkflow) fn.canStartWorkflow(this.workflow.stateMachine);
      if (access.completeTasks) {
        fn.canCompleteTasks(isTask ? workflowByName : this.workflow.stateMachine);
      }
      if (access.actionKey) fn.useActionKey(this.actionKey);
      if (access.email) fn.canSendEmail(this.email);
      if (access.secretariatSignIn) {
        fn.signsInWithCognito({
          domainUrl: this.auth.domainUrl,
          clientId: pagesClient.userPoolClientId,
          issuer: this.auth.issuer,
        });
      }
    }

    this.email.publishUndeliverableTo(functions[FUNCTIONS.recordEmailEvent]);

    this.operations = new Operations(this, 'Operations', {
      stateMachine: this.workflow.stateMachine,
      functions,
      httpApi: this.api.httpApi,
      stage: this.api.stage,
      operationsEmail: config.operationsEmail,
      recordStopped: functions[FUNCTIONS.recordWorkflowStopped],
    });

    new CfnOutput(this, 'OperationsTopicArn', { value: this.operations.topic.topicArn });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'SecretariatSignInUrl', { value: `${publicBaseUrl}${paths.secretariat()}` });
  }
}
