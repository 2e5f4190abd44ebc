import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/record-email-event';
import { governance } from '../../shared/domain/governance/load';
import { SECRETARIAT_EMAILS, workflowSetup } from '../support/workflow-setup';

const styret = governance.bodies.find((b) => b.id === 'styret');
const member = styret?.members[0];
if (!member) throw new Error('the roster has no styret member');
const secretary = governance.sekretariat.members[0];
if (!secretary) throw new Error('the roster has no secretariat member');

/** An SES event as EventBridge delivers it (fields this system does not read included). */
function sesEvent(caseId: string, recipient: string, overrides: { messageId?: string; eventType?: string } = {}) {
  return {
    version: '0',
    source: 'aws.ses',
    'detail-type': 'Email Bounced',
    detail: {
      eventType: overrides.eventType ?? 'Bounce',
      bounce: { bounceType: 'Permanent', feedbackId: 'feedback-1', bouncedRecipients: [{ emailAddress: 'x@y.no' }] },
      mail: {
        messageId: overrides.messageId ?? '0100018c-msg-1',
        destination: ['x@y.no'],
        tags: {
          'ses:configuration-set': ['beslutningsflyt'],
          case: [caseId],
          recipient: [recipient],
          kind: ['final'],
        },
      },
    },
  };
}

describe('record-email-event (SES event via EventBridge)', () => {
  it('records whose e-mail did not arrive, without the address, and tells the secretariat once', async () => {
    const s = await workflowSetup();
    const handle = makeHandler(s.deps);
    const result = await handle(sesEvent(s.caseId, member.id));
    expect(result).toEqual({ recorded: true, notified: SECRETARIAT_EMAILS.length });

    const c = await s.ports.cases.get(s.caseId);
    const events = c?.events.filter((e) => e.type === 'email_undeliverable') ?? [];
    expect(events).toEqual([
      expect.objectContaining({ memberId: member.id, emailKind: 'final', messageId: '0100018c-msg-1', actor: { kind: 'system' } }),
    ]);
    expect(JSON.stringify(c?.events)).not.toContain('@');

    const mails = s.ports.mailer.sent;
    expect(mails.map((m) => m.to).sort()).toEqual([...SECRETARIAT_EMAILS].sort());
    expect(mails.map((m) => m.to)).not.toContain(member.email);
    for (const mail of mails) expect(mail.text).toContain(member.name);

    // SES or EventBridge delivering the same event again changes nothing and mails nobody.
    expect(await handle(sesEvent(s.caseId, member.id))).toEqual({ recorded: false, notified: SECRETARIAT_EMAILS.length });
    expect((await s.ports.cases.get(s.caseId))?.events.filter((e) => e.type === 'email_undeliverable')).toHaveLength(1);
    expect(s.ports.mailer.sent).toHaveLength(mails.length);
  });

  it('records a bounced secretariat address but does not e-mail the secretariat about it', async () => {
    const s = await workflowSetup();
    const result = await makeHandler(s.deps)(sesEvent(s.caseId, secretary.id));
    expect(result).toEqual({ recorded: true, notified: 0 });
    expect(s.ports.mailer.sent).toEqual([]);
  });

  it('ignores untagged, unknown-case, foreign and delivered-event records', async () => {
    const s = await workflowSetup();
    const handle = makeHandler(s.deps);
    const untagged = sesEvent(s.caseId, member.id);
    untagged.detail.mail.tags = { 'ses:configuration-set': ['beslutningsflyt'] } as typeof untagged.detail.mail.tags;
    expect(await handle(untagged)).toEqual({ recorded: false, reason: 'untagged' });
    expect(await handle(sesEvent('bbbbbbbbbbbbbbbbbbbbbbbbbb', member.id))).toEqual({ recorded: false, reason: 'unknown_case' });
    expect(await handle({ ...sesEvent(s.caseId, member.id), source: 'aws.s3' })).toEqual({ recorded: false, reason: 'malformed' });
    expect(await handle(sesEvent(s.caseId, member.id, { eventType: 'Delivery' }))).toEqual({ recorded: false, reason: 'malformed' });
    expect((await s.ports.cases.get(s.caseId))?.events.some((e) => e.type === 'email_undeliverable')).toBe(false);
    expect(s.ports.mailer.sent).toEqual([]);
  });

  it('records each SES message once: a second bounce of another message is a second event', async () => {
    const s = await workflowSetup();
    const handle = makeHandler(s.deps);
    await handle(sesEvent(s.caseId, member.id));
    await handle(sesEvent(s.caseId, member.id, { messageId: '0100018c-msg-2', eventType: 'Complaint' }));
    const events = (await s.ports.cases.get(s.caseId))?.events.filter((e) => e.type === 'email_undeliverable') ?? [];
    expect(events.map((e) => e.messageId)).toEqual(['0100018c-msg-1', '0100018c-msg-2']);
  });
});
