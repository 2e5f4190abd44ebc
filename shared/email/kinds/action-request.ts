import type { BodyId, Choice, Language, RequestKind } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Block } from '../content';
import { formatDate, type Instant } from '../format';
import { bodyName, choiceLabel } from '../labels';
import { makeLinks } from '../../ports/links';
import { renderEmail } from '../render';
import type { BodyResult, CaseSummary, EmailBase, RenderedEmail } from '../types';
import { caseFacts, deadlineFact, resultLine, shortSummary, subjectTitle } from './common';

/**
 * Requests to a member of a body to act through `/handling/{token}`: a statement
 * in a consultation (høring), a decision or vote, or KommIT-rådet's recommendation on
 * DigiFin money (Eierstrategi ch. 12). The page behind the link only shows the case until
 * the member confirms; every e-mail says so.
 */
export interface ActionRequestEmailInput extends EmailBase {
  case: CaseSummary;
  recipientName?: string;
  bodyId: BodyId;
  /** Short description of the case (applicant input; shortened, line breaks kept). */
  summary?: string;
  deadline: Instant;
  /** The choices the token allows, in display order. */
  choices: readonly Choice[];
  token: string;
}

export interface DecisionRequestEmailInput extends ActionRequestEmailInput {
  /** Consultation statements so far (may be empty). */
  statements: readonly BodyResult[];
}

function requestEmail(
  kind: Extract<RequestKind, 'consultation' | 'decision' | 'recommendation'>,
  input: ActionRequestEmailInput,
  statements: readonly BodyResult[] | undefined,
  lang: Language,
): RenderedEmail {
  const c = input.case;
  const deadlineShort = formatDate(input.deadline, lang);
  const summary = input.summary === undefined ? '' : shortSummary(input.summary);
  const blocks: Block[] = [
    { type: 'paragraph', text: t(lang, `email.${kind}.intro`) },
    {
      type: 'facts',
      items: [
        ...caseFacts(c, lang),
        { label: t(lang, 'email.fact.body'), value: bodyName(input.bodyId, lang) },
        deadlineFact(input.deadline, lang),
      ],
    },
    ...(summary === '' ? [] : [{ type: 'quote' as const, label: t(lang, 'email.fact.summary'), text: summary }]),
    ...(statements === undefined ? [] : statementsBlock(statements, lang)),
    { type: 'list', intro: t(lang, 'email.choicesIntro'), items: input.choices.map((ch) => choiceLabel(ch, lang)) },
    { type: 'action', url: makeLinks(input.baseUrl).action(input.token), label: t(lang, `email.actionLabel.${kind}`), personal: true },
  ];
  return renderEmail({
    lang,
    audience: { kind: 'member', bodyId: input.bodyId },
    recipientName: input.recipientName,
    subject: t(lang, `email.${kind}.subject`, {
      caseNumber: c.caseNumber,
      title: subjectTitle(c.title),
      deadline: deadlineShort,
    }),
    preheader: t(lang, `email.${kind}.preheader`, { deadline: deadlineShort }),
    heading: t(lang, `email.${kind}.heading`),
    blocks,
  });
}

function statementsBlock(statements: readonly BodyResult[], lang: Language): Block[] {
  if (statements.length === 0) return [{ type: 'paragraph', text: t(lang, 'email.decision.noStatements') }];
  return [
    {
      type: 'list',
      intro: t(lang, 'email.decision.statementsIntro'),
      items: statements.map((s) => resultLine(s, lang)),
    },
  ];
}

export function consultationRequestEmail(input: ActionRequestEmailInput, lang: Language): RenderedEmail {
  return requestEmail('consultation', input, undefined, lang);
}

export function decisionRequestEmail(input: DecisionRequestEmailInput, lang: Language): RenderedEmail {
  return requestEmail('decision', input, input.statements, lang);
}

/** KommIT-rådet's recommendation; statements from consultations are shown when given. */
export function recommendationRequestEmail(
  input: ActionRequestEmailInput & { statements?: readonly BodyResult[] },
  lang: Language,
): RenderedEmail {
  return requestEmail('recommendation', input, input.statements, lang);
}
