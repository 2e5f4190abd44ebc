import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Json } from './types';

/** A Lambda function as the engine sees it: the handler, called with a Lambda-like context. */
export type Invoker = (payload: unknown, context: Context) => Promise<unknown>;
/** Maps a FunctionName (name, full/partial ARN, optionally qualified) to its invoker. */
export type InvokerResolver = (functionName: string) => Invoker | undefined;

const ARN = /^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/;
const PARTIAL_ARN = /^\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/;
const NAME = /^([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/;

/** The bare function name of any accepted FunctionName form (Lambda's own rules). */
export function functionNameOf(value: string): string | undefined {
  return (ARN.exec(value) ?? PARTIAL_ARN.exec(value) ?? NAME.exec(value))?.[1];
}

/**
 * Builds a resolver from a map keyed by ARN or function name. A lookup tries the exact key first,
 * then the bare function name (so a qualified ARN or a plain name finds an ARN-keyed entry).
 */
export function createInvokerResolver(invokers: Map<string, Invoker> | InvokerResolver): InvokerResolver {
  if (typeof invokers === 'function') return invokers;
  const byName = new Map<string, Invoker>();
  for (const [key, invoker] of invokers) {
    const name = functionNameOf(key);
    if (name) byName.set(name, invoker);
  }
  return (functionName) => {
    const exact = invokers.get(functionName);
    if (exact) return exact;
    const name = functionNameOf(functionName);
    return name ? byName.get(name) : undefined;
  };
}

export type InvocationOutcome =
  | { ok: true; payload: Json; requestId: string }
  | { ok: false; error: string; cause: string; requestId: string };

export interface InvocationSettings {
  region: string;
  accountId: string;
  /** What getRemainingTimeInMillis counts down from (the engine does not kill slow handlers). */
  timeoutMs: number;
}

function lambdaContext(functionName: string, requestId: string, settings: InvocationSettings): Context {
  const name = functionNameOf(functionName) ?? functionName;
  const deadline = Date.now() + settings.timeoutMs;
  const arn = ARN.test(functionName) ? functionName : `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Invokes like Lambda's RequestResponse: payload and result cross a JSON boundary; a thrown error
 * becomes the function error the Node.js runtime reports, {errorType: error.name, errorMessage,
 * trace}. Step Functions' lambda:invoke integration then fails the task with error = errorType and
 * cause = that JSON text.
 */
export async function invokeFunction(
  invoker: Invoker,
  functionName: string,
  payload: Json,
  settings: InvocationSettings,
): Promise<InvocationOutcome> {
  const requestId = randomUUID();
  try {
    const event = JSON.parse(JSON.stringify(payload)) as unknown;
    const result = await invoker(event, lambdaContext(functionName, requestId, settings));
    const text = JSON.stringify(result);
    return { ok: true, payload: text === undefined ? null : (JSON.parse(text) as Json), requestId };
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : undefined;
    const errorType = error ? error.name || 'Error' : 'Error';
    const body: Record<string, unknown> = { errorType, errorMessage: error ? error.message : String(thrown) };
    if (error?.stack) body.trace = error.stack.split('\n');
    return { ok: false, error: errorType, cause: JSON.stringify(body), requestId };
  }
}

/** The lambda:invoke integration's result object ($states.result). */
export function invokeResult(payload: Json, requestId: string): Json {
  const headers = { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
