import type { Case } from '../domain/case';
import {
  isUnanswered,
  pendingRecipients,
  type StepRecord,
  type StepUnitRecord,
  type UnitRef,
} from '../domain/step';
import {
  amendmentRequestEmail,
  consultationRequestEmail,
  decisionRequestEmail,
  escalationEmail,
  newCaseEmail,
  recommendationRequestEmail,
  reminderEmail,
  type RenderedEmail,
} from '../email';
import { stepLabel } from '../email/labels';
import { isMessageKey, t } from '../i18n';
import type { ActionTokenRepository } from '../ports/action-token-repository';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/ids';
import type { Mailer } from '../ports/mailer';
import type { StepRepository } from '../ports/step-repository';
import type { TokenHasher } from '../ports/token-hasher';
import { ignoreDone } from './case-writes';
import { audienceOf, bodyResults, caseSummary, emailKey, sendTo, unitContacts } from './notices';
import type { Contact, WorkflowRules } from './workflow-rules';

export interface ActionLinkDeps {
  steps: StepRepository;
  tokens: ActionTokenRepository;
  tokenHasher: TokenHasher;
  ids: IdGenerator;
  mailer: Mailer;
  clock: Clock;
  rules: WorkflowRules;
  baseUrl: string;
}

/**
 * Gives every recipient of a unit who has not answered yet a fresh personal action link
 * (256-bit token, only its keyed hash stored, bound to member, step, unit and choices) and
 * e-mails it: the request itself, or a reminder (purring). Once the e-mail is sent the link
 * becomes the member's current one on the step and supersedes the earlier links (they then
 * point to the newest e-mail), so only one link per member works at a time. The order (token,
 * e-mail, current) means a crash leaves at worst both links working (a link newer than the
 * current one is not superseded by it), never a member whose only working link was not sent.
 * Returns how many were sent.
 */
export async function issueActionLinks(
  deps: ActionLinkDeps,
  c: Case,
  step: StepRecord,
  unit: StepUnitRecord,
  mode: 'request' | 'reminder',
  round?: string,
): Promise<number> {
  const kind = deps.rules.requestKind(step.definitionId);
  const allowedChoices = deps.rules.allowedChoices(step.definitionId, unit.bodyId, c);
  const pending = new Set(pendingRecipients(unit).map((r) => r.memberId));
  const recipient = deps.rules.answeredBy(step.definitionId) === 'applicant' ? 'applicant' : unit.bodyId;
  // A retried task re-issues nothing its round issued before a crash: one e-mail, one link.
  const issued = new Set(unit.recipients.filter((r) => round && r.currentLink?.round === round).map((r) => r.memberId));
  const contacts = unitContacts(deps.rules, c, step.definitionId, unit.bodyId).filter(
    (contact) => pending.has(contact.memberId) && !issued.has(contact.memberId),
  );
  const caseSteps = await deps.steps.listByCase(c.caseId);
  const statements = caseSteps.filter((s) => s.kind === 'consultation' && s.stepId !== step.stepId).flatMap(bodyResults);
  const stalled = kind === 'escalation' ? stalledBefore(caseSteps, step) : undefined;
  const now = deps.clock.now();
  const ref: UnitRef = { caseId: c.caseId, stepId: step.stepId, unitId: unit.unitId };
  const render = (person: Contact, lang: Contact['language'], token: string): RenderedEmail =>
    mode === 'reminder'
      ? reminderEmail(
          kind === 'amendment'
            ? { ...base(deps, c, person, unit), action: 'amendment', audience: audienceOf(recipient) }
            : { ...base(deps, c, person, unit), action: kind, token, audience: audienceOf(recipient) },
          lang,
        )
      : kind === 'escalation'
        ? escalationEmail(
            {
              baseUrl: deps.baseUrl,
              case: caseSummary(c),
              stepText: stepText(stalled, lang),
              bodies: stalled?.units.filter((u) => isUnanswered(u.outcome)).map((u) => u.bodyId) ?? [],
              token,
              deadline: unit.deadline,
            },
            lang,
          )
        : requestEmail(deps, c, person, unit, kind, token, allowedChoices, statements, lang);
  let sent = 0;
  for (const contact of contacts) {
    // The applicant amends on the case status page, not through an action link.
    const token = kind === 'amendment' ? '' : deps.ids.newToken();
    const tokenHash = token === '' ? '' : await deps.tokenHasher.hash(token);
    if (token !== '') await deps.tokens.put({
      tokenHash,
      caseId: c.caseId,
      stepId: step.stepId,
      unitId: unit.unitId,
      memberId: contact.memberId,
      language: contact.language,
      allowedChoices,
      createdAt: now.toISOString(),
      expiresAt: unit.deadline,
    });
    let subject = '';
    sent += await sendTo(
      deps.mailer,
      [contact],
      (person, lang) => {
        const email = render(person, lang, token);
        subject = email.subject;
        return email;
      },
      emailKey(c.caseId, step.stepId, unit.unitId, round ?? 'reminder-manual'),
      // A link e-mail is never skipped (its fresh link supersedes the last); the applicant's
      // amendment request carries no link, so the e-mail itself is sent once per round.
      { once: token === '' && round !== undefined },
    );
    if (token !== '') {
      const link = { tokenHash, sentAt: now.toISOString(), subject, ...(round ? { round } : {}) };
      await ignoreDone(deps.steps.setCurrentLink(ref, contact.memberId, link));
    }
  }
  return sent;
}

/**
 * Records the link just sent as the member's current one. A unit that closed meanwhile, or a
 * later e-mail's link already current, leaves things as they are: either way nothing is lost.
 */
/** The step the escalation is about: the last one before it that ended without an answer. */
function stalledBefore(steps: readonly StepRecord[], escalation: StepRecord): StepRecord | undefined {
  return steps
    .filter((s) => s.stepId < escalation.stepId && s.units.some((u) => isUnanswered(u.outcome)))
    .at(-1);
}

function stepText(step: StepRecord | undefined, lang: Contact['language']): string {
  if (!step) return '';
  const key = `governance.step.${step.definitionId}`;
  return isMessageKey(key) ? t(lang, key) : stepLabel(step.kind, lang);
}

function base(deps: ActionLinkDeps, c: Case, person: Contact, unit: StepUnitRecord) {
  return {
    baseUrl: deps.baseUrl,
    case: caseSummary(c),
    ...(person.name ? { recipientName: person.name } : {}),
    deadline: unit.deadline,
  };
}

function requestEmail(
  deps: ActionLinkDeps,
  c: Case,
  person: Contact,
  unit: StepUnitRecord,
  kind: Exclude<ReturnType<WorkflowRules['requestKind']>, 'escalation'>,
  token: string,
  choices: ReturnType<WorkflowRules['allowedChoices']>,
  statements: ReturnType<typeof bodyResults>,
  lang: Contact['language'],
): RenderedEmail {
  const common = { ...base(deps, c, person, unit), bodyId: unit.bodyId, choices, token, summary: c.application.needDescription };
  switch (kind) {
    case 'triage':
      return newCaseEmail(
        {
          baseUrl: deps.baseUrl,
          case: caseSummary(c),
          submittedAt: c.submittedAt,
          reasons: c.proposal.reasons,
          token,
          deadline: unit.deadline,
        },
        lang,
      );
    case 'consultation':
      return consultationRequestEmail(common, lang);
    case 'decision':
      return decisionRequestEmail({ ...common, statements }, lang);
    case 'recommendation':
      return recommendationRequestEmail({ ...common, statements }, lang);
    case 'amendment': {
      const returnedBy = [...c.events].reverse().find((e) => e.result === 'return');
      return amendmentRequestEmail(
        {
          baseUrl: deps.baseUrl,
          case: caseSummary(c),
          ...(person.name ? { contactName: person.name } : {}),
          ...(returnedBy?.bodyId ? { bodyId: returnedBy.bodyId } : {}),
          ...(returnedBy?.comment ? { comment: returnedBy.comment } : {}),
          deadline: unit.deadline,
          withdrawnIfNoAnswer: true,
        },
        lang,
      );
    }
  }
}
