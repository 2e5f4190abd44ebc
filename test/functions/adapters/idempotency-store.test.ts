import { describe } from 'vitest';
import { idempotencyStoreContract } from '../../support/contracts/idempotency-store.contract';
import { makeDynamo, makeFakes } from '../../support/contracts/ports';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
describe('IdempotencyStore: in-memory fake', () => idempotencyStoreContract(makeFakes));
describe('IdempotencyStore: DynamoDB adapter on dynalite', () => idempotencyStoreContract(makeDynamo(db.freshTable)));
