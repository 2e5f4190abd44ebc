import { describe, expect, it } from 'vitest';
import { emailKey, sendTo } from '../../../shared/use-cases/notices';
import type { Contact } from '../../../shared/use-cases/workflow-rules';
import { FakeMailer } from '../../support/fakes';

const kari: Contact = { memberId: 'kari', name: 'Kari', email: 'kari@kommune.no', language: 'nb' };
const rendered = { subject: 'Emne', text: 't', html: '<p>h</p>' };

describe('sendTo', () => {
  it('tags a keyed e-mail with its case, recipient member and kind, never the address', async () => {
    const mailer = new FakeMailer();
    await sendTo(mailer, [kari], () => rendered, emailKey('abcdefghijklmnopqrstuvwxyz', 'step-001', 'deadline-passed'));
    expect(mailer.sent[0]?.tags).toEqual({ caseId: 'abcdefghijklmnopqrstuvwxyz', recipient: 'kari', kind: 'deadline-passed' });
    expect(JSON.stringify(mailer.sent[0]?.tags)).not.toContain('@');
  });

  it('sends an unkeyed e-mail untagged', async () => {
    const mailer = new FakeMailer();
    await sendTo(mailer, [kari], () => rendered);
    expect(mailer.sent[0]).not.toHaveProperty('tags');
  });
});
