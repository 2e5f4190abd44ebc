import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, RenderedEmail } from '../types';
import { caseFacts } from './common';

/**
 * To a member who still held an open action link when the applicant withdrew the case: the
 * link no longer works and nothing is expected of them. Without this notice a member would
 * find out only by clicking a dead link.
 */
export interface CaseWithdrawnEmailInput extends EmailBase {
  case: CaseSummary;
  recipientName?: string;
  bodyId: BodyId;
}

export function caseWithdrawnEmail(input: CaseWithdrawnEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  return renderEmail({
    lang,
    audience: { kind: 'member', bodyId: input.bodyId },
    recipientName: input.recipientName,
    subject: t(lang, 'email.withdrawn.subject', { caseNumber: c.caseNumber }),
    preheader: t(lang, 'email.withdrawn.preheader'),
    heading: t(lang, 'email.withdrawn.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.withdrawn.intro', { title: c.title, organisation: c.organisationName }) },
      { type: 'facts', items: caseFacts(c, lang) },
      { type: 'paragraph', text: t(lang, 'email.withdrawn.noAction') },
    ],
  });
}
