import type { BodyId, CaseStatus, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Fact } from '../content';
import { formatDateTime, type Instant } from '../format';
import { bodyName } from '../labels';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, MessageRef, RenderedEmail } from '../types';
import { caseFacts, message, shortSummary } from './common';

export type FinalOutcomeStatus = Extract<CaseStatus, 'approved' | 'refused' | 'withdrawn'>;

/** The final outcome to the applicant: approved (innvilget), refused (avslått) or withdrawn. */
export interface FinalOutcomeEmailInput extends EmailBase {
  case: CaseSummary;
  contactName?: string;
  status: FinalOutcomeStatus;
  /** The deciding body; absent when the applicant withdrew. */
  decidedBy?: BodyId;
  decidedAt: Instant;
  /** A reason from a catalog (e.g. lifecycle.reason.amendmentDeadlinePassed). */
  reason?: MessageRef;
  /** The deciding body's own words (member input). */
  comment?: string;
}

export function finalOutcomeEmail(input: FinalOutcomeEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const { status } = input;
  const facts: Fact[] = [
    ...caseFacts(c, lang),
    ...(input.decidedBy === undefined
      ? []
      : [{ label: t(lang, 'email.fact.decidedBy'), value: bodyName(input.decidedBy, lang) }]),
    { label: t(lang, 'email.fact.occurredAt'), value: formatDateTime(input.decidedAt, lang) },
  ];
  const comment = input.comment === undefined ? '' : shortSummary(input.comment);
  return renderEmail({
    lang,
    audience: { kind: 'applicant' },
    recipientName: input.contactName,
    subject: t(lang, `email.final.subject.${status}`, { caseNumber: c.caseNumber }),
    preheader: t(lang, `email.final.intro.${status}`, { title: c.title }),
    heading: t(lang, `email.final.heading.${status}`),
    blocks: [
      { type: 'paragraph', text: t(lang, `email.final.intro.${status}`, { title: c.title }) },
      { type: 'facts', items: facts },
      ...(input.reason === undefined
        ? []
        : [{ type: 'paragraph' as const, text: message(input.reason, lang) }]),
      ...(comment === '' ? [] : [{ type: 'quote' as const, label: t(lang, 'email.fact.reason'), text: comment }]),
      { type: 'paragraph', text: t(lang, `email.final.next.${status}`) },
      {
        type: 'link',
        url: makeLinks(input.baseUrl).caseStatus(c.caseId),
        label: t(lang, 'email.receipt.statusLabel'),
        note: t(lang, 'email.status.private'),
      },
    ],
  });
}
