import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Block } from '../content';
import { formatDateTime, formatList, type Instant } from '../format';
import { bodyName } from '../labels';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, MessageRef, RenderedEmail } from '../types';
import { caseFacts, deadlineFact, listBlock, messages, subjectTitle } from './common';

/** A new case to the secretariat: confirm or override the proposed nivå (triage). */
export interface NewCaseEmailInput extends EmailBase {
  case: CaseSummary;
  submittedAt: Instant;
  reasons: readonly MessageRef[];
  /** Action token for the triage unit; without one the e-mail links to the overview. */
  token?: string;
  deadline?: Instant;
}

export function newCaseEmail(input: NewCaseEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const action: Block =
    input.token === undefined
      ? { type: 'link', url: makeLinks(input.baseUrl).secretariatCase(c.caseId), label: t(lang, 'email.secretariat.openLabel') }
      : { type: 'action', url: makeLinks(input.baseUrl).action(input.token), label: t(lang, 'email.actionLabel.triage'), personal: true };
  return renderEmail({
    lang,
    audience: { kind: 'secretariat' },
    subject: t(lang, 'email.newCase.subject', { caseNumber: c.caseNumber, title: subjectTitle(c.title) }),
    preheader: t(lang, 'email.newCase.preheader', { organisation: c.organisationName }),
    heading: t(lang, 'email.newCase.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.newCase.intro') },
      {
        type: 'facts',
        items: [
          ...caseFacts(c, lang),
          { label: t(lang, 'email.fact.submittedAt'), value: formatDateTime(input.submittedAt, lang) },
          ...(input.deadline === undefined ? [] : [deadlineFact(input.deadline, lang)]),
        ],
      },
      ...listBlock(t(lang, 'email.newCase.reasonsIntro'), messages(input.reasons, lang)),
      action,
    ],
  });
}

/**
 * A step nobody answered by its deadline, escalated to the secretariat (roster onNoAnswer
 * 'escalate'): a decision cannot be skipped, so the secretariat sends it out again.
 */
export interface EscalationEmailInput extends EmailBase {
  case: CaseSummary;
  /** The unanswered step as people know it, e.g. "Beslutning hos daglig leder (nivå 3)". */
  stepText: string;
  bodies: readonly BodyId[];
  token: string;
  deadline: Instant;
}

export function escalationEmail(input: EscalationEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  return renderEmail({
    lang,
    audience: { kind: 'secretariat' },
    subject: t(lang, 'email.escalation.subject', { caseNumber: c.caseNumber, title: subjectTitle(c.title) }),
    preheader: t(lang, 'email.escalation.preheader'),
    heading: t(lang, 'email.escalation.heading'),
    blocks: [
      {
        type: 'paragraph',
        text: t(lang, 'email.escalation.intro', {
          step: input.stepText,
          bodies: formatList(
            input.bodies.map((b) => bodyName(b, lang)),
            lang,
          ),
        }),
      },
      { type: 'facts', items: [...caseFacts(c, lang), deadlineFact(input.deadline, lang)] },
      { type: 'action', url: makeLinks(input.baseUrl).action(input.token), label: t(lang, 'email.actionLabel.escalation'), personal: true },
      { type: 'link', url: makeLinks(input.baseUrl).secretariatCase(c.caseId), label: t(lang, 'email.secretariat.openLabel') },
    ],
  });
}
