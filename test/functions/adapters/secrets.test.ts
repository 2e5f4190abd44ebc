import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerSecrets } from '../../../functions/adapters/secrets';
import { ConfigError } from '../../../shared/errors';
import { type AwsJsonServer, type AwsReply, startAwsJsonServer, TEST_CLIENT_CONFIG } from '../../support/aws-json-server';

const ARN = 'arn:aws:secretsmanager:eu-north-1:111111111111:secret:action-key-AbCdEf';
const KEY = 'k'.repeat(48);

describe('SecretsManagerSecrets', () => {
  let server: AwsJsonServer;
  let replies: AwsReply[];
  let secrets: SecretsManagerSecrets;

  beforeEach(async () => {
    replies = [];
    server = await startAwsJsonServer({
      GetSecretValue: () => replies.shift() ?? { ok: { ARN, SecretString: KEY } },
    });
    const client = new SecretsManagerClient({ ...TEST_CLIENT_CONFIG, endpoint: server.endpoint });
    secrets = new SecretsManagerSecrets(client, ARN);
  });
  afterEach(async () => server.close());

  it('fetches the key once per container, even for concurrent first callers', async () => {
    const keys = await Promise.all([secrets.getActionKey(), secrets.getActionKey()]);
    expect(keys).toEqual([KEY, KEY]);
    expect(await secrets.getActionKey()).toBe(KEY);
    expect(server.requests).toEqual([{ operation: 'GetSecretValue', input: { SecretId: ARN } }]);
  });

  it('does not cache a failure: the next call asks again', async () => {
    replies.push({ error: 'InternalServiceError', message: 'try again', status: 500 });
    await expect(secrets.getActionKey()).rejects.toMatchObject({ name: 'InternalServiceError' });
    expect(await secrets.getActionKey()).toBe(KEY);
    expect(server.requests).toHaveLength(2);
  });

  it('rejects a key too short to be safe, without revealing it', async () => {
    replies.push({ ok: { ARN, SecretString: 'short-secret-value' } });
    const error = await secrets.getActionKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('short-secret-value');
  });
});
