import type { Language, RequestKind } from '../../kernel/ids';
import { t } from '../../i18n';
import { formatDate, formatDateTime, type Instant } from '../format';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { Audience, CaseSummary, EmailBase, RenderedEmail } from '../types';
import { caseFacts, deadlineFact, subjectTitle } from './common';

/**
 * Reminder (purring) before a deadline, with a fresh link that supersedes the earlier ones
 * (they answer 410 and point to this e-mail; shared/use-cases/issue-action-links.ts). Only the
 * applicant's amendment may fall back to the case status page; everyone else acts through
 * their own token, never through the applicant's link.
 */
export type ReminderEmailInput = EmailBase & {
  case: CaseSummary;
  recipientName?: string;
  deadline: Instant;
  audience: Audience;
} & ({ action: 'amendment'; token?: string } | { action: Exclude<RequestKind, 'amendment'>; token: string });

export function reminderEmail(input: ReminderEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const links = makeLinks(input.baseUrl);
  const url = input.token === undefined ? links.caseStatus(c.caseId) : links.action(input.token);
  return renderEmail({
    lang,
    audience: input.audience,
    recipientName: input.recipientName,
    subject: t(lang, 'email.reminder.subject', {
      caseNumber: c.caseNumber,
      deadline: formatDate(input.deadline, lang),
    }),
    preheader: t(lang, 'email.reminder.preheader'),
    heading: t(lang, 'email.reminder.heading'),
    blocks: [
      {
        type: 'paragraph',
        text: t(lang, `email.reminder.intro.${input.action}`, {
          title: subjectTitle(c.title),
          deadline: formatDateTime(input.deadline, lang),
        }),
      },
      { type: 'facts', items: [...caseFacts(c, lang), deadlineFact(input.deadline, lang)] },
      { type: 'action', url, label: t(lang, `email.actionLabel.${input.action}`), personal: true },
      { type: 'paragraph', text: t(lang, 'email.reminder.alreadyAnswered') },
    ],
  });
}
