import type { BodyId, Choice, Language, UnitOutcome } from '../kernel/ids';
import { type MessageKey, t } from '../i18n';
import type { PathStepKind } from './types';

/**
 * Names of bodies, choices, outcomes and step kinds, worded once in the governance catalog
 * for e-mails and pages alike. The key types are unions over the id types, so a missing
 * translation is a compile error rather than a key shown to the reader.
 */
type BodyKey = `governance.body.${BodyId}` & MessageKey;
type ChoiceKey = `governance.choice.${Choice}` & MessageKey;
type OutcomeKey = `governance.outcome.${UnitOutcome}` & MessageKey;

/** Triage and amendment have one definition each, so their step name doubles as the kind name. */
const STEP_KEYS: Record<PathStepKind, MessageKey> = {
  triage: 'governance.step.triage',
  consultation: 'governance.stepKind.consultation',
  decision: 'governance.stepKind.decision',
  recommendation: 'governance.stepKind.recommendation',
  amendment: 'governance.step.amendment',
};

export function bodyName(bodyId: BodyId, lang: Language): string {
  const key: BodyKey = `governance.body.${bodyId}`;
  return t(lang, key);
}

export function choiceLabel(choice: Choice, lang: Language): string {
  const key: ChoiceKey = `governance.choice.${choice}`;
  return t(lang, key);
}

export function outcomeLabel(outcome: UnitOutcome, lang: Language): string {
  const key: OutcomeKey = `governance.outcome.${outcome}`;
  return t(lang, key);
}

export function stepLabel(kind: PathStepKind, lang: Language): string {
  return t(lang, STEP_KEYS[kind]);
}
