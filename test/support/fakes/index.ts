import { HmacTokenHasher } from '../../../functions/adapters/crypto';
import { FakeCaseRepository } from './fake-case-repository';
import { FakeClock } from './fake-clock';
import { FakeIdempotencyStore } from './fake-idempotency-store';
import { FakeIds } from './fake-ids';
import { FakeMailer } from './fake-mailer';
import { FakeSecrets } from './fake-secrets';
import { FakeSessionRevocations } from './fake-session-revocations';
import { FakeStepRepository } from './fake-step-repository';
import { FakeTokenRepository } from './fake-token-repository';
import { FakeWorkflow } from './fake-workflow';

export { FakeCaseRepository } from './fake-case-repository';
export { FakeClock } from './fake-clock';
export { FakeIdempotencyStore } from './fake-idempotency-store';
export { FakeIds } from './fake-ids';
export { FakeMailer } from './fake-mailer';
export { FAKE_ACTION_KEY, FakeSecrets } from './fake-secrets';
export { FakeSessionRevocations } from './fake-session-revocations';
export { FakeStepRepository } from './fake-step-repository';
export { FakeTokenRepository } from './fake-token-repository';
export { FakeWorkflow, type TaskCompletion } from './fake-workflow';

/** Every port as an in-memory fake, for handler tests: `makeHandler(fakePorts())`. */
export function fakePorts() {
  const secrets = new FakeSecrets();
  return {
    cases: new FakeCaseRepository(),
    steps: new FakeStepRepository(),
    tokens: new FakeTokenRepository(),
    idempotency: new FakeIdempotencyStore(),
    revokedSessions: new FakeSessionRevocations(),
    workflow: new FakeWorkflow(),
    mailer: new FakeMailer(),
    secrets,
    // The real HMAC hasher: tests hash raw tokens exactly as production does.
    tokenHasher: new HmacTokenHasher(secrets),
    ids: new FakeIds(),
    clock: new FakeClock(),
  };
}
export type FakePorts = ReturnType<typeof fakePorts>;
