import type { Language } from '../../kernel/ids';
import { t } from '../../i18n';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, MessageRef, PathStep, RenderedEmail } from '../types';
import { caseFacts, listBlock, messages, pathLine, subjectTitle } from './common';

/** Receipt to the applicant's contact person right after submission. */
export interface ReceiptEmailInput extends EmailBase {
  case: CaseSummary;
  contactName?: string;
  /** Why the proposed nivå (classification reason keys, Eierstrategi ch. 12). */
  reasons: readonly MessageRef[];
  /** The steps the case is expected to go through for the proposed nivå. */
  path: readonly PathStep[];
}

export function receiptEmail(input: ReceiptEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  return renderEmail({
    lang,
    audience: { kind: 'applicant' },
    recipientName: input.contactName,
    subject: t(lang, 'email.receipt.subject', { caseNumber: c.caseNumber, title: subjectTitle(c.title) }),
    preheader: t(lang, 'email.receipt.preheader', { organisation: c.organisationName }),
    heading: t(lang, 'email.receipt.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.receipt.intro', { title: c.title, caseNumber: c.caseNumber }) },
      {
        type: 'facts',
        items: [
          ...caseFacts(c, lang, false),
          {
            label: t(lang, 'email.fact.proposedNivaa'),
            value: String(c.nivaa),
          },
        ],
      },
      ...listBlock(t(lang, 'email.receipt.nivaaIntro', { nivaa: c.nivaa }), messages(input.reasons, lang)),
      { type: 'paragraph', text: t(lang, 'email.receipt.nivaaNote') },
      ...listBlock(
        t(lang, 'email.receipt.pathIntro'),
        input.path.map((step) => pathLine(step, lang)),
      ),
      ...(input.path.length > 0 ? [{ type: 'paragraph' as const, text: t(lang, 'email.receipt.pathNote') }] : []),
      {
        type: 'link',
        url: makeLinks(input.baseUrl).caseStatus(c.caseId),
        label: t(lang, 'email.receipt.statusLabel'),
        note: t(lang, 'email.status.private'),
      },
    ],
  });
}
