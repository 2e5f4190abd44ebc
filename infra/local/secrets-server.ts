import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/**
 * A local Secrets Manager endpoint (AWS JSON 1.1, `GetSecretValue` only) for
 * AWS_ENDPOINT_URL_SECRETS_MANAGER. Every secret the app asks for gets a random 64-character
 * value on first use, persisted in `file` so action links keep working across restarts.
 */
export interface LocalSecrets {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startSecretsServer(options: { port: number; file: string | null }): Promise<LocalSecrets> {
  const values: Record<string, string> =
    options.file && existsSync(options.file) ? (JSON.parse(readFileSync(options.file, 'utf8')) as Record<string, string>) : {};
  const valueFor = (id: string): string => {
    let value = values[id];
    if (value === undefined) {
      value = randomBytes(48).toString('base64url');
      values[id] = value;
      if (options.file) {
        mkdirSync(dirname(options.file), { recursive: true });
        writeFileSync(options.file, JSON.stringify(values, null, 2), { mode: 0o600 });
      }
    }
    return value;
  };
  const server = createServer((request, response) => {
    void handle(request, response, valueFor);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, valueFor: (id: string) => string) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const target = request.headers['x-amz-target'];
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };
  if (target !== 'secretsmanager.GetSecretValue') {
    send(400, { __type: 'InvalidRequestException', message: `Unsupported operation ${String(target)}` });
    return;
  }
  let secretId: unknown;
  try {
    secretId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId?: unknown }).SecretId;
  } catch {
    secretId = undefined;
  }
  if (typeof secretId !== 'string' || secretId === '') {
    send(400, { __type: 'InvalidParameterException', message: 'SecretId is required' });
    return;
  }
  send(200, {
    ARN: secretId,
    Name: secretId.split(':').pop(),
    SecretString: valueFor(secretId),
    VersionId: 'local',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 0,
  });
}
