import { z } from 'zod';
import type { Case } from '../domain/case';
import { isValidCaseId } from '../domain/case';
import { emailUndeliverableEmail } from '../email';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import { EMAIL_TAG_NAMES, type Mailer } from '../ports/mailer';
import { appendAudit } from './case-writes';
import { contactsOf, emailKey, memberNameOf, sendTo } from './notices';
import type { WorkflowRules } from './workflow-rules';

export interface RecordEmailEventDeps {
  cases: CaseRepository;
  mailer: Mailer;
  clock: Clock;
  rules: WorkflowRules;
  baseUrl: string;
}

/** SES event types (EventBridge detail.eventType) that mean the recipient did not get it. */
export const UNDELIVERABLE_EVENT_TYPES = ['Bounce', 'Complaint', 'Reject', 'DeliveryDelay'] as const;

const TagSchema = z.array(z.string()).min(1);

/** The part of an SES event record this use case reads; everything else (addresses) is ignored. */
export const SesEventSchema = z.object({
  eventType: z.enum(UNDELIVERABLE_EVENT_TYPES),
  mail: z.object({
    messageId: z.string().min(1).max(200).regex(/^[^@\s/]+$/),
    tags: z
      .object({
        [EMAIL_TAG_NAMES.caseId]: TagSchema,
        [EMAIL_TAG_NAMES.recipient]: TagSchema,
        [EMAIL_TAG_NAMES.kind]: TagSchema,
      })
      .partial()
      .optional(),
  }),
});
export type SesEvent = z.infer<typeof SesEventSchema>;

export type RecordEmailEventResult =
  | { recorded: false; reason: 'untagged' | 'unknown_case' }
  /** `recorded` false: the audit trail had this SES message already (a redelivered event). */
  | { recorded: boolean; notified: number };

const REF = /^[A-Za-z0-9_-]{1,100}$/;

function tagsOf(event: SesEvent): { caseId: string; memberId: string; kind: string } | undefined {
  const tags = event.mail.tags ?? {};
  const caseId = tags[EMAIL_TAG_NAMES.caseId]?.[0];
  const memberId = tags[EMAIL_TAG_NAMES.recipient]?.[0];
  const kind = tags[EMAIL_TAG_NAMES.kind]?.[0];
  if (!caseId || !isValidCaseId(caseId) || !memberId || !REF.test(memberId) || !kind || !REF.test(kind)) {
    return undefined;
  }
  return { caseId, memberId, kind };
}

/**
 * SES says an e-mail of a case did not reach its recipient (bounce, complaint, reject, delay).
 * The case's audit trail records whose e-mail and which notice (member id and kind, never the
 * address), once per SES message, and the secretariat is told once so a member who never got
 * an action link is followed up instead of silently counted as not answering. Nothing is sent
 * to the bounced address again: the secretariat's e-mail goes to the secretariat, and a
 * secretariat address that bounced is only recorded (mailing it again would bounce again).
 */
export async function recordEmailEvent(deps: RecordEmailEventDeps, event: SesEvent): Promise<RecordEmailEventResult> {
  const tags = tagsOf(event);
  if (!tags) return { recorded: false, reason: 'untagged' };
  const c = await deps.cases.get(tags.caseId);
  if (!c) return { recorded: false, reason: 'unknown_case' };
  const { messageId } = event.mail;
  const seen = (current: Case) =>
    current.events.some((e) => e.type === 'email_undeliverable' && e.messageId === messageId);
  // No early return on a recorded event: a retry after a failed send still tells the secretariat.
  const again = seen(c);
  const now = deps.clock.now();
  await appendAudit(
    deps.cases,
    c.caseId,
    'email_undeliverable',
    { actor: { kind: 'system' }, at: now, memberId: tags.memberId, emailKind: tags.kind, messageId },
    seen,
  );
  const secretariat = contactsOf(deps.rules, ['sekretariat'], c).map(([, contact]) => contact);
  if (secretariat.some((contact) => contact.memberId === tags.memberId)) return { recorded: !again, notified: 0 };
  const memberName = memberNameOf(deps.rules, c, tags.memberId);
  // Once per SES message: a redelivered event or a concurrent invocation mails no second time.
  const notified = await sendTo(
    deps.mailer,
    secretariat,
    (_contact, lang) =>
      emailUndeliverableEmail(
        { baseUrl: deps.baseUrl, caseId: c.caseId, caseNumber: c.caseNumber, title: c.application.title, memberName, occurredAt: now },
        lang,
      ),
    emailKey(c.caseId, messageId, 'email-undeliverable'),
  );
  return { recorded: !again, notified };
}
