import type { Language } from '../../kernel/ids';
import { t } from '../../i18n';
import { formatDateTime, type Instant } from '../format';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { EmailBase, RenderedEmail } from '../types';

/**
 * The workflow failed (Catch States.ALL → NotifyFailure). Deliberately takes no error
 * object: the e-mail names the case and the time, never internals (stack traces, ARNs,
 * messages), which stay in the logs.
 */
export interface WorkflowFailureEmailInput extends EmailBase {
  caseId: string;
  caseNumber: string;
  /** Omitted when the case could not be read. */
  title?: string;
  occurredAt: Instant;
}

export function workflowFailureEmail(input: WorkflowFailureEmailInput, lang: Language): RenderedEmail {
  return renderEmail({
    lang,
    audience: { kind: 'secretariat' },
    subject: t(lang, 'email.failure.subject', { caseNumber: input.caseNumber }),
    preheader: t(lang, 'email.failure.preheader'),
    heading: t(lang, 'email.failure.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.failure.intro', { caseNumber: input.caseNumber }) },
      {
        type: 'facts',
        items: [
          { label: t(lang, 'email.fact.caseNumber'), value: input.caseNumber },
          ...(input.title === undefined ? [] : [{ label: t(lang, 'email.fact.title'), value: input.title }]),
          { label: t(lang, 'email.fact.occurredAt'), value: formatDateTime(input.occurredAt, lang) },
        ],
      },
      { type: 'paragraph', text: t(lang, 'email.failure.followUp') },
      {
        type: 'link',
        url: makeLinks(input.baseUrl).secretariatCase(input.caseId),
        label: t(lang, 'email.secretariat.openLabel'),
      },
    ],
  });
}
