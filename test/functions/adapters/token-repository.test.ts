import { describe } from 'vitest';
import { makeDynamo, makeFakes } from '../../support/contracts/ports';
import { tokenRepositoryContract } from '../../support/contracts/token-repository.contract';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
describe('ActionTokenRepository: in-memory fake', () => tokenRepositoryContract(makeFakes));
describe('ActionTokenRepository: DynamoDB adapter on dynalite', () => tokenRepositoryContract(makeDynamo(db.freshTable)));
