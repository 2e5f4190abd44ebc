import { fileURLToPath } from 'node:url';
import { Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ENV, type EnvName } from '../../shared/config/env';
import { type FUNCTIONS, TABLE_KEYS } from '../../shared/config/deployment';

export type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS];

/** Tag the local runtime reads from the synthesized template to find each handler module. */
export const ENTRY_TAG = 'beslutningsflyt:entry';
export const SERVICE_NAME = 'beslutningsflyt';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface AppFunctionProps {
  /** Handler file in functions/ (without `.ts`), one of FUNCTIONS. */
  readonly name: FunctionName;
  readonly description: string;
  /** @default 15 seconds (API handlers answer well within API Gateway's 30 s limit). */
  readonly timeout?: Duration;
  /** @default 512 MB: enough CPU for cold starts of a bundled SDK; raise per function if needed. */
  readonly memorySize?: number;
}

export interface EmailSending {
  readonly identity: IEmailIdentity;
  readonly configurationSet: IConfigurationSet;
  readonly senderEmail: string;
}

/**
 * Every Lambda of the system. Fixes runtime, architecture, tracing, logging and bundling, and
 * pairs each permission with the environment variable that tells the handler where the
 * resource is (one method per pair), so a function can never be configured with a resource
 * it may not use, nor granted one it is not told about.
 */
export class AppFunction extends NodejsFunction {
  readonly entryFile: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const entryFile = `functions/${props.name}.ts`;
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    // An own role instead of the default one with the AWSLambdaBasicExecutionRole managed
    // policy: that policy may write to every log group in the account; this one only to its own.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${entryFile}`,
    });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments/PutTelemetryRecords (active tracing); X-Ray has no resource-level permissions.',
    });
    super(scope, id, {
      description: props.description,
      entry: `${ROOT}${entryFile}`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      // Latest LTS runtime in Lambda (nodejs20.x is deprecated since April 2026).
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        // The same handler code also runs on the developer's Node (>= 20.11) in the local runtime.
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the AWS SDK too instead of using the runtime's copy: the deployed code then runs
        // exactly the SDK version that package-lock.json pins and the tests ran against, and an
        // SDK update in the Lambda runtime cannot change behaviour under us. The cost is a larger
        // bundle (tree-shaken and minified, so still well under 1 MB per function).
        externalModules: [],
        // Stylesheets are bundled as text (functions/serve-asset.ts serves them; no files beside the bundle).
        loader: { '.css': 'text' },
        // Bundled CommonJS dependencies call require(); ESM has none, so provide one.
        banner:
          "import { createRequire as __bfCreateRequire } from 'node:module'; const require = __bfCreateRequire(import.meta.url);",
      },
    });
    this.entryFile = entryFile;
    Tags.of(this).add(ENTRY_TAG, entryFile);
  }

  /** Sets a non-secret configuration variable the handler reads in functions/config.ts. */
  setEnv(name: EnvName, value: string): this {
    this.addEnvironment(name, value);
    return this;
  }

  /**
   * Item-level DynamoDB actions on the table and its named indexes (no `index/*` wildcard,
   * no Scan: every list is a Query on a GSI, TABLE_KEYS in contract.ts).
   */
  useTable(table: ITable, access: 'read' | 'readWrite'): this {
    const indexArns = TABLE_KEYS.gsi.map((gsi) => `${table.tableArn}/index/${gsi.name}`);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...TABLE_READ_ACTIONS],
        resources: [table.tableArn, ...indexArns],
      }),
    );
    if (access === 'readWrite') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }),
      );
    }
    return this.setEnv(ENV.tableName, table.tableName);
  }

  /** states:StartExecution on this state machine only. */
  canStartWorkflow(stateMachine: IStateMachine): this {
    stateMachine.grantStartExecution(this);
    return this.setEnv(ENV.stateMachineArn, stateMachine.stateMachineArn);
  }

  /** states:SendTaskSuccess/Failure/Heartbeat on this state machine only. */
  canCompleteTasks(stateMachine: IStateMachine): this {
    stateMachine.grantTaskResponse(this);
    return this.setEnv(ENV.stateMachineArn, stateMachine.stateMachineArn);
  }

  /** secretsmanager:GetSecretValue/DescribeSecret on the action-link key only. */
  useActionKey(secret: ISecret): this {
    secret.grantRead(this);
    return this.setEnv(ENV.actionKeySecretArn, secret.secretArn);
  }

  /**
   * ses:SendEmail through the configured identity and configuration set only, and only from the
   * configured sender address (SES v2 checks the identity and the configuration set resource).
   */
  canSendEmail(email: EmailSending): this {
    const stack = Stack.of(this);
    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: email.configurationSet.configurationSetName,
    });
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [email.identity.emailIdentityArn, configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': email.senderEmail } },
      }),
    );
    this.setEnv(ENV.senderEmail, email.senderEmail);
    return this.setEnv(ENV.sesConfigurationSet, email.configurationSet.configurationSetName);
  }

  /**
   * Signs the secretariat in through Cognito's hosted UI (code flow + PKCE with a public
   * client): no IAM permission is needed, only where the hosted UI, the client and the issuer
   * (JWKS) are.
   */
  signsInWithCognito(cognito: { domainUrl: string; clientId: string; issuer: string }): this {
    return this.setEnv(ENV.secretariatLogin, 'cognito')
      .setEnv(ENV.cognitoDomainUrl, cognito.domainUrl)
      .setEnv(ENV.cognitoClientId, cognito.clientId)
      .setEnv(ENV.cognitoIssuer, cognito.issuer);
  }
}
