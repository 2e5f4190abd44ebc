import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createEngine, type Engine, type EngineOptions, type Invoker } from '../../infra/local/sfn';

/** dynalite ships no types; this is the part of its API the tests use. */
type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export const REGION = 'eu-north-1';
export const ACCOUNT = '123456789012';
export const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Test`;
export const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TestDynamo {
  client: DynamoDBClient;
  tableName: string;
  close(): Promise<void>;
}

/** In-process dynalite on a random 127.0.0.1 port with a pk/sk table, like the app's table. */
export async function startDynamo(): Promise<TestDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials });
  const tableName = 'beslutningsflyt-test';
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return {
    client,
    tableName,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One dynalite for the test file and one engine per test: `suite.engine = await startEngine(suite.dynamo, …)`;
 * the engine is stopped after each test.
 */
export function engineSuite(): { readonly dynamo: TestDynamo; engine: Engine | undefined } {
  let dynamo: TestDynamo | undefined;
  const suite = {
    get dynamo(): TestDynamo {
      if (!dynamo) throw new Error('engineSuite: dynalite is not started yet');
      return dynamo;
    },
    engine: undefined as Engine | undefined,
  };
  beforeAll(async () => {
    dynamo = await startDynamo();
  });
  afterAll(async () => {
    await dynamo?.close();
  });
  afterEach(async () => {
    await suite.engine?.stop();
    suite.engine = undefined;
  });
  return suite;
}

/** A JSONata definition with the given states (StartAt = first key). */
export function machine(states: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { QueryLanguage: 'JSONata', StartAt: Object.keys(states)[0], States: states, ...extra };
}

/** A Task state invoking a named test function (Payload defaults to the state input). */
export function lambdaTask(fn: string, fields: Record<string, unknown> = {}, payload: unknown = '{% $states.input %}'): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: fnArn(fn), Payload: payload },
    Output: '{% $states.result.Payload %}',
    ...fields,
  };
}

/** A waitForTaskToken Task passing {input, token} to the test function. */
export function tokenTask(fn: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Arguments: { FunctionName: fnArn(fn), Payload: { input: '{% $states.input %}', token: '{% $states.context.Task.Token %}' } },
    ...fields,
  };
}

/** Test functions by short name (→ fnArn(name)) or by full ARN. */
export type Functions = Record<string, Invoker>;

export async function startEngine(
  dynamo: TestDynamo,
  definition: unknown,
  functions: Functions,
  options: Partial<EngineOptions> = {},
): Promise<Engine> {
  const engine = createEngine({
    stateMachines: [{ stateMachineArn: MACHINE_ARN, definition }],
    invokers: new Map(Object.entries(functions).map(([name, invoker]) => [name.startsWith('arn:') ? name : fnArn(name), invoker])),
    dynamo: { client: dynamo.client, tableName: dynamo.tableName },
    pollIntervalMs: 20,
    ...options,
  });
  await engine.start();
  return engine;
}

/** Starts an execution and waits for its end. */
export async function run(engine: Engine, input: unknown, name?: string, timeoutMs = 10_000) {
  const { executionArn } = await engine.startExecution({ stateMachineArn: MACHINE_ARN, input: JSON.stringify(input), ...(name ? { name } : {}) });
  return engine.waitForExecution(executionArn, timeoutMs);
}

export const parsed = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

/** Collects task tokens handed to a waitForTaskToken function, for the test to complete. */
export class TokenBox {
  readonly received: Array<{ input: unknown; token: string }> = [];
  private waiters: Array<() => void> = [];

  readonly invoker: Invoker = async (payload) => {
    const { input, token } = payload as { input: unknown; token: string };
    this.received.push({ input, token });
    for (const wake of this.waiters.splice(0)) wake();
    return { accepted: true };
  };

  async next(count = this.received.length + 1, timeoutMs = 5000): Promise<{ input: unknown; token: string }> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} tokens, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.received[count - 1] as { input: unknown; token: string };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock running `factor` times faster than real time (timers still go through the scheduler). */
export function fastClock(factor: number): { now(): Date } {
  const origin = Date.now();
  return { now: () => new Date(origin + (Date.now() - origin) * factor) };
}

/** Waits until the execution's history has an event of the given type. */
export async function waitForEvent(engine: Engine, executionArn: string, type: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { events } = await engine.getExecutionHistory(executionArn, { maxResults: 1000 });
    if (events.some((e) => e.type === type)) return;
    if (Date.now() > deadline) throw new Error(`no ${type} event in ${timeoutMs} ms`);
    await sleep(20);
  }
}
