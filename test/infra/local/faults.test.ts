import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readCloudAssembly } from '../../../infra/local/cloud-assembly';
import { LOCAL_CREDENTIALS, type LocalDynamoDb, startDynamoDb, tableDefinitions } from '../../../infra/local/dynamodb';
import {
  createFaultInjector,
  FAULT_SEED_ENV,
  FAULTS_ENV,
  FaultConfigError,
  type FaultService,
  mulberry32,
  parseFaultShares,
  readFaultSettings,
} from '../../../infra/local/faults';
import { type LocalMailDev, startMailDev } from '../../../infra/local/maildev';
import { type LocalSesServer, startSesServer } from '../../../infra/local/ses-server';

const only = (service: FaultService, share: number, seed = 7) =>
  createFaultInjector({ shares: { dynamodb: 0, ses: 0, lambda: 0, [service]: share }, seed });

describe('parseFaultShares', () => {
  it('reads service=share pairs; services not named never fail', () => {
    expect(parseFaultShares('dynamodb=0.2,ses=0.2,lambda=0.05')).toEqual({ dynamodb: 0.2, ses: 0.2, lambda: 0.05 });
    expect(parseFaultShares(' ses = 1 ')).toEqual({ dynamodb: 0, ses: 1, lambda: 0 });
    expect(parseFaultShares('dynamodb=0,lambda=.5')).toEqual({ dynamodb: 0, ses: 0, lambda: 0.5 });
    expect(parseFaultShares(undefined)).toEqual({ dynamodb: 0, ses: 0, lambda: 0 });
    expect(parseFaultShares('')).toEqual({ dynamodb: 0, ses: 0, lambda: 0 });
  });

  it.each([
    ['s3=0.1', /unknown service "s3" \(known: dynamodb, ses, lambda\)/],
    ['dynamodb=1.5', /dynamodb=1\.5: the share must be from 0 to 1/],
    ['ses=-0.1', /ses=-0\.1: the share must be a number from 0 to 1/],
    ['lambda=lots', /lambda=lots: the share must be a number/],
    ['dynamodb', /"dynamodb" is not service=share/],
    ['ses=0.1,ses=0.2', /ses is given twice/],
    ['dynamodb=0.1,', /"" is not service=share/],
  ])('refuses %s with a clear error', (raw, message) => {
    expect(() => parseFaultShares(raw)).toThrow(FaultConfigError);
    expect(() => parseFaultShares(raw)).toThrow(message);
    expect(() => parseFaultShares(raw)).toThrow(FAULTS_ENV);
  });
});

describe('readFaultSettings', () => {
  it('takes the seed from BESLUTNINGSFLYT_FAULT_SEED, else a random one', () => {
    expect(readFaultSettings({ [FAULTS_ENV]: 'ses=0.5', [FAULT_SEED_ENV]: '42' })).toEqual({
      shares: { dynamodb: 0, ses: 0.5, lambda: 0 },
      seed: 42,
    });
    const { seed } = readFaultSettings({});
    expect(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffff_ffff).toBe(true);
  });

  it.each(['-1', 'abc', '1.5', '4294967296'])('refuses the seed %s', (seed) => {
    expect(() => readFaultSettings({ [FAULT_SEED_ENV]: seed })).toThrow(FaultConfigError);
    expect(() => readFaultSettings({ [FAULT_SEED_ENV]: seed })).toThrow(FAULT_SEED_ENV);
  });
});

describe('mulberry32 and the injector', () => {
  it('gives the same sequence for the same seed, another for another seed, all in [0, 1)', () => {
    const draw = (seed: number) => {
      const next = mulberry32(seed);
      return Array.from({ length: 1000 }, () => next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((value) => value >= 0 && value < 1)).toBe(true);
    // Roughly uniform: the mean of 1000 draws is near 0.5.
    const mean = draw(1).reduce((sum, value) => sum + value, 0) / 1000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('repeats the fault sequence for a seed, per service whatever the interleaving', () => {
    const shares = { dynamodb: 0.3, ses: 0.3, lambda: 0.3 };
    const kinds = ['throttle', 'internal'] as const;
    const first = createFaultInjector({ shares, seed: 9 });
    const second = createFaultInjector({ shares, seed: 9 });
    const alone = Array.from({ length: 200 }, () => first.pick('ses', kinds));
    const interleaved = Array.from({ length: 200 }, () => {
      second.pick('dynamodb', kinds);
      return second.pick('ses', kinds);
    });
    expect(interleaved).toEqual(alone);
    const failed = alone.filter((kind) => kind !== undefined).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    expect(new Set(alone)).toEqual(new Set([undefined, 'throttle', 'internal']));
  });

  it('never fails at share 0 and always at share 1', () => {
    const never = only('lambda', 0);
    const always = only('lambda', 1);
    for (let i = 0; i < 500; i += 1) {
      expect(never.pick('lambda', ['x'])).toBeUndefined();
      expect(always.pick('lambda', ['x'])).toBe('x');
    }
    expect(never.injected).toEqual({ dynamodb: 0, ses: 0, lambda: 0 });
    expect(always.injected).toEqual({ dynamodb: 0, ses: 0, lambda: 500 });
  });
});

describe('faults at the local DynamoDB endpoint', () => {
  const tables = tableDefinitions(readCloudAssembly(join(import.meta.dirname, 'fixtures', 'assembly')));
  let db: LocalDynamoDb | undefined;
  const clients: DynamoDBClient[] = [];
  const client = (endpoint: string) => {
    // One attempt: the test sees what the endpoint answered, not the SDK's retry of it.
    const created = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    clients.push(created);
    return created;
  };
  afterEach(async () => {
    for (const created of clients.splice(0)) created.destroy();
    await db?.close();
    db = undefined;
  });
  const get = (c: DynamoDBClient, id: string) =>
    c.send(new GetItemCommand({ TableName: 'fixture-audit', Key: { id: { S: id } } }));

  it('with dynamodb=1 every data call fails as DynamoDB does, and nothing is written', async () => {
    db = await startDynamoDb({ tables, port: 0, dataDir: null, faults: only('dynamodb', 1) });
    const faulty = client(db.endpoint);
    await expect(get(faulty, 'a')).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
      $fault: 'client',
    });
    const names = new Set<string>();
    for (let i = 0; i < 30; i += 1) {
      const error = await faulty.send(new PutItemCommand({ TableName: 'fixture-audit', Item: { id: { S: `w${i}` } } })).then(
        () => undefined,
        (thrown: Error & { $metadata?: { httpStatusCode?: number } }) => `${thrown.name}/${thrown.$metadata?.httpStatusCode}`,
      );
      expect(error).toMatch(/^(ProvisionedThroughputExceededException\/400|InternalServerError\/500)$/);
      names.add(error!);
    }
    expect(names.size).toBe(2);
    // The control plane never fails, and the rejected writes left nothing behind.
    await expect(faulty.send(new DescribeTableCommand({ TableName: 'fixture-audit' }))).resolves.toBeDefined();
    const direct = client(db.internalEndpoint);
    for (let i = 0; i < 30; i += 1) expect((await get(direct, `w${i}`)).Item).toBeUndefined();
  });

  it('with dynamodb=0 calls never fail', async () => {
    db = await startDynamoDb({ tables, port: 0, dataDir: null, faults: only('dynamodb', 0) });
    const c = client(db.endpoint);
    for (let i = 0; i < 50; i += 1) {
      await c.send(new PutItemCommand({ TableName: 'fixture-audit', Item: { id: { S: `k${i}` } } }));
      expect((await get(c, `k${i}`)).Item).toEqual({ id: { S: `k${i}` } });
    }
  });
});

describe('faults at the local SES endpoint', () => {
  let maildev: LocalMailDev | undefined;
  let ses: LocalSesServer | undefined;
  const mailDirectory = mkdtempSync(join(tmpdir(), 'beslutningsflyt-faults-mail-'));
  afterAll(async () => {
    await ses?.close();
    await maildev?.close();
    rmSync(mailDirectory, { recursive: true, force: true });
  });

  it('with ses=1 the SES client sees TooManyRequestsException and nothing is delivered', async () => {
    maildev = await startMailDev({ smtpPort: 0, webPort: 0, mailDirectory });
    const sent: string[] = [];
    ses = await startSesServer({
      port: 0,
      smtpPort: maildev.smtpPort,
      // Seed 1: the first injected fault is the throttle, the most common kind.
      faults: only('ses', 1, 1),
      onSent: ({ messageId }) => sent.push(messageId),
    });
    const client = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    const send = () =>
      client.send(
        new SendEmailCommand({
          FromEmailAddress: 'noreply@dif.example',
          Destination: { ToAddresses: ['styret@dif.example'] },
          Content: { Simple: { Subject: { Data: 'Sak' }, Body: { Text: { Data: 'Hei' } } } },
        }),
      );
    try {
      await expect(send()).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      const names = new Set<string>();
      for (let i = 0; i < 20; i += 1) {
        names.add(await send().then(() => 'sent', (error: Error) => error.name));
      }
      expect(names).toEqual(new Set(['TooManyRequestsException', 'InternalFailure']));
      expect(sent).toEqual([]);
      expect(await maildev.client.listEmails()).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
