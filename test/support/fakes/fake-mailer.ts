import type { Mailer, OutgoingEmail } from '../../../shared/ports/mailer';
import { Faults } from './faults';

/** Records every message; `faults.failNext('send')` simulates an SES rejection. */
export class FakeMailer implements Mailer {
  readonly faults = new Faults<keyof Mailer>();
  readonly sent: Array<OutgoingEmail & { messageId: string }> = [];

  private readonly once = new Map<string, string>();

  async send(message: OutgoingEmail): Promise<{ messageId: string }> {
    this.faults.check('send');
    const earlier = message.onceKey === undefined ? undefined : this.once.get(message.onceKey);
    if (earlier !== undefined) return { messageId: earlier };
    const messageId = `fake-message-${this.sent.length + 1}`;
    this.sent.push({ ...message, messageId });
    if (message.onceKey !== undefined) this.once.set(message.onceKey, messageId);
    return { messageId };
  }

  to(address: string): Array<OutgoingEmail & { messageId: string }> {
    return this.sent.filter((m) => m.to === address);
  }
}
