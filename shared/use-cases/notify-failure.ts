import { workflowFailureEmail } from '../email';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { Mailer } from '../ports/mailer';
import type { NotifyFailureInput } from '../workflow/contract';
import { appendAudit } from './case-writes';
import { contactsOf, sendTo } from './notices';
import type { WorkflowRules } from './workflow-rules';

export interface NotifyFailureDeps {
  cases: CaseRepository;
  mailer: Mailer;
  clock: Clock;
  rules: WorkflowRules;
  baseUrl: string;
}

/**
 * NotifyFailure: the workflow of a case stopped in a way no rule covers. The secretariat is
 * told (case number only, never the error text, which may hold internals) and the audit trail
 * records it, so no accepted case silently stalls.
 */
export async function notifyFailure(deps: NotifyFailureDeps, input: NotifyFailureInput): Promise<{ notified: number }> {
  const now = deps.clock.now();
  const c = await deps.cases.get(input.caseId);
  if (!c) return { notified: 0 };
  await appendAudit(deps.cases, c.caseId, 'workflow_failed', { actor: { kind: 'system' }, at: now, recipients: ['sekretariat'] });
  const contacts = contactsOf(deps.rules, ['sekretariat'], c).map(([, contact]) => contact);
  const notified = await sendTo(deps.mailer, contacts, (_contact, lang) =>
    workflowFailureEmail(
      { baseUrl: deps.baseUrl, caseId: c.caseId, caseNumber: c.caseNumber, title: c.application.title, occurredAt: now },
      lang,
    ),
  );
  return { notified };
}
