import type { SecretsPort } from '../../../shared/ports/secrets';

export const FAKE_ACTION_KEY = 'test-action-key-0123456789abcdef0123456789';

export class FakeSecrets implements SecretsPort {
  calls = 0;
  constructor(private readonly key = FAKE_ACTION_KEY) {}

  async getActionKey(): Promise<string> {
    this.calls += 1;
    return this.key;
  }
}
