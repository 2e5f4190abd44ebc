/**
 * The local runtime as its own process, for tests that must kill it (restart mid-case):
 * handlers read their configuration once per process, so a second runtime needs a new one.
 * Usage: tsx test/support/runtime-process.ts '<json RuntimeProcessConfig>'
 * Prints one line `READY <json RuntimeReady>` once every service listens; SIGTERM closes it cleanly.
 */
import { pathToFileURL } from 'node:url';
import type { LocalPorts } from '../../infra/local/ports';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';

export type RuntimePorts = LocalPorts & { secrets: number };

export interface RuntimeProcessConfig {
  ports: RuntimePorts;
  stateDir: string;
  secondsPerDay: number;
  pollIntervalMs?: number;
}

/** What a test needs of a running runtime (the script prints it once every service listens). */
export interface RuntimeReady {
  app: string;
  maildev: string;
  /** The local secretariat login's password (infra/local/runtime.ts). */
  secretariatPassword: string;
  /** The local Step Functions endpoint and the case workflow's ARN. */
  sfn: string;
  stateMachineArn: string;
}

export function readyOf(runtime: LocalRuntime): RuntimeReady {
  return {
    app: runtime.urls.app,
    maildev: runtime.urls.maildev,
    secretariatPassword: runtime.secretariatPassword,
    sfn: runtime.urls.sfn,
    stateMachineArn: runtime.stateMachineArn,
  };
}

/** First line the script prints on stdout once every service listens, followed by RuntimeReady as JSON. */
export const READY_PREFIX = 'READY ';

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('Missing the configuration argument');
  const config = JSON.parse(raw) as RuntimeProcessConfig;
  const runtime = await startLocalRuntime({
    ports: config.ports,
    stateDir: config.stateDir,
    secondsPerDay: config.secondsPerDay,
    ...(config.pollIntervalMs === undefined ? {} : { pollIntervalMs: config.pollIntervalMs }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(readyOf(runtime))}\n`);
  const stop = () => {
    runtime.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Only when run as a script: the tests import the types and the prefix from here.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
