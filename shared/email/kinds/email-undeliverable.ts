import type { Language } from '../../kernel/ids';
import { t } from '../../i18n';
import { formatDateTime, type Instant } from '../format';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { EmailBase, RenderedEmail } from '../types';

/**
 * SES reported that an e-mail of the case bounced, was rejected, was complained about or is
 * delayed. Names the member, never the address (the secretariat looks it up in the roster).
 */
export interface EmailUndeliverableEmailInput extends EmailBase {
  caseId: string;
  caseNumber: string;
  title: string;
  memberName: string;
  occurredAt: Instant;
}

export function emailUndeliverableEmail(input: EmailUndeliverableEmailInput, lang: Language): RenderedEmail {
  const vars = { caseNumber: input.caseNumber, memberName: input.memberName };
  return renderEmail({
    lang,
    audience: { kind: 'secretariat' },
    subject: t(lang, 'email.undeliverable.subject', vars),
    preheader: t(lang, 'email.undeliverable.preheader'),
    heading: t(lang, 'email.undeliverable.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.undeliverable.intro', vars) },
      {
        type: 'facts',
        items: [
          { label: t(lang, 'email.fact.caseNumber'), value: input.caseNumber },
          { label: t(lang, 'email.fact.title'), value: input.title },
          { label: t(lang, 'email.fact.occurredAt'), value: formatDateTime(input.occurredAt, lang) },
        ],
      },
      { type: 'paragraph', text: t(lang, 'email.undeliverable.followUp') },
      {
        type: 'link',
        url: makeLinks(input.baseUrl).secretariatCase(input.caseId),
        label: t(lang, 'email.secretariat.openLabel'),
      },
    ],
  });
}
