import { describe } from 'vitest';
import { makeDynamo, makeFakes } from '../../support/contracts/ports';
import { stepRepositoryContract } from '../../support/contracts/step-repository.contract';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
describe('StepRepository: in-memory fake', () => stepRepositoryContract(makeFakes));
describe('StepRepository: DynamoDB adapter on dynalite', () => stepRepositoryContract(makeDynamo(db.freshTable)));
