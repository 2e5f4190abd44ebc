import type { Language } from '../../domain/ids';
import { t } from '../../i18n';
import type { Block } from '../content';
import { formatDateTime, type Instant } from '../format';
import { actionUrl, secretariatCaseUrl } from '../links';
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
      ? { type: 'link', url: secretariatCaseUrl(input.baseUrl, c.caseId), label: t(lang, 'email.secretariat.openLabel') }
      : { type: 'action', url: actionUrl(input.baseUrl, input.token), label: t(lang, 'email.actionLabel.triage'), personal: true };
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
