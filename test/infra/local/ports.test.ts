import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, freePort, LOCAL_HOST, PortConfigError, readPorts } from '../../../infra/local/ports';
import { readSecondsPerDay, TimeConfigError, timeEnvironment } from '../../../infra/local/time';

describe('readPorts', () => {
  it('uses the fixed defaults when nothing is set', () => {
    expect(readPorts({})).toEqual(DEFAULT_PORTS);
  });

  it('takes each port from its environment variable', () => {
    const ports = readPorts({ PORT: '4000', MAILDEV_PORT: '4001', MAILDEV_SMTP_PORT: '4002', DYNAMODB_PORT: '4003', SFN_PORT: '4004', SES_PORT: '4005' });
    expect(ports).toEqual({ http: 4000, maildevWeb: 4001, maildevSmtp: 4002, dynamodb: 4003, sfn: 4004, ses: 4005 });
  });

  it('rejects malformed, out-of-range and clashing ports', () => {
    expect(() => readPorts({ PORT: 'abc' })).toThrow(PortConfigError);
    expect(() => readPorts({ PORT: '70000' })).toThrow(/PORT must be a port number/);
    expect(() => readPorts({ PORT: '-1' })).toThrow(PortConfigError);
    expect(() => readPorts({ SES_PORT: '1080' })).toThrow(/SES_PORT and MAILDEV_PORT both use port 1080/);
  });

  it('allows several services to ask for "any free port" (0)', () => {
    expect(readPorts({ PORT: '0', SES_PORT: '0' })).toMatchObject({ http: 0, ses: 0 });
  });
});

describe('freePort', () => {
  it('returns a port that can be bound on loopback', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOCAL_HOST, resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});

describe('time switch', () => {
  it('defaults to real days and accepts a compressed day', () => {
    expect(readSecondsPerDay({})).toBe(86_400);
    expect(readSecondsPerDay({ BESLUTNINGSFLYT_SECONDS_PER_DAY: '2' })).toBe(2);
    expect(timeEnvironment({ BESLUTNINGSFLYT_SECONDS_PER_DAY: '5' })).toEqual({ SECONDS_PER_DAY: '5' });
  });

  it('rejects values that are not whole positive seconds', () => {
    for (const value of ['0', '1.5', 'fast', '-3', '86401']) {
      expect(() => readSecondsPerDay({ BESLUTNINGSFLYT_SECONDS_PER_DAY: value })).toThrow(TimeConfigError);
    }
  });
});
