import { ENV } from '../../shared/config/env';
import { requiredSetting } from '../config';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../shared/errors';
import { MIN_ACTION_KEY_LENGTH, type SecretsPort } from '../../shared/ports/secrets';

/**
 * Secrets Manager, one GetSecretValue per container: the promise is cached so concurrent first
 * callers share one request, and dropped on failure so the next call retries. The secret is a
 * plain SecretString (CDK Secret with generateSecretString, no template); rotating it takes
 * effect as containers are recycled.
 */
export class SecretsManagerSecrets implements SecretsPort {
  private actionKey: Promise<string> | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly actionKeySecretArn: string | undefined,
  ) {}

  getActionKey(): Promise<string> {
    this.actionKey ??= this.fetchActionKey().catch((error: unknown) => {
      this.actionKey = undefined;
      throw error;
    });
    return this.actionKey;
  }

  private async fetchActionKey(): Promise<string> {
    const out = await this.client.send(new GetSecretValueCommand({ SecretId: requiredSetting(this.actionKeySecretArn, ENV.actionKeySecretArn) }));
    const key = out.SecretString;
    if (key === undefined || key.length < MIN_ACTION_KEY_LENGTH) {
      // Never include the value: only that it is unusable.
      throw new ConfigError(`Action key secret must be a string of at least ${MIN_ACTION_KEY_LENGTH} characters`);
    }
    return key;
  }
}
