import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Block } from '../content';
import type { Instant } from '../format';
import { makeLinks } from '../../ports/links';
import { stepLabel } from '../labels';
import { renderEmail } from '../render';
import type { Audience, BodyResult, CaseSummary, EmailBase, PathStepKind, RenderedEmail } from '../types';
import { bodiesText, caseFacts, deadlineFact, listBlock, resultLine } from './common';

/**
 * Step started / step ended, to the applicant, the secretariat and recipients configured
 * for the step, so every body concerned hears of each step. Only the applicant
 * gets the status link (it grants access to the case); the secretariat gets its overview.
 */
export interface StepStartedEmailInput extends EmailBase {
  case: CaseSummary;
  recipientName?: string;
  step: PathStepKind;
  bodies: readonly BodyId[];
  deadline?: Instant;
  audience: Audience;
}

export interface StepEndedEmailInput extends EmailBase {
  case: CaseSummary;
  recipientName?: string;
  step: PathStepKind;
  results: readonly BodyResult[];
  audience: Audience;
}

function audienceLink(audience: Audience, baseUrl: string, caseId: string, lang: Language): Block[] {
  if (audience.kind === 'applicant') {
    return [
      {
        type: 'link',
        url: makeLinks(baseUrl).caseStatus(caseId),
        label: t(lang, 'email.receipt.statusLabel'),
        note: t(lang, 'email.status.private'),
      },
    ];
  }
  if (audience.kind === 'secretariat') {
    return [{ type: 'link', url: makeLinks(baseUrl).secretariatCase(caseId), label: t(lang, 'email.secretariat.openLabel') }];
  }
  return [];
}

export function stepStartedEmail(input: StepStartedEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const step = stepLabel(input.step, lang);
  return renderEmail({
    lang,
    audience: input.audience,
    recipientName: input.recipientName,
    subject: t(lang, 'email.stepStarted.subject', { caseNumber: c.caseNumber, step }),
    preheader: t(lang, 'email.stepStarted.preheader', { step }),
    heading: t(lang, 'email.stepStarted.heading'),
    blocks: [
      {
        type: 'paragraph',
        text: t(lang, 'email.stepStarted.intro', { title: c.title, organisation: c.organisationName, step }),
      },
      {
        type: 'facts',
        items: [
          ...caseFacts(c, lang),
          { label: t(lang, 'email.fact.step'), value: step },
          ...(input.bodies.length === 0
            ? []
            : [{ label: t(lang, 'email.fact.bodies'), value: bodiesText(input.bodies, lang) }]),
          ...(input.deadline === undefined ? [] : [deadlineFact(input.deadline, lang)]),
        ],
      },
      ...(input.audience.kind === 'applicant' && input.step !== 'amendment'
        ? [{ type: 'paragraph' as const, text: t(lang, 'email.stepStarted.applicantNote') }]
        : []),
      ...audienceLink(input.audience, input.baseUrl, c.caseId, lang),
    ],
  });
}

export function stepEndedEmail(input: StepEndedEmailInput, lang: Language): RenderedEmail {
  const c = input.case;
  const step = stepLabel(input.step, lang);
  return renderEmail({
    lang,
    audience: input.audience,
    recipientName: input.recipientName,
    subject: t(lang, 'email.stepEnded.subject', { caseNumber: c.caseNumber, step }),
    preheader: t(lang, 'email.stepEnded.preheader', { step }),
    heading: t(lang, 'email.stepEnded.heading'),
    blocks: [
      {
        type: 'paragraph',
        text: t(lang, 'email.stepEnded.intro', { title: c.title, organisation: c.organisationName, step }),
      },
      { type: 'facts', items: [...caseFacts(c, lang), { label: t(lang, 'email.fact.step'), value: step }] },
      ...listBlock(
        t(lang, 'email.stepEnded.resultsIntro'),
        input.results.map((r) => resultLine(r, lang)),
      ),
      ...audienceLink(input.audience, input.baseUrl, c.caseId, lang),
    ],
  });
}
