import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { STATES_ERRORS, StatesError } from './errors';
import type { Json, JsonObject } from './types';

/**
 * JSONata in Step Functions: a string that is exactly `{% expr %}` is an expression; any other
 * string is a literal. Objects and arrays are walked, so templates may nest expressions.
 */
const EXPRESSION = /^\{%([\s\S]*)%\}$/;

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

function bodyOf(value: string): string {
  return (EXPRESSION.exec(value)?.[1] ?? '').trim();
}

const compiled = new Map<string, jsonata.Expression>();

/** Parses (and caches) an expression body; throws jsonata's error on bad syntax. */
function compile(body: string): jsonata.Expression {
  let expression = compiled.get(body);
  if (!expression) {
    expression = jsonata(body);
    compiled.set(body, expression);
  }
  return expression;
}

/** Every `{% %}` string inside a template, with its path, for validation at load. */
export function findExpressions(template: unknown, path: string): Array<{ path: string; source: string }> {
  if (isExpression(template)) return [{ path, source: template }];
  if (Array.isArray(template)) return template.flatMap((item, i) => findExpressions(item, `${path}[${i}]`));
  if (template !== null && typeof template === 'object') {
    return Object.entries(template).flatMap(([key, value]) => findExpressions(value, `${path}.${key}`));
  }
  return [];
}

/** Returns an error message when the expression does not parse. */
export function checkSyntax(source: string): string | undefined {
  try {
    compile(bodyOf(source));
    return undefined;
  } catch (error) {
    return `JSONata syntax error in ${source}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** What `$states` holds while a field is evaluated. */
export interface StatesBinding {
  input: Json;
  result?: Json;
  errorOutput?: Json;
  context: JsonObject;
}

export interface EvalScope {
  states: StatesBinding;
  /** Variables visible to the state (outer scopes merged under the state's own scope). */
  variables: JsonObject;
}

/** The functions Step Functions adds to JSONata (see "JSONata functions provided by Step Functions"). */
const awsFunctions = {
  partition: (array: unknown, size: unknown): unknown[][] => {
    if (!Array.isArray(array) || typeof size !== 'number' || size < 1) {
      throw new Error('$partition expects an array and a positive chunk size');
    }
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step: number): number[] => {
    if (step === 0) throw new Error('$range step must not be 0');
    const out: number[] = [];
    for (let n = start; step > 0 ? n <= end : n >= end; n += step) out.push(n);
    return out;
  },
  hash: (data: unknown, algorithm: unknown): string => {
    const names: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const name = typeof algorithm === 'string' ? names[algorithm] : undefined;
    if (!name || typeof data !== 'string') throw new Error('$hash expects a string and one of MD5, SHA-1, SHA-256, SHA-384, SHA-512');
    return createHash(name).update(data).digest('hex');
  },
  random: (): number => Math.random(),
  uuid: (): string => randomUUID(),
  parse: (text: unknown): unknown => {
    if (typeof text !== 'string') throw new Error('$parse expects a string');
    return JSON.parse(text);
  },
};

function queryError(field: string, message: string): StatesError {
  return new StatesError(STATES_ERRORS.queryEvaluationError, `The JSONata expression specified for the field '${field}' ${message}`);
}

/** Evaluates one `{% %}` string; the result must be JSON (undefined is an error, as in AWS). */
async function evaluateExpression(source: string, scope: EvalScope, field: string): Promise<Json> {
  let value: unknown;
  try {
    const bindings = { ...awsFunctions, ...scope.variables, states: scope.states };
    value = await compile(bodyOf(source)).evaluate(undefined, bindings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw queryError(field, `threw an error: ${message}`);
  }
  if (value === undefined) throw queryError(field, 'returned nothing (undefined).');
  if (typeof value === 'function') throw queryError(field, 'returned a function, which is not JSON.');
  if (typeof value === 'number' && !Number.isFinite(value)) throw queryError(field, 'returned a non-finite number.');
  // JSON round trip: drops jsonata's sequence markers and never shares references with inputs.
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Evaluates a template field: nested objects/arrays are walked, `{% %}` strings evaluated. */
export async function evaluateTemplate(template: Json, scope: EvalScope, field: string): Promise<Json> {
  if (typeof template === 'string') return isExpression(template) ? evaluateExpression(template, scope, field) : template;
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const [i, item] of template.entries()) out.push(await evaluateTemplate(item, scope, `${field}[${i}]`));
    return out;
  }
  if (template !== null && typeof template === 'object') {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(template)) out[key] = await evaluateTemplate(value, scope, `${field}/${key}`);
    return out;
  }
  return template;
}

/** Evaluates `Assign`: every value sees the variables as they were on state entry. */
export async function evaluateAssign(assign: JsonObject, scope: EvalScope, field = 'Assign'): Promise<JsonObject> {
  const out: JsonObject = {};
  for (const [name, template] of Object.entries(assign)) out[name] = await evaluateTemplate(template, scope, `${field}/${name}`);
  return out;
}
