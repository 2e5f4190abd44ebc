import { type DefinitionProblem, InvalidDefinitionError, STATES_ERRORS, UnsupportedFeatureError } from './errors';
import { checkSyntax, findExpressions, isExpression } from './jsonata-eval';
import type {
  Catcher,
  ChoiceRule,
  Json,
  JsonObject,
  LambdaResource,
  LoadedDefinition,
  Retrier,
  State,
  StateGraph,
} from './types';

/**
 * Loads a state machine definition and checks it against the subset of ASL this engine runs
 * (QueryLanguage JSONata; Task lambda:invoke[.waitForTaskToken], Choice, Wait, Pass, Succeed,
 * Fail, Parallel, inline Map; Retry/Catch; TimeoutSeconds/HeartbeatSeconds). Anything outside it
 * throws UnsupportedFeatureError listing every offending path, so a definition fails at start-up,
 * never halfway through a case.
 */

type Raw = Record<string, unknown>;

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const ALLOWED: Record<State['type'], string[]> = {
  Task: [...COMMON, ...FLOW, 'Resource', 'Arguments', 'Output', 'Assign', 'Retry', 'Catch', 'TimeoutSeconds', 'HeartbeatSeconds'],
  Choice: [...COMMON, 'Choices', 'Default', 'Output', 'Assign'],
  Wait: [...COMMON, ...FLOW, 'Seconds', 'Timestamp', 'Output', 'Assign'],
  Pass: [...COMMON, ...FLOW, 'Output', 'Assign'],
  Succeed: [...COMMON, 'Output'],
  Fail: [...COMMON, 'Error', 'Cause'],
  Parallel: [...COMMON, ...FLOW, 'Branches', 'Arguments', 'Output', 'Assign', 'Retry', 'Catch'],
  Map: [...COMMON, ...FLOW, 'ItemProcessor', 'Items', 'ItemSelector', 'MaxConcurrency', 'Output', 'Assign', 'Retry', 'Catch'],
};
const JSONPATH_FIELDS = new Set([
  'InputPath', 'OutputPath', 'Parameters', 'ResultPath', 'ResultSelector', 'Result', 'TimeoutSecondsPath',
  'HeartbeatSecondsPath', 'SecondsPath', 'TimestampPath', 'ErrorPath', 'CausePath', 'ItemsPath', 'MaxConcurrencyPath',
]);
const LAMBDA_RESOURCE = /^arn:[a-z-]+:states:::lambda:(invoke|invoke\.waitForTaskToken)$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,79}$/;
const TOKEN_EXPRESSION = /\$states\.context\.Task\.Token/;

class Checker {
  readonly unsupported: DefinitionProblem[] = [];
  readonly invalid: DefinitionProblem[] = [];
  readonly graphs = new Map<string, StateGraph>();
  readonly functionNames: Array<{ path: string; functionName: string }> = [];

  unsupportedAt(path: string, message: string): void {
    this.unsupported.push({ path, message });
  }

  invalidAt(path: string, message: string): void {
    this.invalid.push({ path, message });
  }

  /** Checks JSONata syntax of every expression inside a template field. */
  template(value: unknown, path: string): Json | undefined {
    if (value === undefined) return undefined;
    for (const found of findExpressions(value, path)) {
      const problem = checkSyntax(found.source);
      if (problem) this.invalidAt(found.path, problem);
    }
    return value as Json;
  }

  /** A number field that may also be a `{% %}` expression. */
  numberOrExpression(value: unknown, path: string, min: number): number | string | undefined {
    if (value === undefined) return undefined;
    if (isExpression(value)) return this.template(value, path) as string;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.invalidAt(path, `must be an integer >= ${min} or a {% %} expression`);
    return undefined;
  }

  stringOrExpression(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return this.template(value, path) as string;
    this.invalidAt(path, 'must be a string or a {% %} expression');
    return undefined;
  }

  assign(value: unknown, path: string, outerNames: Set<string>): JsonObject | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.invalidAt(path, 'Assign must be an object of variable names');
      return undefined;
    }
    for (const name of Object.keys(value)) {
      if (!VARIABLE_NAME.test(name) || name === 'states') this.invalidAt(`${path}.${name}`, 'invalid variable name');
      if (outerNames.has(name)) {
        this.invalidAt(`${path}.${name}`, 'a Map/Parallel inner state cannot assign a variable of an outer scope');
      }
    }
    return this.template(value, path) as JsonObject;
  }

  errorEquals(value: unknown, path: string, last: boolean): string[] {
    if (!Array.isArray(value) || value.length === 0 || !value.every((e) => typeof e === 'string')) {
      this.invalidAt(path, 'ErrorEquals must be a non-empty array of error names');
      return [];
    }
    const names = value as string[];
    if (names.includes(STATES_ERRORS.all) && (names.length > 1 || !last)) {
      this.invalidAt(path, 'States.ALL must appear alone, in the last retrier/catcher');
    }
    return names;
  }

  /** Retry/Catch: an optional array of objects, each parsed by `each` (which knows if it is the last). */
  private entries<T>(value: unknown, path: string, field: string, each: (raw: Record<string, unknown>, at: string, last: boolean) => T): T[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.invalidAt(path, `${field} must be an array`);
      return [];
    }
    return value.map((raw: unknown, i) => each(isObject(raw) ? raw : {}, `${path}[${i}]`, i === value.length - 1));
  }

  retry(value: unknown, path: string): Retrier[] {
    return this.entries(value, path, 'Retry', (r, at, last) => {
      this.fields(r, ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'], at);
      const retrier: Retrier = {
        errorEquals: this.errorEquals(r.ErrorEquals, `${at}.ErrorEquals`, last),
        intervalSeconds: this.integer(r.IntervalSeconds, `${at}.IntervalSeconds`, 1) ?? 1,
        maxAttempts: this.integer(r.MaxAttempts, `${at}.MaxAttempts`, 0) ?? 3,
        backoffRate: 2,
        jitterStrategy: 'NONE',
      };
      if (r.BackoffRate !== undefined) {
        if (typeof r.BackoffRate === 'number' && r.BackoffRate >= 1) retrier.backoffRate = r.BackoffRate;
        else this.invalidAt(`${at}.BackoffRate`, 'must be a number >= 1');
      }
      const maxDelay = this.integer(r.MaxDelaySeconds, `${at}.MaxDelaySeconds`, 1);
      if (maxDelay !== undefined) retrier.maxDelaySeconds = maxDelay;
      if (r.JitterStrategy !== undefined) {
        if (r.JitterStrategy === 'FULL' || r.JitterStrategy === 'NONE') retrier.jitterStrategy = r.JitterStrategy;
        else this.invalidAt(`${at}.JitterStrategy`, 'must be FULL or NONE');
      }
      return retrier;
    });
  }

  catchers(value: unknown, path: string, outerNames: Set<string>): Catcher[] {
    return this.entries(value, path, 'Catch', (c, at, last) => {
      this.fields(c, ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'], at);
      const catcher: Catcher = {
        errorEquals: this.errorEquals(c.ErrorEquals, `${at}.ErrorEquals`, last),
        next: typeof c.Next === 'string' ? c.Next : '',
      };
      if (typeof c.Next !== 'string') this.invalidAt(`${at}.Next`, 'Next is required');
      const output = this.template(c.Output, `${at}.Output`);
      if (output !== undefined) catcher.output = output;
      const assign = this.assign(c.Assign, `${at}.Assign`, outerNames);
      if (assign !== undefined) catcher.assign = assign;
      return catcher;
    });
  }

  integer(value: unknown, path: string, min: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.invalidAt(path, `must be an integer >= ${min}`);
    return undefined;
  }

  /** Reports fields outside the allowed list (JSONPath fields get a pointed message). */
  fields(raw: Raw, allowed: string[], path: string): void {
    for (const key of Object.keys(raw)) {
      if (allowed.includes(key)) continue;
      if (JSONPATH_FIELDS.has(key)) this.unsupportedAt(`${path}.${key}`, 'JSONPath field; only QueryLanguage JSONata is supported (use Arguments/Output/Assign)');
      else this.unsupportedAt(`${path}.${key}`, 'field not supported by the local engine');
    }
  }

  queryLanguage(raw: Raw, path: string): void {
    if (raw.QueryLanguage !== undefined && raw.QueryLanguage !== 'JSONata') {
      this.unsupportedAt(`${path}.QueryLanguage`, `QueryLanguage ${String(raw.QueryLanguage)}; only JSONata is supported`);
    }
  }

  graph(raw: unknown, path: string, key: string, outerNames: Set<string>): void {
    if (!isObject(raw)) {
      this.invalidAt(path, 'must be an object with StartAt and States');
      return;
    }
    const rawStates = isObject(raw.States) ? raw.States : undefined;
    if (!rawStates) this.invalidAt(`${path}.States`, 'States must be an object');
    if (typeof raw.StartAt !== 'string') this.invalidAt(`${path}.StartAt`, 'StartAt is required');
    const graph: StateGraph = { key, startAt: typeof raw.StartAt === 'string' ? raw.StartAt : '', states: new Map() };
    this.graphs.set(key, graph);
    const ownNames = assignedNames(rawStates ?? {});
    const innerOuter = new Set([...outerNames, ...ownNames]);
    for (const [name, rawState] of Object.entries(rawStates ?? {})) {
      const state = this.state(name, rawState, `${path}.States.${name}`, key, outerNames, innerOuter);
      if (state) graph.states.set(name, state);
    }
    if (rawStates && graph.startAt && !(graph.startAt in rawStates)) {
      this.invalidAt(`${path}.StartAt`, `StartAt names a missing state '${graph.startAt}'`);
    }
    if (rawStates) this.checkTransitions(graph, path);
  }

  checkTransitions(graph: StateGraph, path: string): void {
    const targets = (s: State): string[] => {
      const out = s.next ? [s.next] : [];
      if (s.type === 'Choice') out.push(...s.choices.map((c) => c.next), ...(s.default ? [s.default] : []));
      if (s.type === 'Task' || s.type === 'Map' || s.type === 'Parallel') out.push(...s.catch.map((c) => c.next));
      return out;
    };
    for (const state of graph.states.values()) {
      for (const target of targets(state)) {
        if (!graph.states.has(target)) this.invalidAt(`${path}.States.${state.name}`, `transition to missing state '${target}'`);
      }
    }
    const reached = new Set<string>();
    const queue = [graph.startAt];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      const state = graph.states.get(name);
      if (!state || reached.has(name)) continue;
      reached.add(name);
      queue.push(...targets(state));
    }
    for (const name of graph.states.keys()) {
      if (!reached.has(name)) this.invalidAt(`${path}.States.${name}`, 'state is not reachable from StartAt');
    }
  }

  state(name: string, rawState: unknown, path: string, graphKey: string, outerNames: Set<string>, innerOuter: Set<string>): State | undefined {
    if (!isObject(rawState)) {
      this.invalidAt(path, 'state must be an object');
      return undefined;
    }
    const type = rawState.Type;
    if (typeof type !== 'string' || !(type in ALLOWED)) {
      this.unsupportedAt(`${path}.Type`, `state type ${String(type)} is not supported`);
      return undefined;
    }
    const stateType = type as State['type'];
    this.queryLanguage(rawState, path);
    this.fields(rawState, ALLOWED[stateType], path);
    const base = { name, ...this.flow(rawState, path, stateType) };
    const output = this.template(rawState.Output, `${path}.Output`);
    const assign = this.assign(rawState.Assign, `${path}.Assign`, outerNames);
    const common = { ...base, ...(output !== undefined ? { output } : {}), ...(assign !== undefined ? { assign } : {}) };
    switch (stateType) {
      case 'Pass':
      case 'Succeed':
        return { ...common, type: stateType };
      case 'Fail':
        return {
          ...common,
          type: 'Fail',
          ...optional('error', this.stringOrExpression(rawState.Error, `${path}.Error`)),
          ...optional('cause', this.stringOrExpression(rawState.Cause, `${path}.Cause`)),
        };
      case 'Wait':
        return this.wait(common, rawState, path);
      case 'Choice':
        return this.choice(common, rawState, path, outerNames);
      case 'Task':
        return this.task(common, rawState, path, outerNames);
      case 'Parallel': {
        const branches = Array.isArray(rawState.Branches) ? rawState.Branches : [];
        if (branches.length === 0) this.invalidAt(`${path}.Branches`, 'Branches must be a non-empty array');
        const keys = branches.map((branch: unknown, i) => {
          const key = `${graphKey}/${name}#${i}`;
          this.graph(branch, `${path}.Branches[${i}]`, key, innerOuter);
          return key;
        });
        return {
          ...common,
          type: 'Parallel',
          branches: keys,
          ...optional('arguments', this.template(rawState.Arguments, `${path}.Arguments`)),
          retry: this.retry(rawState.Retry, `${path}.Retry`),
          catch: this.catchers(rawState.Catch, `${path}.Catch`, outerNames),
        };
      }
      case 'Map':
        return this.map(common, rawState, path, graphKey, outerNames, innerOuter);
    }
  }

  flow(raw: Raw, path: string, type: State['type']): { next?: string } {
    const terminal = type === 'Choice' || type === 'Succeed' || type === 'Fail';
    if (terminal) return {};
    const hasNext = typeof raw.Next === 'string';
    const hasEnd = raw.End === true;
    if (hasNext === hasEnd) this.invalidAt(path, 'exactly one of Next or End: true is required');
    return hasNext ? { next: raw.Next as string } : {};
  }

  wait(common: CommonFields, raw: Raw, path: string): State {
    const hasSeconds = raw.Seconds !== undefined;
    const hasTimestamp = raw.Timestamp !== undefined;
    if (hasSeconds === hasTimestamp) this.invalidAt(path, 'exactly one of Seconds or Timestamp is required');
    return {
      ...common,
      type: 'Wait',
      ...optional('seconds', this.numberOrExpression(raw.Seconds, `${path}.Seconds`, 0)),
      ...optional('timestamp', this.stringOrExpression(raw.Timestamp, `${path}.Timestamp`)),
    };
  }

  choice(common: CommonFields, raw: Raw, path: string, outerNames: Set<string>): State {
    const rules = Array.isArray(raw.Choices) ? raw.Choices : [];
    if (rules.length === 0) this.invalidAt(`${path}.Choices`, 'Choices must be a non-empty array');
    const choices = rules.map((rawRule: unknown, i): ChoiceRule => {
      const at = `${path}.Choices[${i}]`;
      const rule = isObject(rawRule) ? rawRule : {};
      this.fields(rule, ['Condition', 'Next', 'Output', 'Assign', 'Comment'], at);
      if (typeof rule.Next !== 'string') this.invalidAt(`${at}.Next`, 'Next is required');
      let condition: boolean | string = false;
      if (typeof rule.Condition === 'boolean') condition = rule.Condition;
      else if (isExpression(rule.Condition)) condition = this.template(rule.Condition, `${at}.Condition`) as string;
      else this.invalidAt(`${at}.Condition`, 'Condition must be a {% %} expression or a boolean');
      return {
        condition,
        next: typeof rule.Next === 'string' ? rule.Next : '',
        ...optional('output', this.template(rule.Output, `${at}.Output`)),
        ...optional('assign', this.assign(rule.Assign, `${at}.Assign`, outerNames)),
      };
    });
    if (raw.Default !== undefined && typeof raw.Default !== 'string') this.invalidAt(`${path}.Default`, 'must be a state name');
    return { ...common, type: 'Choice', choices, ...optional('default', typeof raw.Default === 'string' ? raw.Default : undefined) };
  }

  task(common: CommonFields, raw: Raw, path: string, outerNames: Set<string>): State {
    const match = typeof raw.Resource === 'string' ? LAMBDA_RESOURCE.exec(raw.Resource) : null;
    if (!match) this.unsupportedAt(`${path}.Resource`, `resource ${String(raw.Resource)}; only arn:aws:states:::lambda:invoke[.waitForTaskToken] is supported`);
    const resource = (match?.[1] ?? 'invoke') as LambdaResource;
    const args = this.template(raw.Arguments, `${path}.Arguments`);
    if (isObject(args)) {
      this.fields(args, ['FunctionName', 'Payload'], `${path}.Arguments`);
      if (typeof args.FunctionName !== 'string') this.invalidAt(`${path}.Arguments.FunctionName`, 'FunctionName is required');
      else if (!isExpression(args.FunctionName)) this.functionNames.push({ path: `${path}.Arguments.FunctionName`, functionName: args.FunctionName });
    } else if (!isExpression(args)) {
      this.invalidAt(`${path}.Arguments`, 'Arguments must be an object {FunctionName, Payload} or a {% %} expression');
    }
    if (resource === 'invoke.waitForTaskToken') {
      const text = JSON.stringify(args ?? null);
      if (text.includes('$$.Task.Token')) this.unsupportedAt(`${path}.Arguments`, "'$$.Task.Token' is JSONPath; use {% $states.context.Task.Token %}");
      else if (!TOKEN_EXPRESSION.test(text)) this.invalidAt(`${path}.Arguments`, 'waitForTaskToken needs $states.context.Task.Token in Arguments');
    }
    const timeoutSeconds = this.numberOrExpression(raw.TimeoutSeconds, `${path}.TimeoutSeconds`, 1);
    const heartbeatSeconds = this.numberOrExpression(raw.HeartbeatSeconds, `${path}.HeartbeatSeconds`, 1);
    if (typeof timeoutSeconds === 'number' && typeof heartbeatSeconds === 'number' && heartbeatSeconds >= timeoutSeconds) {
      this.invalidAt(`${path}.HeartbeatSeconds`, 'HeartbeatSeconds must be smaller than TimeoutSeconds');
    }
    return {
      ...common,
      type: 'Task',
      resource,
      resourceArn: typeof raw.Resource === 'string' ? raw.Resource : '',
      ...optional('arguments', args),
      ...optional('timeoutSeconds', timeoutSeconds),
      ...optional('heartbeatSeconds', heartbeatSeconds),
      retry: this.retry(raw.Retry, `${path}.Retry`),
      catch: this.catchers(raw.Catch, `${path}.Catch`, outerNames),
    };
  }

  map(common: CommonFields, raw: Raw, path: string, graphKey: string, outerNames: Set<string>, innerOuter: Set<string>): State {
    const processor = isObject(raw.ItemProcessor) ? raw.ItemProcessor : undefined;
    const key = `${graphKey}/${common.name}`;
    if (!processor) this.invalidAt(`${path}.ItemProcessor`, 'ItemProcessor is required (inline Map)');
    else {
      const config = isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
      if (config.Mode !== undefined && config.Mode !== 'INLINE') this.unsupportedAt(`${path}.ItemProcessor.ProcessorConfig.Mode`, `${String(config.Mode)} Map; only INLINE is supported`);
      for (const field of Object.keys(config)) {
        if (field !== 'Mode') this.unsupportedAt(`${path}.ItemProcessor.ProcessorConfig.${field}`, 'not supported (inline Map only)');
      }
      this.fields(processor, ['ProcessorConfig', 'StartAt', 'States', 'Comment', 'QueryLanguage'], `${path}.ItemProcessor`);
      this.queryLanguage(processor, `${path}.ItemProcessor`);
      this.graph(processor, `${path}.ItemProcessor`, key, innerOuter);
    }
    if (raw.Items !== undefined && !Array.isArray(raw.Items) && !isExpression(raw.Items)) {
      this.invalidAt(`${path}.Items`, 'Items must be an array or a {% %} expression');
    }
    return {
      ...common,
      type: 'Map',
      processor: key,
      ...optional('items', this.template(raw.Items, `${path}.Items`)),
      ...optional('itemSelector', this.template(raw.ItemSelector, `${path}.ItemSelector`)),
      maxConcurrency: this.numberOrExpression(raw.MaxConcurrency, `${path}.MaxConcurrency`, 0) ?? 0,
      retry: this.retry(raw.Retry, `${path}.Retry`),
      catch: this.catchers(raw.Catch, `${path}.Catch`, outerNames),
    };
  }
}

type CommonFields = { name: string; next?: string; output?: Json; assign?: JsonObject };

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Variable names assigned anywhere directly in one graph (states, choice rules, catchers). */
function assignedNames(states: Raw): Set<string> {
  const names = new Set<string>();
  const add = (assign: unknown) => {
    if (isObject(assign)) for (const name of Object.keys(assign)) names.add(name);
  };
  for (const state of Object.values(states)) {
    if (!isObject(state)) continue;
    add(state.Assign);
    for (const list of [state.Choices, state.Catch]) {
      if (Array.isArray(list)) for (const item of list) if (isObject(item)) add(item.Assign);
    }
  }
  return names;
}

/** Parses and validates a definition (object or JSON text). Throws on anything outside the subset. */
export function loadDefinition(definition: unknown): LoadedDefinition {
  let raw: unknown = definition;
  if (typeof definition === 'string') {
    try {
      raw = JSON.parse(definition);
    } catch (error) {
      throw new InvalidDefinitionError([{ path: '$', message: 'definition is not valid JSON' }], { cause: error });
    }
  }
  const checker = new Checker();
  if (!isObject(raw)) throw new InvalidDefinitionError([{ path: '$', message: 'definition must be a JSON object' }]);
  checker.fields(raw, ['StartAt', 'States', 'Comment', 'Version', 'QueryLanguage', 'TimeoutSeconds'], '$');
  if (raw.QueryLanguage !== 'JSONata') {
    checker.unsupportedAt('$.QueryLanguage', `top-level QueryLanguage must be JSONata (got ${String(raw.QueryLanguage ?? 'JSONPath (default)')})`);
  }
  const timeoutSeconds = checker.integer(raw.TimeoutSeconds, '$.TimeoutSeconds', 1);
  checker.graph(raw, '$', '', new Set());
  if (checker.unsupported.length > 0) throw new UnsupportedFeatureError([...checker.unsupported, ...checker.invalid]);
  if (checker.invalid.length > 0) throw new InvalidDefinitionError(checker.invalid);
  return {
    graphs: checker.graphs,
    functionNames: checker.functionNames,
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  };
}
