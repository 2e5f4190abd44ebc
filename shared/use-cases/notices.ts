import type { Case } from '../domain/case';
import { BODY_IDS, type BodyId, type Language, type Recipient, type RequestKind, type UnitOutcome } from '../kernel/ids';
import { MissingCouncilError } from '../domain/governance/lookup';
import { stepDefinition } from '../domain/process';
import type { StepRecord } from '../domain/step';
import type { Audience, BodyResult, CaseSummary, PathStep, PathStepKind, RenderedEmail } from '../email';
import type { EmailTags, Mailer } from '../ports/mailer';
import type { Contact, WorkflowRules } from './workflow-rules';

/** Everything the e-mail templates need about a case, without personal data of the applicant. */
export function caseSummary(c: Case): CaseSummary {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    title: c.application.title,
    organisationName: c.application.applicant.name,
    nivaa: c.nivaa,
  };
}

/** The applicant's contact person as a recipient (the only place contact data is used). */
export function applicantContact(c: Case): Contact {
  return {
    memberId: 'applicant',
    name: c.application.contactPerson.name,
    email: c.application.contactPerson.email,
    language: c.language,
  };
}

export function audienceOf(recipient: Recipient): Audience {
  if (recipient === 'applicant') return { kind: 'applicant' };
  if (recipient === 'sekretariat') return { kind: 'secretariat' };
  return { kind: 'member', bodyId: recipient };
}

export function pathStepKind(kind: RequestKind): PathStepKind {
  return kind === 'escalation' ? 'triage' : kind;
}

/** A step definition as a path in an e-mail names it: its request and the bodies asked. */
export function pathStep(definitionId: string): PathStep {
  const def = stepDefinition(definitionId);
  return { kind: pathStepKind(def.requestKind), bodies: def.units.map((u) => u.bodyId) };
}

export function bodyResults(step: StepRecord): BodyResult[] {
  return step.units
    .filter((u) => u.outcome !== undefined)
    .map((u) => {
      const comment = u.answers.find((a) => a.comment)?.comment;
      return { bodyId: u.bodyId, outcome: u.outcome as UnitOutcome, ...(comment ? { comment } : {}) };
    });
}

/**
 * Sends one rendered e-mail per contact, each in the contact's own language. Returns the
 * recipients actually mailed so callers can record "who has been notified" in the audit trail.
 */
export async function sendTo(
  mailer: Mailer,
  contacts: readonly Contact[],
  render: (contact: Contact, lang: Language) => RenderedEmail,
  key?: (contact: Contact) => string,
  options: { once: boolean } = { once: true },
): Promise<number> {
  let sent = 0;
  for (const contact of contacts) {
    const email = render(contact, contact.language);
    // The key tags the e-mail (SES events find the case by it); `once` also sends it only once.
    const about = key?.(contact);
    await mailer.send({
      to: contact.email,
      language: contact.language,
      ...email,
      ...(about ? { tags: tagsOf(about, contact), ...(options.once ? { onceKey: about } : {}) } : {}),
    });
    sent += 1;
  }
  return sent;
}

/**
 * SES tags of a keyed e-mail, read from its once-key (case id first, then what it is about).
 * The case id is a bearer secret, yet acceptable here: tags go only to this account's SES
 * event records and default event bus, where the case table already holds it; never into the
 * message to the recipient. A case number would need a lookup by number the repository lacks.
 */
function tagsOf(onceKey: string, contact: Contact): EmailTags {
  const parts = onceKey.split('/');
  const about = parts.slice(1, -1);
  return { caseId: parts[0] ?? '', recipient: contact.memberId, kind: about[about.length - 1] ?? 'notice' };
}

/**
 * The once-key of a workflow e-mail: what it is about (case, step, unit, round, kind) and to
 * whom, so a retried task sends each e-mail once (Mailer.onceKey).
 */
export function emailKey(caseId: string, ...about: readonly string[]): (contact: Contact) => string {
  return (contact) => [caseId, ...about, contact.memberId].join('/');
}

/** Contacts of several recipient groups, each address once (a person may sit in two bodies). */
export function contactsOf(rules: WorkflowRules, recipients: readonly Recipient[], c: Case): Array<[Recipient, Contact]> {
  const seen = new Set<string>();
  const out: Array<[Recipient, Contact]> = [];
  for (const recipient of recipients) {
    const contacts = recipient === 'applicant' ? [applicantContact(c)] : rules.contactsOf(recipient, c);
    for (const contact of contacts) {
      const key = contact.email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([recipient, contact]);
    }
  }
  return out;
}

/** The name a page or e-mail shows for a member of the case (the id if the roster has no name). */
export function memberNameOf(rules: WorkflowRules, c: Case, memberId: string): string {
  if (memberId === 'applicant') return applicantContact(c).name ?? memberId;
  for (const bodyId of BODY_IDS) {
    let contacts: Contact[];
    try {
      contacts = rules.contactsOf(bodyId, c);
    } catch (error) {
      // A new service has no brukerråd: none of its members can be the one asked.
      if (error instanceof MissingCouncilError) continue;
      throw error;
    }
    const found = contacts.find((contact) => contact.memberId === memberId);
    if (found) return found.name ?? memberId;
  }
  return memberId;
}

/** Who receives a unit's action links: the body's acting members, or the applicant. */
export function unitContacts(rules: WorkflowRules, c: Case, definitionId: string, bodyId: BodyId): Contact[] {
  return rules.answeredBy(definitionId) === 'applicant' ? [applicantContact(c)] : rules.actionContactsOf(bodyId, c);
}

export type { BodyId };
