/**
 * Resolves the CloudFormation intrinsics CDK emits (Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select, Fn::Split, Fn::ImportValue, pseudo parameters) to local fake values, so the
 * local runtime sees the same strings the deployed functions would, with ARNs that name the
 * resource's logical ID. Anything else fails loudly: a silently wrong value would send a
 * handler to a resource that does not exist.
 */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface StackTemplate {
  stackName: string;
  template: CfnTemplate;
}

export interface LocalAwsEnvironment {
  region: string;
  accountId: string;
  partition: string;
}

export const LOCAL_AWS: Readonly<LocalAwsEnvironment> = {
  region: 'eu-north-1',
  accountId: '000000000000',
  partition: 'aws',
};

/** Per logical ID: replaces what Ref / Fn::GetAtt return (e.g. the HTTP API's local URL). */
export type ResourceOverrides = Record<string, { ref?: string; attributes?: Record<string, string> }>;

export class UnsupportedIntrinsicError extends Error {
  override readonly name = 'UnsupportedIntrinsicError';
}

/** Dropped from arrays and objects, as CloudFormation does with AWS::NoValue. */
const NO_VALUE = Symbol('AWS::NoValue');

const NAME_PROPERTY: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SES::ConfigurationSet': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
};

/** The physical name a resource gets locally: its literal name property, else its logical ID. */
export function physicalName(logicalId: string, resource: CfnResource): string {
  const property = NAME_PROPERTY[resource.Type];
  const value = property === undefined ? undefined : resource.Properties?.[property];
  return typeof value === 'string' && value !== '' ? value : logicalId;
}

export class IntrinsicResolver {
  readonly env: LocalAwsEnvironment;
  private readonly stacks: Map<string, StackTemplate>;
  private readonly overrides: ResourceOverrides;
  private exports: Map<string, { stackName: string; value: unknown }> | undefined;

  constructor(
    stacks: readonly StackTemplate[],
    options: { env?: LocalAwsEnvironment; overrides?: ResourceOverrides } = {},
  ) {
    this.stacks = new Map(stacks.map((stack) => [stack.stackName, stack]));
    this.env = options.env ?? LOCAL_AWS;
    this.overrides = options.overrides ?? {};
  }

  /** Resolves every intrinsic in `value` (deeply) in the context of one stack. */
  resolve(stackName: string, value: unknown): unknown {
    const resolved = this.walk(this.stack(stackName), value, []);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Like resolve, but the result must be a string. */
  resolveString(stackName: string, value: unknown, what: string): string {
    const resolved = this.resolve(stackName, value);
    if (typeof resolved !== 'string') {
      throw new UnsupportedIntrinsicError(`${what} in stack ${stackName} did not resolve to a string`);
    }
    return resolved;
  }

  ref(stackName: string, logicalId: string): string {
    return this.refIn(this.stack(stackName), logicalId);
  }

  getAtt(stackName: string, logicalId: string, attribute: string): string {
    return this.getAttIn(this.stack(stackName), logicalId, attribute);
  }

  private stack(stackName: string): StackTemplate {
    const stack = this.stacks.get(stackName);
    if (stack === undefined) throw new UnsupportedIntrinsicError(`Unknown stack ${stackName}`);
    return stack;
  }

  private walk(stack: StackTemplate, value: unknown, path: string[]): unknown {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.walk(stack, item, [...path, String(i)])).filter((v) => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first !== undefined && isIntrinsicKey(first[0])) {
      return this.intrinsic(stack, first[0], first[1], path);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = this.walk(stack, item, [...path, key]);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  private intrinsic(stack: StackTemplate, name: string, arg: unknown, path: string[]): unknown {
    const where = `${stack.stackName}:${path.join('.') || '(root)'}`;
    switch (name) {
      case 'Ref':
        if (typeof arg !== 'string') throw new UnsupportedIntrinsicError(`Ref needs a name at ${where}`);
        return arg === 'AWS::NoValue' ? NO_VALUE : this.refIn(stack, arg);
      case 'Fn::GetAtt': {
        const [id, attribute] = typeof arg === 'string' ? splitOnce(arg, '.') : asPair(arg, where);
        return this.getAttIn(stack, id, stringValue(this.walk(stack, attribute, path), where));
      }
      case 'Fn::Join': {
        const [delimiter, list] = asPair(arg, where);
        const items = this.walk(stack, list, path);
        if (!Array.isArray(items)) throw new UnsupportedIntrinsicError(`Fn::Join needs a list at ${where}`);
        return items.map((item) => stringValue(item, where)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = asPair(arg, where);
        const items = this.walk(stack, list, path);
        const item = Array.isArray(items) ? items[Number(index)] : undefined;
        if (item === undefined) throw new UnsupportedIntrinsicError(`Fn::Select out of range at ${where}`);
        return item;
      }
      case 'Fn::Split': {
        const [delimiter, source] = asPair(arg, where);
        return stringValue(this.walk(stack, source, path), where).split(delimiter);
      }
      case 'Fn::Sub':
        return this.sub(stack, arg, path, where);
      case 'Fn::ImportValue':
        return this.importValue(stringValue(this.walk(stack, arg, path), where), where);
      default:
        throw new UnsupportedIntrinsicError(`${name} is not supported by the local runtime (at ${where})`);
    }
  }

  private sub(stack: StackTemplate, arg: unknown, path: string[], where: string): string {
    const [template, rawVariables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, {}];
    if (typeof template !== 'string') throw new UnsupportedIntrinsicError(`Fn::Sub needs a string at ${where}`);
    const variables = (this.walk(stack, rawVariables ?? {}, path) ?? {}) as Record<string, unknown>;
    return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      if (Object.hasOwn(variables, inner)) return stringValue(variables[inner], where);
      const dot = inner.indexOf('.');
      if (dot > 0) return this.getAttIn(stack, inner.slice(0, dot), inner.slice(dot + 1));
      if (inner === '') throw new UnsupportedIntrinsicError(`Empty ${whole} in Fn::Sub at ${where}`);
      return this.refIn(stack, inner);
    });
  }

  private refIn(stack: StackTemplate, name: string): string {
    const pseudo = this.pseudo(stack, name);
    if (pseudo !== undefined) return pseudo;
    const parameter = stack.template.Parameters?.[name];
    if (parameter !== undefined) {
      if (parameter.Default === undefined || parameter.Type?.startsWith('AWS::SSM::')) {
        throw new UnsupportedIntrinsicError(`Parameter ${name} in ${stack.stackName} has no local value`);
      }
      return String(parameter.Default);
    }
    const override = this.overrides[name]?.ref;
    if (override !== undefined) return override;
    const resource = this.resource(stack, name);
    const resourceName = physicalName(name, resource);
    switch (resource.Type) {
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SecretsManager::Secret':
      case 'AWS::SNS::Topic':
        return this.arnFor(name, resource);
      case 'AWS::SQS::Queue':
        return `https://sqs.${this.env.region}.amazonaws.com/${this.env.accountId}/${resourceName}`;
      default:
        return resourceName;
    }
  }

  private getAttIn(stack: StackTemplate, logicalId: string, attribute: string): string {
    const override = this.overrides[logicalId]?.attributes?.[attribute];
    if (override !== undefined) return override;
    const resource = this.resource(stack, logicalId);
    if (attribute === 'Arn') return this.arnFor(logicalId, resource);
    const name = physicalName(logicalId, resource);
    if (attribute === 'Name' || attribute === 'TableName' || attribute === 'QueueName') return name;
    if (attribute === 'StreamArn') return `${this.arnFor(logicalId, resource)}/stream/local`;
    if (resource.Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') {
      return `https://${logicalId.toLowerCase()}.execute-api.${this.env.region}.amazonaws.com`;
    }
    if (resource.Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiId') return this.refIn(stack, logicalId);
    throw new UnsupportedIntrinsicError(
      `Fn::GetAtt ${logicalId}.${attribute} (${resource.Type}) has no local value; pass an override`,
    );
  }

  /** Fake ARNs in the real formats, so code that parses ARNs keeps working locally. */
  arnFor(logicalId: string, resource: CfnResource): string {
    const { partition, region, accountId } = this.env;
    const name = physicalName(logicalId, resource);
    const prefix = (service: string, global = false) =>
      `arn:${partition}:${service}:${global ? '' : region}:${accountId}`;
    switch (resource.Type) {
      case 'AWS::Lambda::Function':
        return `${prefix('lambda')}:function:${name}`;
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return `${prefix('dynamodb')}:table/${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `${prefix('states')}:stateMachine:${name}`;
      case 'AWS::SecretsManager::Secret':
        return `${prefix('secretsmanager')}:secret:${name}`;
      case 'AWS::IAM::Role':
        return `${prefix('iam', true)}:role/${name}`;
      case 'AWS::SNS::Topic':
        return `${prefix('sns')}:${name}`;
      case 'AWS::SQS::Queue':
        return `${prefix('sqs')}:${name}`;
      case 'AWS::Logs::LogGroup':
        return `${prefix('logs')}:log-group:${name}:*`;
      case 'AWS::SES::ConfigurationSet':
        return `${prefix('ses')}:configuration-set/${name}`;
      default: {
        const [, service = 'unknown', kind = 'resource'] = resource.Type.split('::');
        return `${prefix(service.toLowerCase())}:${kind.toLowerCase()}/${name}`;
      }
    }
  }

  private pseudo(stack: StackTemplate, name: string): string | undefined {
    switch (name) {
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::AccountId':
        return this.env.accountId;
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      case 'AWS::StackId':
        return `arn:${this.env.partition}:cloudformation:${this.env.region}:${this.env.accountId}:stack/${stack.stackName}/local`;
      default:
        return undefined;
    }
  }

  private resource(stack: StackTemplate, logicalId: string): CfnResource {
    const resource = stack.template.Resources?.[logicalId];
    if (resource === undefined) {
      throw new UnsupportedIntrinsicError(`No resource or parameter ${logicalId} in stack ${stack.stackName}`);
    }
    return resource;
  }

  private importValue(name: string, where: string): unknown {
    if (this.exports === undefined) {
      this.exports = new Map();
      for (const stack of this.stacks.values()) {
        for (const output of Object.values(stack.template.Outputs ?? {})) {
          if (output.Export === undefined) continue;
          const exportName = this.resolve(stack.stackName, output.Export.Name);
          if (typeof exportName === 'string') this.exports.set(exportName, { stackName: stack.stackName, value: output.Value });
        }
      }
    }
    const found = this.exports.get(name);
    if (found === undefined) throw new UnsupportedIntrinsicError(`No stack exports ${name} (at ${where})`);
    return this.resolve(found.stackName, found.value);
  }
}

function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

function asPair(arg: unknown, where: string): [string, unknown] {
  if (!Array.isArray(arg) || arg.length !== 2) {
    throw new UnsupportedIntrinsicError(`Expected a two-element list at ${where}`);
  }
  return [String(arg[0]), arg[1]];
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}

function stringValue(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnsupportedIntrinsicError(`Expected a string at ${where}, got ${JSON.stringify(value)}`);
}
