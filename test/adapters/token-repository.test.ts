import { describe } from 'vitest';
import { makeDynamo, makeFakes } from './contracts/ports';
import { tokenRepositoryContract } from './contracts/token-repository.contract';
import { useDynalite } from './support/dynalite';

const db = useDynalite();
describe('ActionTokenRepository: in-memory fake', () => tokenRepositoryContract(makeFakes));
describe('ActionTokenRepository: DynamoDB adapter on dynalite', () => tokenRepositoryContract(makeDynamo(db.freshTable)));
