import type { BodyId, Language } from '../../kernel/ids';
import { t } from '../../i18n';
import type { Block, Fact } from '../content';
import { formatDateTime, formatList, type Instant } from '../format';
import { multiLine, singleLine, truncate } from '../headers';
import { bodyName, outcomeLabel } from '../labels';
import type { BodyResult, CaseSummary, MessageRef, PathStep } from '../types';

/** Titles are cut in subject lines so the case number and deadline stay visible. */
const SUBJECT_TITLE_LENGTH = 80;
/** Comments and summaries are shortened in e-mails; the page shows them in full. */
const COMMENT_LENGTH = 500;
const SUMMARY_LENGTH = 1500;

export function subjectTitle(title: string): string {
  return truncate(singleLine(title), SUBJECT_TITLE_LENGTH);
}

export function shortComment(comment: string): string {
  return truncate(singleLine(comment), COMMENT_LENGTH);
}

export function shortSummary(summary: string): string {
  return truncate(multiLine(summary), SUMMARY_LENGTH);
}

/** Number, title, applicant and nivå: the facts every e-mail about a case starts with. */
export function caseFacts(c: CaseSummary, lang: Language, nivaaLabel = true): Fact[] {
  return [
    { label: t(lang, 'email.fact.caseNumber'), value: c.caseNumber },
    { label: t(lang, 'email.fact.title'), value: c.title },
    { label: t(lang, 'email.fact.organisation'), value: c.organisationName },
    ...(nivaaLabel
      ? [{ label: t(lang, 'email.fact.nivaa'), value: String(c.nivaa) }]
      : []),
  ];
}

export function deadlineFact(deadline: Instant, lang: Language): Fact {
  return { label: t(lang, 'email.fact.deadline'), value: formatDateTime(deadline, lang) };
}

export function bodiesText(bodies: readonly BodyId[], lang: Language): string {
  return formatList(
    bodies.map((b) => bodyName(b, lang)),
    lang,
  );
}

export function message(ref: MessageRef, lang: Language): string {
  return typeof ref === 'string' ? t(lang, ref) : t(lang, ref.key, ref.params);
}

export function messages(refs: readonly MessageRef[], lang: Language): string[] {
  return refs.map((ref) => message(ref, lang));
}

export function resultLine(result: BodyResult, lang: Language): string {
  const params = { body: bodyName(result.bodyId, lang), outcome: outcomeLabel(result.outcome, lang) };
  const comment = result.comment === undefined ? '' : shortComment(result.comment);
  return comment === ''
    ? t(lang, 'email.result.line', params)
    : t(lang, 'email.result.lineWithComment', { ...params, comment });
}

export function pathLine(step: PathStep, lang: Language): string {
  if (step.kind === 'triage' || step.kind === 'amendment') return t(lang, `email.path.${step.kind}`);
  return t(lang, `email.path.${step.kind}`, { bodies: bodiesText(step.bodies, lang) });
}

/** A list block, or nothing when there is nothing to list. */
export function listBlock(intro: string, items: readonly string[]): Block[] {
  return items.length === 0 ? [] : [{ type: 'list', intro, items }];
}
