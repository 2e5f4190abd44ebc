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
  return typeof invokers === 'function' ? invokers : byFunctionName(invokers);
}

/** Lookup in a map keyed by ARN or function name, by exact key first, then by bare function name. */
export function byFunctionName<T>(entries: Map<string, T>): (functionName: string) => T | undefined {
  const byName = new Map<string, T>();
  for (const [key, value] of entries) {
    const name = functionNameOf(key);
    if (name) byName.set(name, value);
  }
  return (functionName) => {
    const exact = entries.get(functionName);
    if (exact !== undefined) return exact;
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
  /** The function's Timeout: getRemainingTimeInMillis counts down from it, and a call still running then fails. */
  timeoutMs: number;
}

/** What Lambda reports for an invocation that outlives the function's Timeout (Node.js managed runtimes). */
export const LAMBDA_TIMEOUT_ERROR = 'Sandbox.Timedout';

/** Lambda's default Timeout for a function that sets none (CloudFormation AWS::Lambda::Function). */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

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

const TIMED_OUT: unique symbol = Symbol('timed out');

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
  let timer: NodeJS.Timeout | undefined;
  try {
    const event = JSON.parse(JSON.stringify(payload)) as unknown;
    // Lambda freezes a timed-out sandbox; an in-process handler cannot be stopped, so it keeps
    // running and its late result (or error) is dropped: the outcome is decided at the deadline.
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), settings.timeoutMs);
    });
    const result = await Promise.race([invoker(event, lambdaContext(functionName, requestId, settings)), timedOut]);
    if (result === TIMED_OUT) {
      const seconds = (settings.timeoutMs / 1000).toFixed(2);
      const body = { errorType: LAMBDA_TIMEOUT_ERROR, errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
      return { ok: false, error: LAMBDA_TIMEOUT_ERROR, cause: JSON.stringify(body), requestId };
    }
    const text = JSON.stringify(result);
    return { ok: true, payload: text === undefined ? null : (JSON.parse(text) as Json), requestId };
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : undefined;
    const errorType = error ? error.name || 'Error' : 'Error';
    const body: Record<string, unknown> = { errorType, errorMessage: error ? error.message : String(thrown) };
    if (error?.stack) body.trace = error.stack.split('\n');
    return { ok: false, error: errorType, cause: JSON.stringify(body), requestId };
  } finally {
    clearTimeout(timer);
  }
}

/** A failure of the Lambda service itself (the function never ran): the Step Functions error name and HTTP status. */
export interface LambdaServiceFault {
  error: string;
  status: number;
  message: string;
}

/** Throttling first (the most common), then an internal error: both in the workflow's LAMBDA_RETRY. */
export const LAMBDA_FAULTS: readonly [LambdaServiceFault, ...LambdaServiceFault[]] = [
  { error: 'Lambda.TooManyRequestsException', status: 429, message: 'Rate Exceeded.' },
  { error: 'Lambda.ServiceException', status: 500, message: 'Internal server error.' },
];

/** The task failure Step Functions reports when the Invoke call itself fails, handler not run. */
export function lambdaServiceFailure(fault: LambdaServiceFault): InvocationOutcome {
  const requestId = randomUUID();
  const code = fault.error.slice('Lambda.'.length);
  const cause = `${fault.message} (Service: Lambda, Status Code: ${fault.status}, Error Code: ${code}, Request ID: ${requestId}) (injected locally)`;
  return { ok: false, error: fault.error, cause, requestId };
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
