import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal AWS JSON 1.0/1.1 service on 127.0.0.1: routes on X-Amz-Target ("Prefix.Operation")
 * and answers as AWS does, including errors ({ __type, message } with HTTP 400). Lets adapter
 * tests exercise the real SDK client, serialisation and error parsing without mocking modules.
 */
export type AwsReply = { ok: unknown } | { error: string; message: string; status?: number };
export type AwsHandler = (input: Record<string, unknown>) => AwsReply;

export interface RecordedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface AwsJsonServer {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAwsJsonServer(handlers: Record<string, AwsHandler>): Promise<AwsJsonServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.indexOf('.') + 1);
      const input = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      requests.push({ operation, input });
      const handler = handlers[operation];
      const reply: AwsReply = handler
        ? handler(input)
        : { error: 'UnknownOperationException', message: `No handler for ${operation}` };
      const contentType = String(req.headers['content-type'] ?? 'application/x-amz-json-1.0');
      if ('ok' in reply) {
        res.writeHead(200, { 'content-type': contentType });
        res.end(JSON.stringify(reply.ok));
      } else {
        res.writeHead(reply.status ?? 400, { 'content-type': contentType, 'x-amzn-errortype': reply.error });
        res.end(JSON.stringify({ __type: reply.error, message: reply.message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const TEST_CLIENT_CONFIG = {
  region: 'eu-north-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
} as const;
