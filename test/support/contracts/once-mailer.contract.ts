import { beforeEach, expect, it } from 'vitest';
import type { Mailer, OutgoingEmail } from '../../../shared/ports/mailer';
import type { FakeMailer } from '../fakes';

/** A Mailer with once-keys and the FakeMailer that records what actually went out through it. */
export type MakeOnceMailer = () => Promise<{ mailer: Mailer; delivered: FakeMailer }>;

const mail = (to: string, onceKey?: string): OutgoingEmail => ({
  to,
  subject: 'Sak 2026/0001',
  text: 'Tekst',
  html: '<p>Tekst</p>',
  language: 'nb',
  ...(onceKey === undefined ? {} : { onceKey }),
});

export function onceMailerContract(make: MakeOnceMailer): void {
  let mailer: Mailer;
  let delivered: FakeMailer;
  beforeEach(async () => {
    ({ mailer, delivered } = await make());
  });

  it('sends a keyed e-mail once however often it is sent, answering with the first message id', async () => {
    const first = await mailer.send(mail('a@example.org', 'case/001/styret/request-2/m-anne'));
    const again = await mailer.send(mail('a@example.org', 'case/001/styret/request-2/m-anne'));
    expect(again.messageId).toBe(first.messageId);
    expect(delivered.sent).toHaveLength(1);
  });

  it('sends e-mails with other keys, and e-mails without a key every time', async () => {
    await mailer.send(mail('a@example.org', 'case/001/styret/request-2/m-anne'));
    await mailer.send(mail('a@example.org', 'case/001/styret/reminder-1/m-anne'));
    await mailer.send(mail('b@example.org'));
    await mailer.send(mail('b@example.org'));
    expect(delivered.sent.map((m) => m.to)).toEqual(['a@example.org', 'a@example.org', 'b@example.org', 'b@example.org']);
  });

  it('records nothing when sending fails, so a retry sends it', async () => {
    delivered.faults.failNext('send', new Error('throttled'));
    await expect(mailer.send(mail('a@example.org', 'k'))).rejects.toThrow('throttled');
    await mailer.send(mail('a@example.org', 'k'));
    expect(delivered.sent).toHaveLength(1);
  });
}
