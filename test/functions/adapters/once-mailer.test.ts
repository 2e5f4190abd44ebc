import { describe } from 'vitest';
import { makeOnceMailer } from '../../../functions/adapters/once-mailer';
import { onceMailerContract } from '../../support/contracts/once-mailer.contract';
import { useDynalite } from '../../support/dynalite';
import { FakeMailer } from '../../support/fakes';

const db = useDynalite();
describe('Mailer once-keys: in-memory fake', () =>
  onceMailerContract(async () => {
    const fake = new FakeMailer();
    return { mailer: fake, delivered: fake };
  }));
describe('Mailer once-keys: sent-markers in DynamoDB on dynalite', () =>
  onceMailerContract(async () => {
    const delivered = new FakeMailer();
    return { mailer: makeOnceMailer(delivered, await db.freshTable(), () => new Date()), delivered };
  }));
