import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../functions/config';
import { ENV } from '../../shared/config/env';
import { ConfigError } from '../../shared/errors';

const FULL = {
  [ENV.tableName]: 'beslutningsflyt',
  [ENV.stateMachineArn]: 'arn:aws:states:eu-north-1:111111111111:stateMachine:case',
  [ENV.actionKeySecretArn]: 'arn:aws:secretsmanager:eu-north-1:111111111111:secret:key',
  [ENV.senderEmail]: 'noreply@dif.example.no',
  [ENV.publicBaseUrl]: 'https://sak.dif.example.no/',
};

describe('functions/config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  it('reads a complete environment, with defaults for the optional parts', () => {
    const result = loadConfig(FULL);
    expect(result).toEqual({
      ok: true,
      config: {
        tableName: 'beslutningsflyt',
        stateMachineArn: FULL[ENV.stateMachineArn],
        actionKeySecretArn: FULL[ENV.actionKeySecretArn],
        senderEmail: 'noreply@dif.example.no',
        publicBaseUrl: 'https://sak.dif.example.no',
        secondsPerDay: 86_400,
      },
    });
    const local = loadConfig({
      ...FULL,
      [ENV.secondsPerDay]: '2',
      [ENV.sesConfigurationSet]: 'cfg',
      [ENV.secretariatEmail]: 'sekretariat@dif.example.no',
    });
    expect(local.ok && local.config).toMatchObject({
      secondsPerDay: 2,
      sesConfigurationSet: 'cfg',
      secretariatEmail: 'sekretariat@dif.example.no',
    });
  });

  it('leaves out the grant-bound settings a function was not given; requiredSetting names what is missing', async () => {
    const { requiredSetting } = await import('../../functions/config');
    const result = loadConfig({ [ENV.tableName]: 't', [ENV.publicBaseUrl]: 'https://sak.dif.example.no' });
    expect(result.ok && result.config).toEqual({ tableName: 't', publicBaseUrl: 'https://sak.dif.example.no', secondsPerDay: 86_400 });
    const config = result.ok ? result.config : undefined;
    expect(() => requiredSetting(config?.stateMachineArn, ENV.stateMachineArn)).toThrow(
      new ConfigError('Missing environment variable: STATE_MACHINE_ARN'),
    );
    expect(requiredSetting('arn:x', ENV.stateMachineArn)).toBe('arn:x');
  });

  it('reads how the secretariat signs in, and refuses an incomplete or weak setting', () => {
    const cognito = loadConfig({
      ...FULL,
      [ENV.secretariatLogin]: 'cognito',
      [ENV.cognitoDomainUrl]: 'https://beslutningsflyt-1.auth.eu-north-1.amazoncognito.com/',
      [ENV.cognitoClientId]: 'abc123',
      [ENV.cognitoIssuer]: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_AbC',
    });
    expect(cognito.ok && cognito.config.secretariatSignIn).toEqual({
      kind: 'cognito',
      domainUrl: 'https://beslutningsflyt-1.auth.eu-north-1.amazoncognito.com',
      clientId: 'abc123',
      issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_AbC',
    });
    const incomplete = loadConfig({ ...FULL, [ENV.secretariatLogin]: 'cognito', [ENV.cognitoClientId]: 'abc123' });
    expect(!incomplete.ok && incomplete.error.message).toBe(
      'Missing or invalid environment variables: COGNITO_DOMAIN_URL, COGNITO_ISSUER',
    );
    const local = loadConfig({ ...FULL, [ENV.secretariatLogin]: 'local', [ENV.secretariatLocalPassword]: 'a-long-enough-password' });
    expect(local.ok && local.config.secretariatSignIn).toEqual({ kind: 'local', password: 'a-long-enough-password' });
    const weak = loadConfig({ ...FULL, [ENV.secretariatLogin]: 'local', [ENV.secretariatLocalPassword]: 'kort' });
    expect(!weak.ok && weak.error.message).toBe('Missing or invalid environment variables: SECRETARIAT_LOCAL_PASSWORD');
    expect(!weak.ok && weak.error.message).not.toContain('kort');
  });

  it('names missing and invalid variables, never their values', () => {
    const result = loadConfig({ ...FULL, [ENV.tableName]: undefined, [ENV.senderEmail]: 'kari-at-example', [ENV.secondsPerDay]: '0' });
    expect(result.ok).toBe(false);
    const error = !result.ok ? result.error : undefined;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe('Missing or invalid environment variables: SECONDS_PER_DAY, SENDER_EMAIL, TABLE_NAME');
    expect(error?.message).not.toContain('kari-at-example');
  });

  it('validates process.env once at load; config() returns it or throws the ConfigError', async () => {
    process.env = { ...saved, ...FULL };
    const loaded = await import('../../functions/config');
    process.env[ENV.tableName] = 'changed-after-cold-start';
    expect(loaded.config().tableName).toBe('beslutningsflyt');

    vi.resetModules();
    process.env = { ...saved, ...FULL };
    delete process.env[ENV.tableName];
    const broken = await import('../../functions/config');
    // A fresh module graph has its own ConfigError class: compare by name.
    expect(() => broken.config()).toThrow(expect.objectContaining({ name: 'ConfigError' }));
    expect(() => broken.config()).toThrow(/TABLE_NAME/);
  });
});
