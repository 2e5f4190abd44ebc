import { Template } from 'aws-cdk-lib/assertions';
import { type BeslutningsflytApp, buildApp, STACK_NAMES } from '../../infra/stacks/build-app';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Resource = { Type: string; Properties?: Record<string, Json>; [key: string]: unknown };

export interface Synthesized extends BeslutningsflytApp {
  readonly appTemplate: Template;
  readonly dataTemplate: Template;
  readonly appResources: Record<string, Resource>;
}

/**
 * Synthesizes the real app once (call it in beforeAll). esbuild bundling of the 13 handlers is
 * skipped (`aws:cdk:bundling-stacks: []`) and so is CDK's built-in CloudFormation schema check;
 * the cdk-nag plugin registered by buildApp still runs, so synthesis itself fails on a finding.
 */
export function synthesizeApp(context: Record<string, unknown> = {}): Synthesized {
  const built = buildApp({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
  const assembly = built.app.synth();
  const appJson = assembly.getStackByName(STACK_NAMES.app).template as { Resources: Record<string, Resource> };
  return {
    ...built,
    appTemplate: Template.fromJSON(appJson),
    dataTemplate: Template.fromJSON(assembly.getStackByName(STACK_NAMES.data).template),
    appResources: appJson.Resources,
  };
}

/** IAM statements as synthesized (Action/Resource may be a string or a list). */
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: Json;
  Condition?: Json;
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export function resourcesOfType(resources: Record<string, Resource>, type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** The logical id of the role of the function whose entry tag is `entry`. */
export function roleOfEntry(resources: Record<string, Resource>, entry: string): string {
  const fn = resourcesOfType(resources, 'AWS::Lambda::Function').find(([, r]) =>
    asList((r.Properties?.Tags ?? []) as Json[]).some(
      (tag) => typeof tag === 'object' && tag !== null && !Array.isArray(tag) && tag.Value === entry,
    ),
  );
  if (!fn) throw new Error(`no function tagged ${entry}`);
  const role = fn[1].Properties?.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}

/** Every statement of every inline policy attached to the role. */
export function statementsOfRole(resources: Record<string, Resource>, roleId: string): Statement[] {
  return resourcesOfType(resources, 'AWS::IAM::Policy')
    .filter(([, p]) => asList(p.Properties?.Roles as Json[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => policyStatements(p));
}

/** A property that must be there (a clear failure instead of a TypeError when it is not). */
export function propOf<T>(resource: Resource | undefined, key: string): T {
  const value = resource?.Properties?.[key];
  if (value === undefined) throw new Error(`resource has no ${key}: ${JSON.stringify(resource)}`);
  return value as unknown as T;
}

export const policyStatements = (policy: Resource): Statement[] =>
  propOf<{ Statement: Statement[] }>(policy, 'PolicyDocument').Statement;

export const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => asList(s.Action));
