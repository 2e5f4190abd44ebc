/**
 * A proxy in front of dynalite that fails a share of the data-plane calls the way DynamoDB does
 * when it throttles or has a bad moment, so the AWS SDK sees the real error names and its own
 * retry logic runs. A failed call is answered without being forwarded: nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { FaultInjector } from './faults';
import { closeServer, LOCAL_HOST, listenOnLoopback } from './ports';

/** The operations DynamoDB can throttle (the control plane, e.g. CreateTable at start, never fails). */
const DATA_PLANE = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

interface DynamoDbFault {
  status: number;
  type: string;
  message: string;
}

/** DynamoDB's own answers (HTTP status, `__type`, message) for throttling and an internal error. */
export const DYNAMODB_FAULTS: readonly [DynamoDbFault, ...DynamoDbFault[]] = [
  {
    status: 400,
    type: 'ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API. (injected locally)',
  },
  { status: 500, type: 'InternalServerError', message: 'Internal server error (injected locally)' },
];

export interface DynamoDbFaultProxy {
  port: number;
  close(): Promise<void>;
}

export async function startDynamoDbFaultProxy(options: {
  port: number;
  targetPort: number;
  faults: FaultInjector;
}): Promise<DynamoDbFaultProxy> {
  const server: Server = createServer((request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    const fault = DATA_PLANE.has(operation) ? options.faults.pick('dynamodb', DYNAMODB_FAULTS) : undefined;
    if (fault !== undefined) {
      // Read the request to its end first, so the client's keep-alive connection stays usable.
      request.resume();
      request.once('end', () => sendFault(response, fault));
      return;
    }
    const upstream = httpRequest(
      { host: LOCAL_HOST, port: options.targetPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.once('error', (error) => response.destroy(error));
    request.pipe(upstream);
  });
  const port = await listenOnLoopback(server, options.port);
  return { port, close: () => closeServer(server) };
}

function sendFault(response: ServerResponse, fault: DynamoDbFault): void {
  response.writeHead(fault.status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
  });
  response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`, message: fault.message }));
}
