import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { paths, ROUTES } from '../../shared/config/routes';
import { LOCAL_USER } from '../../shared/pages/secretariat/sign-in';
import {
  type CloudAssembly,
  createResolver,
  functionForArn,
  httpRoutes,
  importHandler,
  type LambdaFunctionInfo,
  lambdaFunctions,
  sharedEnvironment,
  stateMachines,
  synthesize,
} from './cloud-assembly';
import { LOCAL_CREDENTIALS, startDynamoDb, tableDefinitions } from './dynamodb';
import { createFaultInjector, describeFaults, type FaultService, type FaultSettings, faultsEnabled } from './faults';
import { startHttpApi } from './http-api';
import { createLocalUserPool } from './local-user-pool';
import { type LocalMailDev, startMailDev } from './maildev';
import { LOCAL_HOST, type LocalPorts } from './ports';
import { startSecretsServer } from './secrets-server';
import { startSesServer } from './ses-server';
import { createEngine, type Engine, type Invoker, startSfnServer } from './sfn';
import { executionEventRules, startExecutionEventDelivery } from './execution-events';

export interface LocalRuntimeOptions {
  projectRoot?: string;
  ports: LocalPorts & { secrets: number };
  /** Where data, mail and the synthesized assembly live; `null`: in memory / temporary. */
  stateDir: string | null;
  secondsPerDay: number;
  /** Engine scheduler poll interval (ms). */
  pollIntervalMs?: number;
  /** Transient failures injected at the local DynamoDB, SES and Lambda endpoints (faults.ts); none by default. */
  faults?: FaultSettings;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  urls: { app: string; form: string; journal: string; secretariat: string; maildev: string; sfn: string; dynamodb: string };
  /** The local secretariat login's password (kept in <stateDir>/secretariat-password). */
  secretariatPassword: string;
  /**
   * A fresh access token for the secretariat's JSON API (/api/secretariat/*), signed by the
   * local stand-in of the user pool for the template authorizer's issuer and client; 1 hour.
   */
  secretariatApiToken(): string;
  mail: LocalMailDev;
  engine: Engine;
  stateMachineArn: string;
  functions: LambdaFunctionInfo[];
  /** Faults injected so far per service (all 0 without BESLUTNINGSFLYT_FAULTS). */
  faultsInjected(): Record<FaultService, number>;
  close(): Promise<void>;
}

/**
 * The whole system on 127.0.0.1: the same handler modules and the same synthesized state
 * machine as in AWS, with dynalite for DynamoDB, a local Step Functions engine, a local SES v2
 * endpoint delivering to MailDev, and a local Secrets Manager. Handlers reach them only through
 * the SDK's own AWS_ENDPOINT_URL_* variables, set here.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const root = resolve(options.projectRoot ?? process.cwd());
  const log = options.log ?? (() => {});
  const stateDir = options.stateDir ?? join(root, '.local', `tmp-${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(stateDir, { recursive: true });
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  const faults = faultsEnabled(options.faults) ? createFaultInjector(options.faults) : undefined;
  if (faultsEnabled(options.faults)) log(`Injecting faults: ${describeFaults(options.faults)}`);
  try {
    log('Synthesizing the CDK app (bundling skipped: handlers run from source)...');
    const assembly: CloudAssembly = await synthesize(join(stateDir, 'cdk.out'), {
      projectRoot: root,
      context: { secondsPerDay: options.secondsPerDay },
    });

    const mail = await startMailDev({
      smtpPort: options.ports.maildevSmtp,
      webPort: options.ports.maildevWeb,
      mailDirectory: join(stateDir, 'mail'),
    });
    closers.push(() => mail.close());
    const ses = await startSesServer({ port: options.ports.ses, smtpPort: mail.smtpPort, ...(faults ? { faults } : {}) });
    closers.push(() => ses.close());
    const secrets = await startSecretsServer({
      port: options.ports.secrets,
      file: options.stateDir === null ? null : join(stateDir, 'secrets.json'),
    });
    closers.push(() => secrets.close());
    const db = await startDynamoDb({
      tables: tableDefinitions(assembly),
      port: options.ports.dynamodb,
      dataDir: options.stateDir === null ? null : join(stateDir, 'data'),
      ...(faults ? { faults } : {}),
    });
    closers.push(() => db.close());

    const httpUrl = `http://${LOCAL_HOST}:${options.ports.http}`;
    const routes = httpRoutes(assembly, createResolver(assembly));
    const apiIds = [...new Set(routes.map((r) => r.apiLogicalId))];
    const resolver = createResolver(assembly, {
      overrides: {
        ...Object.fromEntries(apiIds.map((id) => [id, { attributes: { ApiEndpoint: httpUrl } }])),
        ...Object.fromEntries(Object.entries(db.tableNames).map(([id, name]) => [id, { ref: name }])),
      },
    });
    const functions = lambdaFunctions(assembly, resolver);
    const shared = sharedEnvironment(functions);
    const secretariatPassword = localSecretariatPassword(stateDir);
    Object.assign(process.env, shared.environment, {
      PUBLIC_BASE_URL: httpUrl,
      // The secretariat signs in with a local password instead of Cognito's hosted UI (which
      // needs an AWS account); shared/pages/secretariat/sign-in.ts.
      SECRETARIAT_LOGIN: 'local',
      SECRETARIAT_LOCAL_PASSWORD: secretariatPassword,
      SECONDS_PER_DAY: String(options.secondsPerDay),
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://${LOCAL_HOST}:${options.ports.sfn}`,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    // Per-function values that differ (e.g. the service name) cannot share one process.
    for (const conflict of shared.conflicts) log(`note: ${conflict.name} differs between functions; using defaults`);

    const handlers = new Map<string, Awaited<ReturnType<typeof importHandler>>>();
    for (const fn of functions) handlers.set(fn.logicalId, await importHandler(fn, root));
    const invoke = (fn: LambdaFunctionInfo, event: unknown) =>
      handlers.get(fn.logicalId)!(event, lambdaContext(fn));

    const [machine] = stateMachines(assembly, resolver);
    if (!machine) throw new Error('The CDK app defines no state machine');
    const invokers = new Map<string, Invoker>();
    for (const fn of functions) invokers.set(fn.arn, (payload) => invoke(fn, payload));
    const engine = createEngine({
      stateMachines: [{ stateMachineArn: machine.arn, definition: machine.definition }],
      invokers,
      // Each function's Timeout from the template, as Lambda enforces it (real seconds).
      functionTimeouts: new Map(functions.map((fn) => [fn.arn, fn.timeoutSeconds])),
      // The 1-year quota is counted in configured days, so a compressed clock reaches it when a
      // case would in AWS (Wait timestamps are planned in those days).
      limits: { maxExecutionTimeSeconds: 365 * options.secondsPerDay },
      // Its own persistence goes to dynalite directly: in AWS it is no table our code can see throttled.
      dynamo: { client: new DynamoDBClient({ endpoint: db.internalEndpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS }), tableName: Object.values(db.tableNames)[0]! },
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      ...(faults ? { faults } : {}),
      logger: { error: (message, detail) => log(`[sfn] ${message} ${detail instanceof Error ? detail.message : ''}`) },
    });
    // The engine resumes persisted executions before its API accepts requests.
    await engine.start();
    closers.push(() => engine.stop());
    const sfn = await startSfnServer(engine, { port: options.ports.sfn });
    closers.push(() => sfn.close());
    // EventBridge's Step Functions status-change rules with Lambda targets (execution-events.ts).
    const events = startExecutionEventDelivery({
      engine,
      rules: executionEventRules(assembly, resolver, functions),
      stateMachineArn: machine.arn,
      invoke,
      ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
      log,
    });
    closers.push(() => events.stop());

    // The user pool's stand-in signs for every JWT issuer of the template; no other key is trusted.
    const userPool = createLocalUserPool(options.stateDir === null ? null : join(stateDir, 'user-pool-key.pem'));
    const issuers = new Set(routes.flatMap((route) => (route.authorizer ? [route.authorizer.issuer] : [])));
    const secretariatAuthorizer = routes.find((route) => route.routeKey === ROUTES.apiSecretariatCases.GET.key)?.authorizer;
    if (!secretariatAuthorizer) throw new Error(`${ROUTES.apiSecretariatCases.GET.key} has no JWT authorizer in the template`);
    const secretariatApiToken = () =>
      userPool.issueAccessToken({
        issuer: secretariatAuthorizer.issuer,
        clientId: secretariatAuthorizer.audience[0] ?? '',
        sub: LOCAL_USER.sub,
        scopes: ['openid', 'email'],
      });

    const http = await startHttpApi({
      port: options.ports.http,
      routes,
      jwks: async (issuer) => {
        if (!issuers.has(issuer)) throw new Error(`No local stand-in for the issuer ${issuer}`);
        return userPool.jwks();
      },
      invoke: (logicalId, event) => {
        const fn = functions.find((f) => f.logicalId === logicalId);
        if (!fn) throw new Error(`No function ${logicalId}`);
        return invoke(fn, event);
      },
      onError: (error, routeKey) => log(`[http] ${routeKey} failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    closers.push(() => http.close());

    return {
      urls: {
        app: httpUrl,
        form: `${httpUrl}${paths.form()}`,
        journal: `${httpUrl}${paths.journal()}`,
        secretariat: `${httpUrl}${paths.secretariat()}`,
        maildev: mail.webUrl,
        sfn: sfn.url,
        dynamodb: db.endpoint,
      },
      mail,
      engine,
      stateMachineArn: machine.arn,
      functions,
      secretariatPassword,
      secretariatApiToken,
      faultsInjected: () => ({ dynamodb: 0, ses: 0, lambda: 0, ...faults?.injected }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The local secretariat password: generated once (144 random bits) into the state directory
 * (mode 600), so it stays the same across restarts until .local/ is deleted.
 */
function localSecretariatPassword(stateDir: string): string {
  const file = join(stateDir, 'secretariat-password');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return stored;
  }
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function lambdaContext(fn: LambdaFunctionInfo): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

export { functionForArn };
