import { describe, expect, it } from 'vitest';
import { EmailSendInProgressError, makeOnceMailer, SEND_CLAIM_SECONDS } from '../../../functions/adapters/once-mailer';
import type { OutgoingEmail } from '../../../shared/ports/mailer';
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

const MAIL: OutgoingEmail = { to: 'a@example.org', subject: 'S', text: 'T', html: '<p>T</p>', language: 'nb', onceKey: 'k' };

describe('once-mailer when attempts of a task overlap', () => {
  it('sends once while two attempts send the same e-mail at the same time; the other fails transiently', async () => {
    const delivered = new FakeMailer();
    let release = () => {};
    const slow = { send: async (m: OutgoingEmail) => { await new Promise<void>((r) => { release = r; }); return delivered.send(m); } };
    const mailer = makeOnceMailer(slow, await db.freshTable(), () => new Date());
    const first = mailer.send(MAIL);
    await new Promise((r) => setTimeout(r, 50));
    await expect(mailer.send(MAIL)).rejects.toBeInstanceOf(EmailSendInProgressError);
    release();
    const { messageId } = await first;
    expect(await mailer.send(MAIL)).toEqual({ messageId });
    expect(delivered.sent).toHaveLength(1);
  });

  it('takes over a claim whose sender died, once the claim has run out', async () => {
    const delivered = new FakeMailer();
    const table = await db.freshTable();
    let clock = new Date('2026-03-02T09:00:00.000Z');
    const dies = { send: () => new Promise<{ messageId: string }>(() => {}) };
    void makeOnceMailer(dies, table, () => clock).send(MAIL);
    await new Promise((r) => setTimeout(r, 50));
    const mailer = makeOnceMailer(delivered, table, () => clock);
    await expect(mailer.send(MAIL)).rejects.toBeInstanceOf(EmailSendInProgressError);
    clock = new Date(clock.getTime() + (SEND_CLAIM_SECONDS + 1) * 1000);
    await mailer.send(MAIL);
    expect(delivered.sent).toHaveLength(1);
  });
});
