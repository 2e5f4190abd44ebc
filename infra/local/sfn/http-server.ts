import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from './engine';
import { SfnApiError } from './errors';
import type { ExecutionStatus } from './records';

/**
 * The Step Functions JSON API (AWS JSON 1.0: POST /, X-Amz-Target: AWSStepFunctions.<Action>)
 * for @aws-sdk/client-sfn pointed here via `endpoint` or AWS_ENDPOINT_URL_SFN. Signatures are
 * not checked (local only). Timestamps are epoch seconds, errors `{ __type, message }`.
 */
export interface SfnServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Handler = (engine: Engine, body: Body) => Promise<unknown>;

const MAX_BODY = 1024 * 1024;

function str(body: Body, key: string, required: true): string;
function str(body: Body, key: string, required?: false): string | undefined;
function str(body: Body, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw new SfnApiError('ValidationException', `1 validation error detected: '${key}' must not be null`);
    return undefined;
  }
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `'${key}' must be a string`);
  return value;
}

function num(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new SfnApiError('ValidationException', `'${key}' must be a non-negative integer`);
  return value;
}

const STATUSES = new Set<ExecutionStatus>(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

const handlers: Record<string, Handler> = {
  StartExecution: (engine, body) =>
    engine.startExecution({
      stateMachineArn: str(body, 'stateMachineArn', true),
      ...(str(body, 'name') !== undefined ? { name: str(body, 'name') as string } : {}),
      ...(str(body, 'input') !== undefined ? { input: str(body, 'input') as string } : {}),
    }),
  DescribeExecution: async (engine, body) => {
    const description = await engine.describeExecution(str(body, 'executionArn', true));
    return { ...description, inputDetails: { included: true }, ...(description.output !== undefined ? { outputDetails: { included: true } } : {}), redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' };
  },
  GetExecutionHistory: async (engine, body) => {
    const result = await engine.getExecutionHistory(str(body, 'executionArn', true), {
      ...(num(body, 'maxResults') !== undefined ? { maxResults: num(body, 'maxResults') as number } : {}),
      ...(str(body, 'nextToken') !== undefined ? { nextToken: str(body, 'nextToken') as string } : {}),
      reverseOrder: body.reverseOrder === true,
    });
    return result;
  },
  ListExecutions: (engine, body) => {
    const statusFilter = str(body, 'statusFilter');
    if (statusFilter !== undefined && !STATUSES.has(statusFilter as ExecutionStatus)) {
      throw new SfnApiError('ValidationException', `Invalid statusFilter '${statusFilter}'`);
    }
    return engine.listExecutions({
      stateMachineArn: str(body, 'stateMachineArn', true),
      ...(statusFilter !== undefined ? { statusFilter: statusFilter as ExecutionStatus } : {}),
      ...(num(body, 'maxResults') !== undefined ? { maxResults: num(body, 'maxResults') as number } : {}),
      ...(str(body, 'nextToken') !== undefined ? { nextToken: str(body, 'nextToken') as string } : {}),
    });
  },
  SendTaskSuccess: async (engine, body) => {
    await engine.sendTaskSuccess(str(body, 'taskToken', true), str(body, 'output', true));
    return {};
  },
  SendTaskFailure: async (engine, body) => {
    await engine.sendTaskFailure(str(body, 'taskToken', true), str(body, 'error'), str(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat: async (engine, body) => {
    await engine.sendTaskHeartbeat(str(body, 'taskToken', true));
    return {};
  },
  StopExecution: (engine, body) => engine.stopExecution(str(body, 'executionArn', true), str(body, 'error'), str(body, 'cause')),
};

/** Dates become epoch seconds, as the JSON 1.0 protocol serializes timestamps. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new SfnApiError('ValidationException', 'Request body too large', 413));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}

async function handle(engine: Engine, request: IncomingMessage, response: ServerResponse, onError: (error: unknown) => void): Promise<void> {
  try {
    const target = request.headers['x-amz-target'];
    const action = typeof target === 'string' && target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : undefined;
    if (request.method !== 'POST' || !action) throw new SfnApiError('UnknownOperationException', 'Expected POST with X-Amz-Target: AWSStepFunctions.<Action>');
    const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) throw new SfnApiError('UnknownOperationException', `Operation ${action} is not supported by the local engine`);
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new SfnApiError('SerializationException', 'Request body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SfnApiError('SerializationException', 'Request body must be a JSON object');
    send(response, 200, toWire(await handler(engine, body as Body)));
  } catch (error) {
    if (error instanceof SfnApiError) {
      send(response, error.status, { __type: error.code, message: error.message }, error.code);
      return;
    }
    onError(error);
    send(response, 500, { __type: 'InternalFailure', message: 'Internal error in the local Step Functions engine' }, 'InternalFailure');
  }
}

/** Serves the engine on 127.0.0.1 (port 0 = any free port). */
export async function startSfnServer(
  engine: Engine,
  options: { port?: number; host?: string; onError?: (error: unknown) => void } = {},
): Promise<SfnServer> {
  const onError = options.onError ?? ((error: unknown) => console.error('[sfn-local] request failed', error));
  const server = createServer((request, response) => {
    void handle(engine, request, response, onError);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
