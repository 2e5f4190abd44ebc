import type { Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';

/** Every local service binds to loopback only: nothing is reachable from the network. */
export const LOCAL_HOST = '127.0.0.1';

export interface LocalPorts {
  /** HTTP API (the web form and JSON API). */
  http: number;
  /** MailDev web UI and REST API. */
  maildevWeb: number;
  /** MailDev SMTP server (the local SES endpoint delivers here). */
  maildevSmtp: number;
  dynamodb: number;
  sfn: number;
  ses: number;
}

/** Environment variable overriding each port. */
export const PORT_ENV: Readonly<Record<keyof LocalPorts, string>> = {
  http: 'PORT',
  maildevWeb: 'MAILDEV_PORT',
  maildevSmtp: 'MAILDEV_SMTP_PORT',
  dynamodb: 'DYNAMODB_PORT',
  sfn: 'SFN_PORT',
  ses: 'SES_PORT',
};

/**
 * Fixed defaults so URLs in emails stay stable across restarts. MailDev keeps its usual
 * ports; DynamoDB uses dynalite's default (4567) rather than 8000, which DynamoDB Local and
 * many dev servers already claim.
 */
export const DEFAULT_PORTS: Readonly<LocalPorts> = {
  http: 3000,
  maildevWeb: 1080,
  maildevSmtp: 1025,
  dynamodb: 4567,
  sfn: 8083,
  ses: 8084,
};

export class PortConfigError extends Error {
  override readonly name = 'PortConfigError';
}

/** Parses one port value; 0 means "any free port" (useful for tests). */
export function parsePort(name: string, raw: string): number {
  const text = raw.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65_535) {
    throw new PortConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return port;
}

/** Reads the ports from the environment, falling back to DEFAULT_PORTS. */
export function readPorts(env: NodeJS.ProcessEnv = process.env): LocalPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(PORT_ENV) as Array<keyof LocalPorts>) {
    const raw = env[PORT_ENV[key]];
    if (raw !== undefined && raw.trim() !== '') ports[key] = parsePort(PORT_ENV[key], raw);
  }
  const seen = new Map<number, string>();
  for (const key of Object.keys(ports) as Array<keyof LocalPorts>) {
    const port = ports[key];
    const other = seen.get(port);
    if (port !== 0 && other !== undefined) {
      throw new PortConfigError(`${PORT_ENV[key]} and ${other} both use port ${port}`);
    }
    seen.set(port, PORT_ENV[key]);
  }
  return ports;
}

/** Asks the OS for a free loopback port (for tests; a small race with other processes remains). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOCAL_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Starts listening on 127.0.0.1 and returns the bound port (0 → a free one). */
export function listenOnLoopback(server: NetServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Closes an HTTP server: requests in flight may finish for up to `graceMs`, then remaining
 * connections (e.g. SDK keep-alive sockets) are dropped so close cannot hang.
 */
export function closeServer(server: Server, graceMs = 2_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close((error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
