import type { BodyId, Choice, Nivaa, Recipient, RequestKind, StepKind } from '../kernel/ids';

/**
 * The process paths as data (Eierstrategi DIF 2023–2027 ch. 12, decision table and the
 * paragraph on DigiFin grants). Deadlines, reminders and no-answer rules are
 * not here: they come from the governance configuration (domain/governance), keyed by the
 * step definition id, so administrators change them without code.
 *
 * A round starts with the secretariat's triage. Then the grant path (when a DigiFin grant
 * is requested) and then the path of the case's nivå:
 *   grant:  KommIT-rådet recommends → KS' adm. dir. decides (refusal ends the case)
 *   nivå 1: styret proposes → Representasjonsrådet + samstyringsstrukturen (one step, in
 *           parallel) → generalforsamlingen decides ("GF (etter forutgående forslag fra styret)")
 *   nivå 2: samstyringsstrukturen → styret decides; styret may lift the case to nivå 1
 *   nivå 3: the service's brukerråd → daglig leder decides
 * 'return' sends the case to the applicant (amendment) and then to a fresh round of triage.
 *
 * The amendment step is answered by the applicant, who is not a body. Its unit is owned by
 * the secretariat (bodyId 'sekretariat', which chases it) and its action link goes to the
 * applicant (`answeredBy: 'applicant'`), so the workflow contract needs no change.
 */

export const STEP_DEFINITION_IDS = [
  'triage',
  'escalation',
  'amendment',
  'grant.recommendation',
  'grant.decision',
  'nivaa1.proposal',
  'nivaa1.consultation',
  'nivaa1.decision',
  'nivaa2.consultation',
  'nivaa2.decision',
  'nivaa3.consultation',
  'nivaa3.decision',
] as const;
export type StepDefinitionId = (typeof STEP_DEFINITION_IDS)[number];

/**
 * What happens when a unit ends without an answer (or, for a vote, without quorum):
 *   proceed  — consultations only: treated as "no comments"; statements are advice.
 *   escalate — the secretariat gets an escalation step and, when it confirms, the unanswered
 *              units run again as a fresh round (new deadline; earlier votes do not carry over).
 *   withdraw — amendments only: the case closes as withdrawn (lifecycle.ts: no body decided
 *              on the merits, so the applicant may submit again).
 * Triage and escalation are the secretariat's own steps: without an answer they run again.
 */
export const NO_ANSWER_RULES = ['proceed', 'escalate', 'withdraw'] as const;
export type NoAnswerRule = (typeof NO_ANSWER_RULES)[number];

export interface StepUnitDefinition {
  /** Unit id within the step; the body id, so a unit reads the same in logs and e-mails. */
  unitId: string;
  /** 'brukerrad' means the brukerråd of the case's service (roster `services`). */
  bodyId: BodyId;
}

export interface StepDefinition {
  id: StepDefinitionId;
  kind: StepKind;
  /** How e-mails and the action page word the request. */
  requestKind: RequestKind;
  units: readonly StepUnitDefinition[];
  /** Choices offered on the action page (abstention is added for collective decisions). */
  choices: readonly Choice[];
  /**
   * 'first_answer': one answer closes the unit (the secretariat, the applicant).
   * 'body_rule': the body's configured decision rule tallies its members' answers.
   */
  resolution: 'first_answer' | 'body_rule';
  /** Outcome when enough take part but no choice gets the required support (aksjeloven § 6-25). */
  fallback: Choice;
  /** The choice that means "I take part but abstain" in a collective vote. */
  abstention?: Choice;
  /** Who is told when the step starts and when it ends (applicant and secretariat always). */
  notifyOnStart: readonly Recipient[];
  notifyOnEnd: readonly Recipient[];
  /** Who receives the unit's action link: the body's members, or the applicant. */
  answeredBy: 'body' | 'applicant';
  allowedNoAnswerRules: readonly NoAnswerRule[];
}

const ALWAYS: readonly Recipient[] = ['applicant', 'sekretariat'];
const unit = (bodyId: BodyId): StepUnitDefinition => ({ unitId: bodyId, bodyId });
const DECISION_CHOICES: readonly Choice[] = ['approve', 'reject', 'return'];
const CONSULTATION_CHOICES: readonly Choice[] = ['support', 'object', 'no_comment'];

function consultation(id: StepDefinitionId, bodies: readonly BodyId[], decider: BodyId): StepDefinition {
  return {
    id,
    kind: 'consultation',
    requestKind: 'consultation',
    units: bodies.map(unit),
    choices: CONSULTATION_CHOICES,
    resolution: 'body_rule',
    fallback: 'no_comment',
    notifyOnStart: ALWAYS,
    // The deciding body receives the statements it must take into account.
    notifyOnEnd: [...ALWAYS, decider],
    answeredBy: 'body',
    allowedNoAnswerRules: ['proceed', 'escalate'],
  };
}

function decision(
  id: StepDefinitionId,
  bodyId: BodyId,
  choices: readonly Choice[],
  notifyOnEnd: readonly Recipient[] = [],
): StepDefinition {
  return {
    id,
    kind: 'decision',
    requestKind: 'decision',
    units: [unit(bodyId)],
    choices,
    resolution: 'body_rule',
    fallback: 'reject',
    abstention: 'no_comment',
    notifyOnStart: ALWAYS,
    notifyOnEnd: [...ALWAYS, ...notifyOnEnd],
    answeredBy: 'body',
    allowedNoAnswerRules: ['escalate'],
  };
}

function secretariatStep(id: 'triage' | 'escalation'): StepDefinition {
  return {
    id,
    kind: 'triage',
    // Worded apart: triage confirms a new case's nivå, escalation sends an unanswered step again.
    requestKind: id,
    units: [unit('sekretariat')],
    // Triage: confirm the proposed nivå (an override is stored on the case, lifecycle.ts).
    // Escalation: confirm that the unanswered units run again.
    choices: ['confirm'],
    resolution: 'first_answer',
    fallback: 'confirm',
    notifyOnStart: ALWAYS,
    notifyOnEnd: ALWAYS,
    answeredBy: 'body',
    allowedNoAnswerRules: ['escalate'],
  };
}

export const STEP_DEFINITIONS: Readonly<Record<StepDefinitionId, StepDefinition>> = {
  triage: secretariatStep('triage'),
  escalation: secretariatStep('escalation'),
  amendment: {
    id: 'amendment',
    kind: 'amendment',
    requestKind: 'amendment',
    units: [unit('sekretariat')],
    choices: ['amended'],
    resolution: 'first_answer',
    fallback: 'amended',
    notifyOnStart: ALWAYS,
    notifyOnEnd: ALWAYS,
    answeredBy: 'applicant',
    allowedNoAnswerRules: ['withdraw', 'escalate'],
  },
  // Ch. 12: "tildeling av DigiFin-midler ... ved beslutning hos administrerende direktør i KS
  // etter anbefaling av KommIT-rådet". A negative recommendation is still a recommendation:
  // KS' adm. dir. decides either way.
  'grant.recommendation': {
    ...decision('grant.recommendation', 'kommit_radet', ['recommend', 'not_recommend'], ['ks_adm_dir']),
    requestKind: 'recommendation',
    fallback: 'not_recommend',
  },
  'grant.decision': decision('grant.decision', 'ks_adm_dir', ['approve', 'reject'], ['kommit_radet']),
  // Nivå 1 needs "forutgående forslag fra styret": approve = propose to GF.
  'nivaa1.proposal': decision('nivaa1.proposal', 'styret', DECISION_CHOICES),
  'nivaa1.consultation': consultation(
    'nivaa1.consultation',
    ['representasjonsradet', 'samstyringsstrukturen'],
    'generalforsamling',
  ),
  'nivaa1.decision': decision('nivaa1.decision', 'generalforsamling', DECISION_CHOICES, [
    'styret',
    'representasjonsradet',
    'samstyringsstrukturen',
  ]),
  'nivaa2.consultation': consultation('nivaa2.consultation', ['samstyringsstrukturen'], 'styret'),
  // Ch. 12 row 2: "Saker av strategisk eller stor betydning skal behandles av
  // generalforsamlingen som nivå 1-sak" — styret may lift.
  'nivaa2.decision': decision(
    'nivaa2.decision',
    'styret',
    [...DECISION_CHOICES, 'lift'],
    ['samstyringsstrukturen'],
  ),
  'nivaa3.consultation': consultation('nivaa3.consultation', ['brukerrad'], 'daglig_leder'),
  'nivaa3.decision': decision('nivaa3.decision', 'daglig_leder', DECISION_CHOICES, ['brukerrad']),
};

export const GRANT_PATH: readonly StepDefinitionId[] = ['grant.recommendation', 'grant.decision'];

/**
 * Each nivå's path, from the ch. 12 table's columns "Beslutter" (the body of the path's last
 * step) and "Konsulteres" (the bodies of its consultation steps). The classification's
 * proposal names the same bodies (classification.ts NIVAA_BODIES is read off these paths).
 */
export const NIVAA_PATHS: Readonly<Record<Nivaa, readonly StepDefinitionId[]>> = {
  // "GF (etter forutgående forslag fra styret)"; "Representasjonsråd, Samstyringsstrukturen".
  1: ['nivaa1.proposal', 'nivaa1.consultation', 'nivaa1.decision'],
  // "Styret"; "Samstyringsstrukturen".
  2: ['nivaa2.consultation', 'nivaa2.decision'],
  // "Daglig leder"; "Brukerråd" (the affected service's brukerråd).
  3: ['nivaa3.consultation', 'nivaa3.decision'],
};

/** Styret's lift (nivå 2 → 1) counts as its proposal to GF: the nivå 1 path continues here. */
export const AFTER_LIFT: StepDefinitionId = 'nivaa1.consultation';

export function isStepDefinitionId(id: string): id is StepDefinitionId {
  return (STEP_DEFINITION_IDS as readonly string[]).includes(id);
}

export function stepDefinition(id: string): StepDefinition {
  if (!isStepDefinitionId(id)) throw new RangeError(`Unknown step definition: ${id}`);
  return STEP_DEFINITIONS[id];
}

/** The definition that follows `id` on its own path, or undefined at the end of a path. */
export function nextOnPath(id: StepDefinitionId): StepDefinitionId | undefined {
  for (const path of [GRANT_PATH, ...Object.values(NIVAA_PATHS)]) {
    const at = path.indexOf(id);
    if (at >= 0) return path[at + 1];
  }
  return undefined;
}

/** Message key of a step definition's name (governance catalog). */
export function stepNameKey(id: StepDefinitionId): `governance.step.${StepDefinitionId}` {
  return `governance.step.${id}`;
}
