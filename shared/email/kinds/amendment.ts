import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import { formatDate, formatDateTime, type Instant } from '../format';
import { bodyName } from '../labels';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, RenderedEmail } from '../types';
import { caseFacts, deadlineFact, shortSummary } from './common';

/**
 * The case was returned for more information (tilbakesendt): the applicant amends it and
 * it goes back to triage. The link leads to the amend form, which changes nothing until the
 * applicant submits it.
 */
export interface AmendmentRequestEmailInput extends EmailBase {
  case: CaseSummary;
  contactName?: string;
  /** The body that returned the case, if any. */
  bodyId?: BodyId;
  /** What the body asks for (member input; line breaks kept). */
  comment?: string;
  deadline: Instant;
  /** The configured rule treats a missed amendment deadline as a withdrawal. */
  withdrawnIfNoAnswer: boolean;
  /** An action token for the amendment; without one the link is the case status page. */
  token?: string;
}

export function amendmentRequestEmail(input: AmendmentRequestEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const deadline = formatDateTime(input.deadline, lang);
  const links = makeLinks(input.baseUrl);
  const url = input.token === undefined ? links.caseStatus(c.caseId) : links.action(input.token);
  const comment = input.comment === undefined ? '' : shortSummary(input.comment);
  return renderEmail({
    lang,
    audience: { kind: 'applicant' },
    recipientName: input.contactName,
    subject: t(lang, 'email.amendment.subject', { caseNumber: c.caseNumber }),
    preheader: t(lang, 'email.amendment.preheader', { deadline: formatDate(input.deadline, lang) }),
    heading: t(lang, 'email.amendment.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.amendment.intro', { title: c.title }) },
      {
        type: 'facts',
        items: [
          ...caseFacts(c, lang),
          ...(input.bodyId === undefined
            ? []
            : [{ label: t(lang, 'email.fact.decidedBy'), value: bodyName(input.bodyId, lang) }]),
          deadlineFact(input.deadline, lang),
        ],
      },
      ...(comment === '' ? [] : [{ type: 'quote' as const, label: t(lang, 'email.fact.comment'), text: comment }]),
      { type: 'paragraph', text: t(lang, 'email.amendment.deadlineNote', { deadline }) },
      ...(input.withdrawnIfNoAnswer
        ? [{ type: 'paragraph' as const, text: t(lang, 'email.amendment.withdrawnNote') }]
        : []),
      { type: 'action', url, label: t(lang, 'email.actionLabel.amendment'), personal: true },
    ],
  });
}
