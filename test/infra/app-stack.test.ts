import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env';
import { FUNCTIONS } from '../../shared/config/deployment';
import { ENTRY_TAG } from '../../infra/constructs/app-function';
import { API_ROUTES } from '../../shared/config/routes';
import { FUNCTION_ACCESS, WORKFLOW_TASK_FUNCTIONS } from '../../infra/stacks/function-access';
import {
  type Json,
  actionsOf,
  asList,
  policyStatements,
  propOf,
  resourcesOfType,
  roleOfEntry,
  type Statement,
  statementsOfRole,
  type Synthesized,
  synthesizeApp,
} from '../support/synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesizeApp();
});

const ALL = Object.values(FUNCTIONS);
const entry = (name: string) => `functions/${name}.ts`;
const statementsOf = (name: string): Statement[] =>
  statementsOfRole(s.appResources, roleOfEntry(s.appResources, entry(name)));
const stateMachineId = () => {
  const [id] = resourcesOfType(s.appResources, 'AWS::StepFunctions::StateMachine')[0] ?? [];
  if (!id) throw new Error('no state machine');
  return id;
};
const mentionsToken = (value: Json, logicalId: string): boolean =>
  JSON.stringify(value).includes(`"Ref":"${logicalId}"`);
const envOf = (name: string): Record<string, Json> => {
  const fn = resourcesOfType(s.appResources, 'AWS::Lambda::Function').find(([, r]) =>
    JSON.stringify(r.Properties?.Tags).includes(entry(name)),
  );
  return ((fn?.[1].Properties?.Environment as { Variables: Record<string, Json> }) ?? { Variables: {} }).Variables;
};

describe('synthesis', () => {
  it('leaves no warning or error annotations on either stack', () => {
    for (const stack of [s.data, s.application]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(annotations.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});

describe('functions', () => {
  it('creates exactly one function per FUNCTIONS entry, tagged with its handler file', () => {
    const functions = resourcesOfType(s.appResources, 'AWS::Lambda::Function');
    const tags = functions.map(([, r]) =>
      asList(r.Properties?.Tags as Json[])
        .map((t) => t as { Key: string; Value: string })
        .find((t) => t.Key === ENTRY_TAG)?.Value,
    );
    expect(tags.sort()).toEqual(ALL.map(entry).sort());
  });

  it('runs every function on arm64, Node 24, with active tracing, source maps and its own log group', () => {
    s.appTemplate.allResourcesProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
      Environment: {
        Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'beslutningsflyt' }),
      },
    });
    const retention = resourcesOfType(s.appResources, 'AWS::Logs::LogGroup').map(
      ([, r]) => r.Properties?.RetentionInDays,
    );
    expect(retention.length).toBeGreaterThanOrEqual(ALL.length + 2);
    expect(new Set(retention)).toEqual(new Set([30]));
  });

  it('gives every function the table name (unless it has no table) and the non-secret settings', () => {
    for (const name of ALL) {
      expect(Object.keys(envOf(name))).toEqual(
        expect.arrayContaining([ENV.publicBaseUrl, ENV.secondsPerDay, ENV.secretariatEmail]),
      );
      expect(ENV.tableName in envOf(name), name).toBe(FUNCTION_ACCESS[name].table !== 'none');
      expect(envOf(name)[ENV.secondsPerDay]).toBe('86400');
    }
  });

  it('sets each resource variable exactly where the matching permission is granted', () => {
    for (const name of ALL) {
      const access = FUNCTION_ACCESS[name];
      const env = envOf(name);
      const actions = actionsOf(statementsOf(name));
      expect(ENV.actionKeySecretArn in env, name).toBe(Boolean(access.actionKey));
      expect(actions.includes('secretsmanager:GetSecretValue'), name).toBe(Boolean(access.actionKey));
      expect(ENV.senderEmail in env && ENV.sesConfigurationSet in env, name).toBe(Boolean(access.email));
      expect(actions.includes('ses:SendEmail'), name).toBe(Boolean(access.email));
      expect(ENV.stateMachineArn in env, name).toBe(Boolean(access.startWorkflow || access.completeTasks));
      for (const variable of [ENV.secretariatLogin, ENV.cognitoDomainUrl, ENV.cognitoClientId, ENV.cognitoIssuer]) {
        expect(variable in env, `${name} ${variable}`).toBe(Boolean(access.secretariatSignIn));
      }
      // The local password exists only in the local runtime, never in a deployed function.
      expect(ENV.secretariatLocalPassword in env, name).toBe(false);
    }
  });

  it('signs the secretariat in through the hosted UI client whose only return addresses are the sign-in pages', () => {
    const env = envOf(FUNCTIONS.signInSecretariat);
    expect(env[ENV.secretariatLogin]).toBe('cognito');
    const clients = resourcesOfType(s.appResources, 'AWS::Cognito::UserPoolClient');
    const pages = clients.find(([, c]) => asList(c.Properties?.AllowedOAuthFlows as Json[]).includes('code'));
    if (!pages) throw new Error('no hosted UI client');
    expect(env[ENV.cognitoClientId]).toEqual({ Ref: pages[0] });
    const [apiId] = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Api')[0] ?? [];
    const api = { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] };
    expect(pages[1].Properties).toMatchObject({
      CallbackURLs: [{ 'Fn::Join': ['', [api, '/sekretariat/innlogging/ferdig']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [api, '/sekretariat/utlogging']] }],
      GenerateSecret: false,
    });
    s.appTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
  });
});

describe('IAM least privilege', () => {
  const allStatements = (): Statement[] =>
    resourcesOfType(s.appResources, 'AWS::IAM::Policy').flatMap(([, p]) => policyStatements(p));

  it('never grants a wildcard action', () => {
    const actions = actionsOf(allStatements());
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('uses Resource "*" only for X-Ray and log delivery, which have no resource-level permissions', () => {
    const unscoped = allStatements().filter((st) => asList(st.Resource).includes('*'));
    expect(unscoped.length).toBeGreaterThan(0);
    for (const action of actionsOf(unscoped)) {
      expect(action).toMatch(/^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$)/);
    }
  });

  it('uses no AWS managed policies on function roles (logs go to the function\'s own group only)', () => {
    for (const [, role] of resourcesOfType(s.appResources, 'AWS::IAM::Role')) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets read-only handlers read, never write, and only the table and its named indexes', () => {
    for (const name of ALL) {
      const dynamo = statementsOf(name).filter((st) => asList(st.Action).some((a) => a.startsWith('dynamodb:')));
      const actions = actionsOf(dynamo);
      if (FUNCTION_ACCESS[name].table === 'none') {
        expect(actions, name).toEqual([]);
        continue;
      }
      expect(actions, name).toContain('dynamodb:Query');
      expect(actions, name).not.toContain('dynamodb:Scan');
      const writes = actions.filter((a) => /Put|Update|Delete|Write/.test(a));
      if (FUNCTION_ACCESS[name].table === 'read') expect(writes, name).toEqual([]);
      else expect(writes.sort(), name).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      const resources = JSON.stringify(dynamo.map((st) => st.Resource));
      expect(resources).not.toContain('/index/*');
      for (const gsi of ['gsi1', 'gsi2', 'gsi3']) expect(resources).toContain(`/index/${gsi}`);
    }
  });

  it('lets only the two intake handlers (API and form) and the two resume handlers (API and page) start executions, on this state machine', () => {
    const sm = stateMachineId();
    const starters: string[] = [FUNCTIONS.submitApplication, FUNCTIONS.submitForm, FUNCTIONS.resumeCase, FUNCTIONS.secretariatPageAction];
    for (const name of ALL) {
      const starts = statementsOf(name).filter((st) => asList(st.Action).includes('states:StartExecution'));
      if (starters.includes(name)) {
        expect(starts).toHaveLength(1);
        expect(starts[0]?.Resource).toEqual({ Ref: sm });
      } else expect(starts, name).toEqual([]);
    }
  });

  it('lets the callback handlers complete tasks of this state machine by reference', () => {
    const sm = stateMachineId();
    for (const name of [
      FUNCTIONS.recordAction,
      FUNCTIONS.triageCase,
      FUNCTIONS.amendApplication,
      FUNCTIONS.withdrawCase,
      FUNCTIONS.casePageAction,
    ]) {
      const st = statementsOf(name).find((x) => asList(x.Action).includes('states:SendTaskSuccess'));
      expect(st, name).toBeDefined();
      expect(asList(st?.Action ?? [])).toEqual(expect.arrayContaining(['states:SendTaskFailure', 'states:SendTaskHeartbeat']));
      expect(st?.Resource).toEqual({ Ref: sm });
    }
  });

  it('never gives a task Lambda a reference to the state machine that invokes it (no cycle)', () => {
    const sm = stateMachineId();
    for (const name of WORKFLOW_TASK_FUNCTIONS) {
      for (const st of statementsOf(name)) expect(mentionsToken(st.Resource, sm), name).toBe(false);
      expect(mentionsToken(envOf(name), sm), name).toBe(false);
    }
    // start-step-unit completes its own task through the workflow's constructed ARN instead.
    const own = statementsOf(FUNCTIONS.startStepUnit).find((x) => asList(x.Action).includes('states:SendTaskSuccess'));
    expect(JSON.stringify(own?.Resource)).toContain(':stateMachine:Beslutningsflyt-App-case-workflow');
    for (const name of [FUNCTIONS.advanceCase, FUNCTIONS.handleUnitTimeout, FUNCTIONS.notifyFailure]) {
      expect(actionsOf(statementsOf(name)).filter((a) => a.startsWith('states:')), name).toEqual([]);
    }
  });

  it('sends email only through the configured identity and configuration set, from the sender address', () => {
    const st = statementsOf(FUNCTIONS.startStepUnit).find((x) => asList(x.Action).includes('ses:SendEmail'));
    expect(st?.Action).toBe('ses:SendEmail');
    expect(st?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'ikke-svar@beslutningsflyt.example.org' } });
    const [identityId] = resourcesOfType(s.appResources, 'AWS::SES::EmailIdentity')[0] ?? [];
    const [configSetId] = resourcesOfType(s.appResources, 'AWS::SES::ConfigurationSet')[0] ?? [];
    const resources = JSON.stringify(st?.Resource);
    expect(resources).toContain(`":identity/",{"Ref":"${identityId}"}`);
    expect(resources).toContain(`":configuration-set/",{"Ref":"${configSetId}"}`);
    expect(asList(st?.Resource ?? [])).toHaveLength(2);
  });

  it('lets the state machine invoke exactly its four task Lambdas', () => {
    const sm = s.appResources[stateMachineId()];
    const roleId = propOf<{ 'Fn::GetAtt': [string] }>(sm, 'RoleArn')['Fn::GetAtt'][0];
    const invoke = statementsOfRole(s.appResources, roleId).filter((st) => asList(st.Action).includes('lambda:InvokeFunction'));
    const invoked = JSON.stringify(invoke.map((st) => st.Resource));
    for (const name of ALL) {
      const fnId = roleOfEntry(s.appResources, entry(name)).replace(/Role[0-9A-F]{8}$/, '');
      expect(invoked.includes(`"${fnId}`), name).toBe(WORKFLOW_TASK_FUNCTIONS.includes(name));
    }
  });
});

describe('data stack', () => {
  it('keeps the table: point-in-time recovery, deletion protection, retained, KMS-encrypted, on demand', () => {
    s.dataTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it('projects only the public journal row into the journal index', () => {
    s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: 'gsi1', Projection: { ProjectionType: 'ALL' } }),
        Match.objectLike({ IndexName: 'gsi3', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['journal'] } }),
      ]),
    });
  });

  it('has the three GSIs of TABLE_KEYS with string keys', () => {
    const props = s.dataTemplate.findResources('AWS::DynamoDB::Table');
    const table = Object.values(props)[0]?.Properties as {
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[];
      AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    };
    expect(table.GlobalSecondaryIndexes.map((g) => [g.IndexName, ...g.KeySchema.map((k) => k.AttributeName)])).toEqual([
      ['gsi1', 'gsi1pk', 'gsi1sk'],
      ['gsi2', 'gsi2pk', 'gsi2sk'],
      ['gsi3', 'gsi3pk', 'gsi3sk'],
    ]);
    expect(new Set(table.AttributeDefinitions.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });
});

describe('HTTP API', () => {
  it('has exactly the public contract routes, each integrated with its handler (payload 2.0)', () => {
    const keys = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    expect(keys.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    s.appTemplate.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('routes HEAD beside every GET, to the same function, and OPTIONS on the JSON API', () => {
    const routes = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
    const targetOf = (key: string) => {
      const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(routes.find((r) => r.RouteKey === key)?.Target))?.[1] ?? '';
      return JSON.stringify(s.appResources[integrationId]?.Properties?.IntegrationUri ?? null);
    };
    for (const key of ['/', '/sak/{caseId}', '/handling/{token}', '/journal', '/api/cases/{caseId}']) {
      s.appTemplate.hasResourceProperties(
        'AWS::ApiGatewayV2::Route',
        Match.objectLike({ RouteKey: `HEAD ${key}`, AuthorizationType: 'NONE', Target: Match.anyValue() }),
      );
      expect(targetOf(`HEAD ${key}`), key).not.toBe('null');
      expect(targetOf(`HEAD ${key}`), key).toBe(targetOf(`GET ${key}`));
    }
    const gets = routes.filter((r) => String(r.RouteKey).startsWith('GET ')).length;
    expect(routes.filter((r) => String(r.RouteKey).startsWith('HEAD ')).length).toBe(gets);
    s.appTemplate.hasResourceProperties(
      'AWS::ApiGatewayV2::Route',
      Match.objectLike({ RouteKey: 'OPTIONS /api/applications', AuthorizationType: 'NONE' }),
    );
  });

  it('requires a Cognito JWT on the secretariat routes and only there', () => {
    const routes = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
    for (const route of routes) {
      const secretariat = String(route.RouteKey).includes('/api/secretariat/');
      expect(route.AuthorizationType ?? 'NONE', String(route.RouteKey)).toBe(secretariat ? 'JWT' : 'NONE');
    }
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: Match.objectLike({ Issuer: Match.anyValue(), Audience: [Match.anyValue()] }),
    });
  });

  it('throttles the stage and logs access without paths, query strings, bodies or source IPs', () => {
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
    const [, stage] = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Stage')[0] ?? [];
    const format = propOf<{ Format: string }>(stage, 'AccessLogSettings').Format;
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/\$context\.(path|sourceIp|identity|requestOverride|customDomain)|querystring|body/i);
  });

  it('gives the functions the API URL as base for links', () => {
    const [apiId] = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Api')[0] ?? [];
    for (const name of ALL) {
      expect(envOf(name)[ENV.publicBaseUrl], name).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    }
  });
});

describe('secretariat sign-in, email and secrets', () => {
  it('creates an admin-only user pool with required TOTP MFA, a strong password policy and threat protection', () => {
    s.appTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true, RequireNumbers: true }),
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      }),
    });
    s.appTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('sends through an SES v2 domain identity and a configuration set that requires TLS', () => {
    s.appTemplate.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'beslutningsflyt.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    s.appTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });

  it('keeps the action-link key in Secrets Manager, generated with 64 characters', () => {
    s.appTemplate.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      }),
    });
  });
});

describe('e-mail delivery events', () => {
  const fnId = () => {
    const [id] =
      resourcesOfType(s.appResources, 'AWS::Lambda::Function').find(([, r]) =>
        JSON.stringify(r.Properties?.Tags).includes(entry(FUNCTIONS.recordEmailEvent)),
      ) ?? [];
    if (!id) throw new Error('no record-email-event function');
    return id;
  };
  const configSetId = () => {
    const [id] = resourcesOfType(s.appResources, 'AWS::SES::ConfigurationSet')[0] ?? [];
    if (!id) throw new Error('no configuration set');
    return id;
  };

  it('publishes bounces, complaints, rejects and delays of the configuration set to the default bus', () => {
    s.appTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configSetId() },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint', 'reject', 'deliveryDelay']),
        EventBridgeDestination: { EventBusArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
      }),
    });
    const [, dest] = resourcesOfType(s.appResources, 'AWS::SES::ConfigurationSetEventDestination')[0] ?? [];
    expect(JSON.stringify(dest?.Properties)).toContain(':event-bus/default');
  });

  it('routes exactly those SES events of this configuration set to record-email-event', () => {
    s.appTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.ses'],
        'detail-type': Match.arrayEquals([
          'Email Bounced',
          'Email Complaint Received',
          'Email Rejected',
          'Email Delivery Delayed',
        ]),
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: configSetId() }] } } },
      }),
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId(), 'Arn'] } })]),
    });
    s.appTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId(), 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('lets record-email-event write cases and send e-mail, and nothing of the workflow', () => {
    const actions = actionsOf(statementsOf(FUNCTIONS.recordEmailEvent));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'ses:SendEmail']));
    expect(actions.filter((a) => a.startsWith('states:') || a.startsWith('secretsmanager:'))).toEqual([]);
  });
});
