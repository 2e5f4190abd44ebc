import type { ActionTokenRepository } from '../../../shared/ports/action-token-repository';
import type { CaseRepository } from '../../../shared/ports/case-repository';
import type { IdempotencyStore } from '../../../shared/ports/idempotency-store';
import type { StepRepository } from '../../../shared/ports/step-repository';
import { DynamoCaseRepository } from '../../../functions/adapters/dynamo-case-repository';
import { DynamoIdempotencyStore } from '../../../functions/adapters/dynamo-idempotency-store';
import { DynamoStepRepository } from '../../../functions/adapters/dynamo-step-repository';
import { DynamoTokenRepository } from '../../../functions/adapters/dynamo-token-repository';
import type { DynamoTable } from '../../../functions/adapters/dynamo-table';
import {
  FakeCaseRepository,
  FakeIdempotencyStore,
  FakeStepRepository,
  FakeTokenRepository,
} from '../fakes';

/** The persistence ports one contract run exercises; all share one store. */
export interface PersistencePorts {
  cases: CaseRepository;
  steps: StepRepository;
  tokens: ActionTokenRepository;
  idempotency: IdempotencyStore;
}

export type MakePorts = () => Promise<PersistencePorts>;

export const makeFakes: MakePorts = async () => ({
  cases: new FakeCaseRepository(),
  steps: new FakeStepRepository(),
  tokens: new FakeTokenRepository(),
  idempotency: new FakeIdempotencyStore(),
});

export function makeDynamo(freshTable: () => Promise<DynamoTable>): MakePorts {
  return async () => {
    const table = await freshTable();
    return {
      cases: new DynamoCaseRepository(table),
      steps: new DynamoStepRepository(table),
      tokens: new DynamoTokenRepository(table),
      idempotency: new DynamoIdempotencyStore(table),
    };
  };
}
