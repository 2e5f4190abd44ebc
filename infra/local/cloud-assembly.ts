/**
 * Reads the synthesized cloud assembly (cdk.out) so the local runtime runs exactly what CDK
 * deploys: the Lambda functions and their environment, the HTTP API routes, the state machine
 * definition and the DynamoDB tables, with intrinsics resolved to local fake values.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import {
  type CfnResource,
  type CfnTemplate,
  IntrinsicResolver,
  type LocalAwsEnvironment,
  physicalName,
  type ResourceOverrides,
  type StackTemplate,
} from './intrinsics';
import type { JwtAuthorizerConfig } from './jwt-authorizer';

export type { CfnResource, CfnTemplate, LocalAwsEnvironment, ResourceOverrides, StackTemplate };
export { IntrinsicResolver, LOCAL_AWS, physicalName, UnsupportedIntrinsicError } from './intrinsics';

/** Tag the CDK app puts on every function: the handler's source file, e.g. functions/x.ts. */
export const ENTRY_TAG = 'beslutningsflyt:entry';

export class CloudAssemblyError extends Error {
  override readonly name = 'CloudAssemblyError';
}

export interface CloudAssembly {
  readonly stacks: readonly StackTemplate[];
}

interface ManifestArtifact {
  type: string;
  displayName?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
}

/** Reads every CloudFormation stack of a cloud assembly directory (nested stages included). */
export function readCloudAssembly(dir: string): CloudAssembly {
  const stacks: StackTemplate[] = [];
  const visit = (assemblyDir: string) => {
    const manifestPath = join(assemblyDir, 'manifest.json');
    let manifest: { artifacts?: Record<string, ManifestArtifact> };
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (cause) {
      throw new CloudAssemblyError(`Cannot read ${manifestPath}; run the synth first`, { cause });
    }
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      const props = artifact.properties ?? {};
      if (artifact.type === 'aws:cloudformation:stack' && props.templateFile !== undefined) {
        const template = JSON.parse(readFileSync(join(assemblyDir, props.templateFile), 'utf8')) as CfnTemplate;
        stacks.push({ stackName: props.stackName ?? id, template });
      } else if (artifact.type === 'cdk:cloud-assembly' && props.directoryName !== undefined) {
        visit(join(assemblyDir, props.directoryName));
      }
    }
  };
  visit(dir);
  if (stacks.length === 0) throw new CloudAssemblyError(`No stacks in the cloud assembly at ${dir}`);
  return { stacks };
}

export interface SynthesizeOptions {
  /** Project root holding cdk.json; defaults to the current directory. */
  projectRoot?: string;
  /** The CDK app's TypeScript entry; defaults to the .ts file named in cdk.json's "app". */
  app?: string;
  /** Extra context, merged over cdk.json's context. */
  context?: Record<string, unknown>;
}

/**
 * Synthesizes the CDK app into `outDir` for local use and returns the assembly. Runs the app
 * directly with tsx (as the CDK CLI would, minus the CLI's start-up cost) with cdk.json's
 * context plus `aws:cdk:bundling-stacks: []`: locally the handlers are imported from source,
 * so esbuild bundling of the Lambda assets is skipped.
 */
export async function synthesize(outDir: string, options: SynthesizeOptions = {}): Promise<CloudAssembly> {
  const root = resolve(options.projectRoot ?? process.cwd());
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { app?: string; context?: object };
  const app = options.app ?? /(\S+\.ts)\b/.exec(cdkJson.app ?? '')?.[1];
  if (app === undefined) throw new CloudAssemblyError('cdk.json "app" names no TypeScript entry file');
  const context = { ...cdkJson.context, ...options.context, 'aws:cdk:bundling-stacks': [] };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, app)], {
    cwd: root,
    env: { ...process.env, CDK_OUTDIR: resolve(outDir), CDK_CONTEXT_JSON: JSON.stringify(context) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', done);
  });
  if (code !== 0) throw new CloudAssemblyError(`Synthesis of ${app} failed (exit ${code}):\n${output.trim()}`);
  return readCloudAssembly(outDir);
}

export interface FoundResource {
  stackName: string;
  logicalId: string;
  resource: CfnResource;
}

export function findResources(assembly: CloudAssembly, ...types: string[]): FoundResource[] {
  const found: FoundResource[] = [];
  for (const { stackName, template } of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (types.includes(resource.Type)) found.push({ stackName, logicalId, resource });
    }
  }
  return found;
}

export function createResolver(
  assembly: CloudAssembly,
  options: { env?: LocalAwsEnvironment; overrides?: ResourceOverrides } = {},
): IntrinsicResolver {
  return new IntrinsicResolver(assembly.stacks, options);
}

export interface LambdaFunctionInfo {
  stackName: string;
  logicalId: string;
  functionName: string;
  arn: string;
  /** Handler source file relative to the project root (from the ENTRY_TAG tag), if tagged. */
  entry: string | undefined;
  /** Exported handler name, from Properties.Handler ("index.handler" → "handler"). */
  handlerExport: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
}

export function lambdaFunctions(assembly: CloudAssembly, resolver: IntrinsicResolver): LambdaFunctionInfo[] {
  const functions = findResources(assembly, 'AWS::Lambda::Function').map(({ stackName, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const tags = resolver.resolve(stackName, props.Tags ?? []);
    const entryTag = Array.isArray(tags)
      ? (tags as Array<{ Key?: unknown; Value?: unknown }>).find((tag) => tag.Key === ENTRY_TAG)
      : undefined;
    const variables = resolver.resolve(stackName, (props.Environment as { Variables?: unknown })?.Variables ?? {});
    const handler = typeof props.Handler === 'string' ? props.Handler : 'index.handler';
    return {
      stackName,
      logicalId,
      functionName: physicalName(logicalId, resource),
      arn: resolver.getAtt(stackName, logicalId, 'Arn'),
      entry: typeof entryTag?.Value === 'string' ? entryTag.Value : undefined,
      handlerExport: handler.slice(handler.lastIndexOf('.') + 1),
      environment: stringRecord(variables, `${stackName}/${logicalId} Environment.Variables`),
      timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
    };
  });
  assertUnique(functions.map((fn) => fn.functionName), 'Lambda function name');
  return functions;
}

/**
 * Finds the function a Task state's FunctionName / Resource refers to: a function ARN
 * (optionally with a version or alias qualifier), a partial ARN, or a plain name.
 */
export function functionForArn(
  functions: readonly LambdaFunctionInfo[],
  reference: string,
): LambdaFunctionInfo | undefined {
  const arnMatch = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(reference);
  const partialMatch = /^(?:\d{12}:)?function:([^:]+)(?::[^:]+)?$/.exec(reference);
  const name = arnMatch?.[1] ?? partialMatch?.[1] ?? reference;
  return functions.find((fn) => fn.functionName === name);
}

/** A Lambda handler as exported by a functions/ module. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Imports a function's handler from its TypeScript source (the process must run under tsx,
 * as `npm start` and vitest do). Set the handler environment in process.env first: handlers
 * read their configuration once, at import.
 */
export async function importHandler(fn: LambdaFunctionInfo, projectRoot: string = process.cwd()): Promise<LambdaHandler> {
  if (fn.entry === undefined) {
    throw new CloudAssemblyError(`${fn.stackName}/${fn.logicalId} has no ${ENTRY_TAG} tag naming its source file`);
  }
  const module = (await import(pathToFileURL(resolve(projectRoot, fn.entry)).href)) as Record<string, unknown>;
  const handler = module[fn.handlerExport];
  if (typeof handler !== 'function') {
    throw new CloudAssemblyError(`${fn.entry} does not export a function named ${fn.handlerExport}`);
  }
  return handler as LambdaHandler;
}

export interface SharedEnvironment {
  /** Variables with one value across all functions. */
  environment: Record<string, string>;
  /** Variables whose value differs between functions (left out of `environment`). */
  conflicts: Array<{ name: string; values: Record<string, string> }>;
}

/**
 * All functions share one process locally, so their environments merge into one. A variable
 * with different values in different functions (say a per-function service name) cannot be
 * honoured; it is reported so the caller can decide whether that matters.
 */
export function sharedEnvironment(functions: readonly LambdaFunctionInfo[]): SharedEnvironment {
  const values = new Map<string, Record<string, string>>();
  for (const fn of functions) {
    for (const [name, value] of Object.entries(fn.environment)) {
      values.set(name, { ...values.get(name), [fn.logicalId]: value });
    }
  }
  const environment: Record<string, string> = {};
  const conflicts: SharedEnvironment['conflicts'] = [];
  for (const [name, byFunction] of values) {
    const distinct = new Set(Object.values(byFunction));
    if (distinct.size === 1) environment[name] = [...distinct][0]!;
    else conflicts.push({ name, values: byFunction });
  }
  return { environment, conflicts };
}

export interface HttpRoute {
  stackName: string;
  apiLogicalId: string;
  /** "POST /api/applications", "ANY /{proxy+}" or "$default". */
  routeKey: string;
  functionLogicalId: string;
  payloadFormatVersion: string;
  /** The route's JWT authorizer (AuthorizationType JWT); absent for an open route. */
  authorizer?: JwtAuthorizerConfig;
}

export function httpRoutes(assembly: CloudAssembly, resolver: IntrinsicResolver): HttpRoute[] {
  return findResources(assembly, 'AWS::ApiGatewayV2::Route').map(({ stackName, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const where = `${stackName}/${logicalId}`;
    const routeKey = resolver.resolveString(stackName, props.RouteKey, `${where} RouteKey`);
    const target = resolver.resolveString(stackName, props.Target, `${where} Target`);
    const integrationId = /^integrations\/(.+)$/.exec(target)?.[1];
    const integration =
      integrationId === undefined
        ? undefined
        : findResources(assembly, 'AWS::ApiGatewayV2::Integration').find(
            (found) => found.stackName === stackName && resolver.ref(stackName, found.logicalId) === integrationId,
          );
    if (integration === undefined) throw new CloudAssemblyError(`${where}: no integration for target ${target}`);
    const integrationProps = integration.resource.Properties ?? {};
    if (integrationProps.IntegrationType !== 'AWS_PROXY') {
      throw new CloudAssemblyError(`${where}: only Lambda proxy integrations run locally`);
    }
    const uri = resolver.resolveString(stackName, integrationProps.IntegrationUri, `${where} IntegrationUri`);
    // HTTP APIs accept the function ARN (optionally qualified) or the apigateway invocation URI.
    const functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
    const functionLogicalId = findResources(assembly, 'AWS::Lambda::Function').find((fn) => {
      const arn = resolver.getAtt(fn.stackName, fn.logicalId, 'Arn');
      return functionArn === arn || functionArn.startsWith(`${arn}:`);
    })?.logicalId;
    if (functionLogicalId === undefined) throw new CloudAssemblyError(`${where}: integration ${uri} is not a function of this app`);
    const authorizer = routeAuthorizer(assembly, resolver, stackName, where, props);
    return {
      stackName,
      apiLogicalId: resolver.resolveString(stackName, props.ApiId, `${where} ApiId`),
      routeKey,
      functionLogicalId,
      payloadFormatVersion: String(integrationProps.PayloadFormatVersion ?? '1.0'),
      ...(authorizer === undefined ? {} : { authorizer }),
    };
  });
}

/**
 * A route's AuthorizationType and AuthorizerId, read as API Gateway does: JWT routes get their
 * authorizer's issuer, audience and identity source. Any other authorization type cannot run
 * locally, and failing is safer than serving the route open.
 */
function routeAuthorizer(
  assembly: CloudAssembly,
  resolver: IntrinsicResolver,
  stackName: string,
  where: string,
  props: Record<string, unknown>,
): JwtAuthorizerConfig | undefined {
  const type = props.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return undefined;
  if (type !== 'JWT') throw new CloudAssemblyError(`${where}: authorization type ${String(type)} does not run locally`);
  const authorizerId = resolver.resolveString(stackName, props.AuthorizerId, `${where} AuthorizerId`);
  const found = findResources(assembly, 'AWS::ApiGatewayV2::Authorizer').find(
    (candidate) => candidate.stackName === stackName && resolver.ref(stackName, candidate.logicalId) === authorizerId,
  );
  if (found === undefined) throw new CloudAssemblyError(`${where}: no authorizer ${authorizerId}`);
  const authorizer = resolver.resolve(stackName, found.resource.Properties ?? {}) as {
    AuthorizerType?: unknown;
    IdentitySource?: unknown;
    JwtConfiguration?: { Issuer?: unknown; Audience?: unknown };
  };
  const jwt = authorizer.JwtConfiguration;
  const strings = (value: unknown) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined);
  const audience = strings(jwt?.Audience);
  const identitySource = strings(authorizer.IdentitySource);
  if (authorizer.AuthorizerType !== 'JWT' || typeof jwt?.Issuer !== 'string' || !audience || !identitySource) {
    throw new CloudAssemblyError(`${where}: authorizer ${found.logicalId} is not a complete JWT authorizer`);
  }
  const scopes = strings(resolver.resolve(stackName, props.AuthorizationScopes ?? [])) ?? [];
  return { issuer: jwt.Issuer, audience, identitySource, scopes };
}

export interface StateMachineInfo {
  stackName: string;
  logicalId: string;
  name: string;
  arn: string;
  /** The ASL definition with intrinsics and DefinitionSubstitutions applied. */
  definition: Record<string, unknown>;
}

export function stateMachines(assembly: CloudAssembly, resolver: IntrinsicResolver): StateMachineInfo[] {
  return findResources(assembly, 'AWS::StepFunctions::StateMachine').map(({ stackName, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const where = `${stackName}/${logicalId}`;
    const substitutions = stringRecord(
      resolver.resolve(stackName, props.DefinitionSubstitutions ?? {}),
      `${where} DefinitionSubstitutions`,
    );
    let definition: unknown;
    if (props.DefinitionString !== undefined) {
      const text = resolver.resolveString(stackName, props.DefinitionString, `${where} DefinitionString`);
      definition = JSON.parse(substitute(text, substitutions, where));
    } else if (props.Definition !== undefined) {
      definition = substituteDeep(resolver.resolve(stackName, props.Definition), substitutions, where);
    } else {
      throw new CloudAssemblyError(`${where}: the local runtime needs an inline Definition or DefinitionString`);
    }
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new CloudAssemblyError(`${where}: the definition is not a JSON object`);
    }
    return {
      stackName,
      logicalId,
      name: physicalName(logicalId, resource),
      arn: resolver.ref(stackName, logicalId),
      definition: definition as Record<string, unknown>,
    };
  });
}

function substitute(text: string, substitutions: Record<string, string>, where: string): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new CloudAssemblyError(`${where}: no DefinitionSubstitutions entry for ${whole}`);
    return value;
  });
}

function substituteDeep(value: unknown, substitutions: Record<string, string>, where: string): unknown {
  if (typeof value === 'string') return substitute(value, substitutions, where);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, substitutions, where));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, substituteDeep(item, substitutions, where)]),
  );
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CloudAssemblyError(`${what} is not an object`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'object' && item !== null) throw new CloudAssemblyError(`${what}.${key} is not a scalar`);
    out[key] = String(item);
  }
  return out;
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new CloudAssemblyError(`Duplicate ${what} ${value} across stacks`);
    seen.add(value);
  }
}
