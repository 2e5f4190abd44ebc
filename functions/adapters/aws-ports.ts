import type { ActionTokenRepository } from '../../shared/ports/action-token-repository';
import type { CaseRepository } from '../../shared/ports/case-repository';
import type { Clock } from '../../shared/ports/clock';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store';
import type { IdGenerator } from '../../shared/ports/ids';
import type { SecretsPort } from '../../shared/ports/secrets';
import type { SessionRevocations } from '../../shared/ports/session-revocations';
import type { StepRepository } from '../../shared/ports/step-repository';
import type { TokenHasher } from '../../shared/ports/token-hasher';
import type { WorkflowPort } from '../../shared/ports/workflow';
import { config } from '../config';
import { documentClient, secretsClient, sfnClient } from './clients';
import { DynamoCaseRepository } from './dynamo-case-repository';
import { DynamoIdempotencyStore } from './dynamo-idempotency-store';
import { DynamoSessionRevocations } from './dynamo-session-revocations';
import { DynamoStepRepository } from './dynamo-step-repository';
import { DynamoTokenRepository } from './dynamo-token-repository';
import { cryptoIds } from './ids';
import { SecretsManagerSecrets } from './secrets';
import { SfnWorkflow } from './sfn-workflow';
import { HmacTokenHasher } from './crypto';

/** The persistence and integration ports, wired to AWS (the Mailer lives with the SES adapter). */
export interface AwsPorts {
  cases: CaseRepository;
  steps: StepRepository;
  tokens: ActionTokenRepository;
  idempotency: IdempotencyStore;
  revokedSessions: SessionRevocations;
  workflow: WorkflowPort;
  secrets: SecretsPort;
  tokenHasher: TokenHasher;
  ids: IdGenerator;
  clock: Clock;
}

export const systemClock: Clock = { now: () => new Date() };

let ports: AwsPorts | undefined;

/** Built once per container on first call; throws ConfigError if the environment is incomplete. */
export function awsPorts(): AwsPorts {
  if (ports) return ports;
  const cfg = config();
  const table = { client: documentClient(), tableName: cfg.tableName };
  const secrets = new SecretsManagerSecrets(secretsClient(), cfg.actionKeySecretArn);
  ports = {
    cases: new DynamoCaseRepository(table),
    steps: new DynamoStepRepository(table),
    tokens: new DynamoTokenRepository(table),
    idempotency: new DynamoIdempotencyStore(table),
    revokedSessions: new DynamoSessionRevocations(table),
    workflow: new SfnWorkflow(sfnClient(), cfg.stateMachineArn),
    secrets,
    tokenHasher: new HmacTokenHasher(secrets),
    ids: cryptoIds,
    clock: systemClock,
  };
  return ports;
}
