import { describe } from 'vitest';
import { caseRepositoryContract } from '../../support/contracts/case-repository.contract';
import { makeDynamo, makeFakes } from '../../support/contracts/ports';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
describe('CaseRepository: in-memory fake', () => caseRepositoryContract(makeFakes));
describe('CaseRepository: DynamoDB adapter on dynalite', () => caseRepositoryContract(makeDynamo(db.freshTable)));
