import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudAssembly,
  CloudAssemblyError,
  createResolver,
  functionForArn,
  httpRoutes,
  importHandler,
  type LambdaFunctionInfo,
  lambdaFunctions,
  readCloudAssembly,
  sharedEnvironment,
  stateMachines,
  synthesize,
} from '../../../infra/local/cloud-assembly';
import { tableDefinitions } from '../../../infra/local/dynamodb';
import { startHttpApi } from '../../../infra/local/http-api';

const fixtureDir = join(import.meta.dirname, 'fixtures', 'assembly');

describe('hand-built cloud assembly', () => {
  const assembly = readCloudAssembly(fixtureDir);
  const resolver = createResolver(assembly);

  it('reads every stack, including those of nested stage assemblies', () => {
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual(['App', 'Data']);
  });

  it('fails clearly when there is no assembly', () => {
    expect(() => readCloudAssembly(join(fixtureDir, 'missing'))).toThrow(CloudAssemblyError);
  });

  it('extracts functions with entry tag, handler export, timeout and resolved environment', () => {
    const functions = lambdaFunctions(assembly, resolver);
    const submit = functions.find((fn) => fn.logicalId === 'SubmitFn');
    expect(submit).toEqual({
      stackName: 'App',
      logicalId: 'SubmitFn',
      functionName: 'SubmitFn',
      arn: 'arn:aws:lambda:eu-north-1:000000000000:function:SubmitFn',
      entry: 'functions/submit-application.ts',
      handlerExport: 'handler',
      timeoutSeconds: 10,
      environment: {
        TABLE_NAME: 'CasesTable',
        ACTION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:ActionKey',
        STATE_MACHINE_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:Workflow',
        PUBLIC_BASE_URL: 'https://httpapi.execute-api.eu-north-1.amazonaws.com',
        SENDER_EMAIL: 'noreply@example.org',
        STAGE: 'test',
        REGION_INFO: ['eu-north-1/000000000000/aws/$', '{Literal}'].join(''),
        MAX_BYTES: '65536',
      },
    });
    const status = functions.find((fn) => fn.logicalId === 'StatusFn');
    expect(status).toMatchObject({ functionName: 'fixture-status', handlerExport: 'main', timeoutSeconds: 3 });
    expect(functions.find((fn) => fn.logicalId === 'TaskFn')).toMatchObject({ entry: undefined, environment: {} });
  });

  it('lets the runtime override what a resource resolves to', () => {
    const local = createResolver(assembly, {
      overrides: {
        HttpApi: { attributes: { ApiEndpoint: 'http://127.0.0.1:3000' } },
        CasesTable: { ref: 'local-cases' },
      },
    });
    const submit = lambdaFunctions(assembly, local).find((fn) => fn.logicalId === 'SubmitFn');
    expect(submit?.environment.PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(submit?.environment.TABLE_NAME).toBe('local-cases');
  });

  it('maps function ARNs, qualified ARNs, partial ARNs and names back to functions', () => {
    const functions = lambdaFunctions(assembly, resolver);
    const arn = 'arn:aws:lambda:eu-north-1:000000000000:function:fixture-status';
    expect(functionForArn(functions, arn)?.logicalId).toBe('StatusFn');
    expect(functionForArn(functions, `${arn}:$LATEST`)?.logicalId).toBe('StatusFn');
    expect(functionForArn(functions, '000000000000:function:SubmitFn')?.logicalId).toBe('SubmitFn');
    expect(functionForArn(functions, 'TaskFn')?.logicalId).toBe('TaskFn');
    expect(functionForArn(functions, 'arn:aws:lambda:eu-north-1:000000000000:function:Nope')).toBeUndefined();
  });

  it('merges function environments and reports variables that differ between functions', () => {
    const fn = (logicalId: string, environment: Record<string, string>) =>
      ({ logicalId, environment }) as LambdaFunctionInfo;
    const { environment, conflicts } = sharedEnvironment([
      fn('A', { TABLE_NAME: 't', SERVICE: 'a' }),
      fn('B', { TABLE_NAME: 't', SERVICE: 'b', ONLY_B: '1' }),
    ]);
    expect(environment).toEqual({ TABLE_NAME: 't', ONLY_B: '1' });
    expect(conflicts).toEqual([{ name: 'SERVICE', values: { A: 'a', B: 'b' } }]);
  });

  it('imports a handler from its entry file and refuses untagged functions', async () => {
    const [task] = lambdaFunctions(assembly, resolver).filter((fn) => fn.logicalId === 'TaskFn');
    await expect(importHandler(task!)).rejects.toThrow(/has no beslutningsflyt:entry tag/);
    const echo = { ...task!, entry: 'test/infra/local/fixtures/handlers/echo.ts' };
    const handler = await importHandler(echo);
    expect(await handler({ hello: 1 }, {} as never)).toMatchObject({ statusCode: 200, body: '{"hello":1}' });
    await expect(importHandler({ ...echo, handlerExport: 'main' })).rejects.toThrow(/does not export a function named main/);
  });

  it('extracts HTTP routes with their target function', () => {
    const routes = httpRoutes(assembly, resolver).map(({ routeKey, functionLogicalId, payloadFormatVersion, apiLogicalId }) => ({
      routeKey,
      functionLogicalId,
      payloadFormatVersion,
      apiLogicalId,
    }));
    expect(routes).toEqual([
      { routeKey: 'POST /api/applications', functionLogicalId: 'SubmitFn', payloadFormatVersion: '2.0', apiLogicalId: 'HttpApi' },
      { routeKey: 'GET /api/cases/{caseId}', functionLogicalId: 'StatusFn', payloadFormatVersion: '2.0', apiLogicalId: 'HttpApi' },
      { routeKey: 'GET /api/secretariat/cases', functionLogicalId: 'StatusFn', payloadFormatVersion: '2.0', apiLogicalId: 'HttpApi' },
    ]);
  });

  it("reads each route's JWT authorizer: issuer, audience, identity source and scopes", () => {
    const byKey = new Map(httpRoutes(assembly, resolver).map((route) => [route.routeKey, route]));
    expect(byKey.get('GET /api/cases/{caseId}')?.authorizer).toBeUndefined();
    expect(byKey.get('GET /api/secretariat/cases')?.authorizer).toEqual({
      issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/UserPool',
      audience: ['UserPoolClient'],
      identitySource: ['$request.header.Authorization'],
      scopes: ['email'],
    });
  });

  it('resolves the state machine definition, including DefinitionSubstitutions', () => {
    const [machine] = stateMachines(assembly, resolver);
    expect(machine).toMatchObject({
      logicalId: 'Workflow',
      arn: 'arn:aws:states:eu-north-1:000000000000:stateMachine:Workflow',
    });
    expect(machine?.definition).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Advance',
      States: {
        Advance: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: {
            FunctionName: 'arn:aws:lambda:eu-north-1:000000000000:function:TaskFn',
            Payload: '{% $states.input %}',
          },
          Next: 'Await',
        },
        Await: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: 'arn:aws:lambda:eu-north-1:000000000000:function:fixture-status' },
          End: true,
        },
      },
    });
  });

  it('reads table definitions: keys, GSIs, LSIs and billing mode', () => {
    const tables = tableDefinitions(assembly);
    expect(tables.map((table) => [table.logicalId, table.tableName, table.payPerRequest])).toEqual([
      ['CasesTable', 'CasesTable', false],
      ['AuditTable', 'fixture-audit', true],
    ]);
    expect(tables[0]?.GlobalSecondaryIndexes.map((index) => index.IndexName)).toEqual(['gsi1', 'gsi2']);
    expect(tables[0]?.LocalSecondaryIndexes.map((index) => index.IndexName)).toEqual(['lsi1']);
  });
});

describe('synthesized CDK app', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'beslutningsflyt-synth-'));
  let assembly: CloudAssembly;

  beforeAll(async () => {
    assembly = await synthesize(outDir, { app: 'test/infra/local/fixtures/cdk-app.ts' });
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('understands real CDK output: cross-stack imports, routes, JSONata definition, TableV2', () => {
    const resolver = createResolver(assembly);
    const functions = lambdaFunctions(assembly, resolver);
    const echo = functions.find((fn) => fn.logicalId.startsWith('Echo'));
    expect(echo?.entry).toBe('test/infra/local/fixtures/handlers/echo.ts');
    const [table] = tableDefinitions(assembly);
    expect(table?.payPerRequest).toBe(true);
    expect(table?.GlobalSecondaryIndexes.map((index) => index.IndexName)).toEqual(['gsi1']);
    expect(echo?.environment).toMatchObject({ TABLE_NAME: table?.tableName, MODE: 'fixture' });

    const [machine] = stateMachines(assembly, resolver);
    expect(echo?.environment.STATE_MACHINE_ARN).toBe(machine?.arn);
    const states = machine!.definition.States as Record<string, Record<string, unknown>>;
    expect(states.AwaitUnit?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    const target = (states.AwaitUnit!.Arguments as { FunctionName: string }).FunctionName;
    expect(functionForArn(functions, target)?.logicalId).toMatch(/^Task/);

    const routes = httpRoutes(assembly, resolver);
    expect(routes.map((route) => route.routeKey).sort()).toEqual(['$default', 'POST /api/items/{id}']);
    expect(new Set(routes.map((route) => route.functionLogicalId))).toEqual(new Set([echo?.logicalId]));
  });

  it('wires template routes to imported handlers through the local HTTP API', async () => {
    const resolver = createResolver(assembly);
    const functions = lambdaFunctions(assembly, resolver);
    const handlers = new Map(await Promise.all(functions.map(async (fn) => [fn.logicalId, await importHandler(fn)] as const)));
    const api = await startHttpApi({
      port: 0,
      routes: httpRoutes(assembly, resolver),
      invoke: (logicalId, event) => handlers.get(logicalId)!(event, {} as never),
    });
    try {
      const item = await fetch(`${api.url}/api/items/42`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(await item.json()).toMatchObject({ routeKey: 'POST /api/items/{id}', pathParameters: { id: '42' }, body: '{}' });
      const other = await fetch(`${api.url}/somewhere`);
      expect(await other.json()).toMatchObject({ routeKey: '$default', rawPath: '/somewhere' });
    } finally {
      await api.close();
    }
  });

  it('reports a failing app with its output', async () => {
    await expect(synthesize(join(outDir, 'bad'), { app: 'test/infra/local/fixtures/no-such-app.ts' })).rejects.toThrow(
      /Synthesis of test\/infra\/local\/fixtures\/no-such-app.ts failed/,
    );
  });
});
