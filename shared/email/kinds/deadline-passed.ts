import type { BodyId, Language, UnitOutcome } from '../../kernel/ids';
import { t } from '../../i18n';
import { formatDate, type Instant } from '../format';
import { bodyName, outcomeLabel, stepLabel } from '../labels';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { CaseSummary, EmailBase, PathStepKind, RenderedEmail } from '../types';
import { caseFacts, deadlineFact } from './common';

/**
 * A body did not answer before its deadline (the workflow's States.Timeout catch): tells the
 * secretariat which outcome the configured no-answer rule recorded, so it can follow up.
 */
export interface DeadlinePassedEmailInput extends EmailBase {
  case: CaseSummary;
  step: PathStepKind;
  bodyId: BodyId;
  deadline: Instant;
  /** What the body's configured no-answer rule recorded (e.g. no_answer, no_quorum). */
  recordedOutcome: UnitOutcome;
}

export function deadlinePassedEmail(input: DeadlinePassedEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const step = stepLabel(input.step, lang);
  return renderEmail({
    lang,
    audience: { kind: 'secretariat' },
    subject: t(lang, 'email.deadlinePassed.subject', { caseNumber: c.caseNumber }),
    preheader: t(lang, 'email.deadlinePassed.preheader', { deadline: formatDate(input.deadline, lang) }),
    heading: t(lang, 'email.deadlinePassed.heading'),
    blocks: [
      { type: 'paragraph', text: t(lang, 'email.deadlinePassed.intro', { step, title: c.title }) },
      {
        type: 'facts',
        items: [
          ...caseFacts(c, lang),
          { label: t(lang, 'email.fact.step'), value: step },
          { label: t(lang, 'email.fact.body'), value: bodyName(input.bodyId, lang) },
          deadlineFact(input.deadline, lang),
        ],
      },
      {
        type: 'paragraph',
        text: t(lang, 'email.deadlinePassed.consequence', { outcome: outcomeLabel(input.recordedOutcome, lang) }),
      },
      { type: 'paragraph', text: t(lang, 'email.deadlinePassed.followUp') },
      { type: 'link', url: makeLinks(input.baseUrl).secretariatCase(c.caseId), label: t(lang, 'email.secretariat.openLabel') },
    ],
  });
}
