import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Block, Fact } from '../content';
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

/**
 * Both step e-mails: subject, preheader, heading and intro worded for the phase, the case's
 * facts with the step and the phase's own facts, the phase's blocks, then the audience's link.
 */
function stepEmail(
  phase: 'stepStarted' | 'stepEnded',
  input: StepStartedEmailInput | StepEndedEmailInput,
  lang: Language,
  own: { facts: Fact[]; blocks: Block[] },
): RenderedEmail {
  const c = input.case;
  const step = stepLabel(input.step, lang);
  return renderEmail({
    lang,
    audience: input.audience,
    recipientName: input.recipientName,
    subject: t(lang, `email.${phase}.subject`, { caseNumber: c.caseNumber, step }),
    preheader: t(lang, `email.${phase}.preheader`, { step }),
    heading: t(lang, `email.${phase}.heading`),
    blocks: [
      {
        type: 'paragraph',
        text: t(lang, `email.${phase}.intro`, { title: c.title, organisation: c.organisationName, step }),
      },
      { type: 'facts', items: [...caseFacts(c, lang), { label: t(lang, 'email.fact.step'), value: step }, ...own.facts] },
      ...own.blocks,
      ...audienceLink(input.audience, input.baseUrl, c.caseId, lang),
    ],
  });
}

export function stepStartedEmail(input: StepStartedEmailInput, lang: Language): RenderedEmail {
  return stepEmail('stepStarted', input, lang, {
    facts: [
      ...(input.bodies.length === 0 ? [] : [{ label: t(lang, 'email.fact.bodies'), value: bodiesText(input.bodies, lang) }]),
      ...(input.deadline === undefined ? [] : [deadlineFact(input.deadline, lang)]),
    ],
    blocks:
      input.audience.kind === 'applicant' && input.step !== 'amendment'
        ? [{ type: 'paragraph', text: t(lang, 'email.stepStarted.applicantNote') }]
        : [],
  });
}

export function stepEndedEmail(input: StepEndedEmailInput, lang: Language): RenderedEmail {
  return stepEmail('stepEnded', input, lang, {
    facts: [],
    blocks: listBlock(
      t(lang, 'email.stepEnded.resultsIntro'),
      input.results.map((r) => resultLine(r, lang)),
    ),
  });
}
