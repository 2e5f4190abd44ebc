import type { BodyId, Choice, Language, UnitOutcome } from '../kernel/ids';
import { isMessageKey, type MessageKey, t } from '../i18n';
import type { PathStepKind } from './types';

/**
 * Names of bodies, choices and outcomes. The governance catalog owns these words for the
 * pages; when it defines a key the e-mails use it too (one wording everywhere), otherwise
 * the e-mail catalog's own fallback keeps every e-mail fully translated.
 */
function firstKey(candidates: readonly string[], fallback: MessageKey): MessageKey {
  for (const candidate of candidates) if (isMessageKey(candidate)) return candidate;
  return fallback;
}

export function bodyName(bodyId: BodyId, lang: Language): string {
  return t(lang, firstKey([`governance.body.${bodyId}`], `email.body.${bodyId}`));
}

export function choiceLabel(choice: Choice, lang: Language): string {
  return t(lang, firstKey([`governance.choice.${choice}`], `email.choice.${choice}`));
}

export function outcomeLabel(outcome: UnitOutcome, lang: Language): string {
  return t(lang, firstKey([`governance.outcome.${outcome}`], `email.outcome.${outcome}`));
}

export function stepLabel(kind: PathStepKind, lang: Language): string {
  return t(lang, `email.step.${kind}`);
}
