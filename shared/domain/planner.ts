import { AppError } from '../errors';
import { councilFor, MissingCouncilError } from './governance/lookup';
import type { Governance, StepPolicy } from './governance/schema';
import type { FinalStatus } from './case';
import { ABSTAIN, type Ballot, tally } from './decision-rules';
import { type BodyId, type Choice, NIVAAER, type Nivaa, type RequestKind, type StepKind, type UnitOutcome } from '../kernel/ids';
import {
  AFTER_LIFT,
  GRANT_PATH,
  isStepDefinitionId,
  NIVAA_PATHS,
  nextOnPath,
  STEP_DEFINITIONS,
  type StepDefinition,
  type StepDefinitionId,
} from './process';
import { formatStepId, isUnanswered } from './step';

/**
 * The process planner: from a case's path inputs and its completed steps, the next step (with
 * deadlines and reminder waits from the governance configuration) or how the case ends.
 * Pure; replays the step history, so it needs no stored cursor. Rules, with sources:
 *  - a round is triage → grant path (if a DigiFin grant is requested) → the nivå path
 *    (process.ts, Eierstrategi ch. 12); KS' adm. dir.'s refusal ends the case;
 *  - a decision's reject ends the case as refused; approve moves on (approved at the end);
 *  - 'return' → amendment by the applicant → a fresh round from triage (everything is
 *    handled again, the grant too: the amended application is a new basis);
 *  - 'lift' (styret, nivå 2) counts as styret's proposal to GF, so the nivå 1 path
 *    continues with the consultations and then GF's decision (ch. 12 "etter forutgående
 *    forslag fra styret"); the case's nivå is set to 1 by lifecycle.liftToNivaa1;
 *  - statements never block (they are advice); no answer follows the step's configured rule.
 */

export interface CompletedUnit {
  unitId: string;
  bodyId: BodyId;
  outcome: UnitOutcome;
}

export interface CompletedStep {
  definitionId: string;
  units: readonly CompletedUnit[];
}

export interface ProcessState {
  /** The case's current nivå (the proposal, a triage override, or 1 after a lift). */
  nivaa: Nivaa;
  digifinGrantPath: boolean;
  /** The affected existing service (its brukerråd is consulted on nivå 3). */
  serviceId?: string;
  /** Completed steps, oldest first. */
  steps: readonly CompletedStep[];
}

export interface PlannedUnit {
  unitId: string;
  bodyId: BodyId;
  /** Final deadline, ISO 8601 UTC. */
  deadline: string;
  /** Seconds to the first reminder, or to the deadline when there are no reminders. */
  waitSeconds: number;
  remindersLeft: number;
}

export interface PlannedStep {
  /** Zero-padded sequence number (step.ts formatStepId): completed steps + 1. */
  stepId: string;
  definitionId: StepDefinitionId;
  kind: StepKind;
  requestKind: RequestKind;
  units: PlannedUnit[];
}

export type FinishedReasonKey =
  | 'governance.finished.approved'
  | 'governance.finished.refused'
  | 'governance.finished.grantRefused'
  | 'governance.finished.notProposed'
  | 'governance.finished.withdrawn'
  | 'governance.finished.amendmentMissing';

export type PlanResult =
  | { kind: 'step'; step: PlannedStep }
  | { kind: 'finished'; status: FinalStatus; reasonKey: FinishedReasonKey; bodyId?: BodyId };

/**
 * The steps a fresh case is expected to go through (the receipt page and e-mail show it):
 * triage, then the grant path if DigiFin money is asked for, then the nivå's path
 * (Eierstrategi ch. 12). Returns, amendments or a lift may change it later.
 */
export function pathAhead(proposal: { nivaa: Nivaa; digifinGrantPath: boolean }): StepDefinitionId[] {
  return ['triage', ...(proposal.digifinGrantPath ? GRANT_PATH : []), ...NIVAA_PATHS[proposal.nivaa]];
}

/** The step history cannot be continued (an unknown definition, a step after the end, ...). */
export class ProcessStateError extends AppError {
  override readonly name = 'ProcessStateError';
  readonly code = 'conflict';
  readonly status = 409;
  constructor(message: string) {
    super(message, 'error.conflict.detail');
  }
}

/** THE one place where configured days become seconds (SECONDS_PER_DAY shortens them locally). */
export function deadlineSeconds(days: number, secondsPerDay: number): number {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`Invalid days: ${days}`);
  if (!Number.isSafeInteger(secondsPerDay) || secondsPerDay < 1) {
    throw new RangeError(`Invalid secondsPerDay: ${secondsPerDay}`);
  }
  return days * secondsPerDay;
}

/**
 * Seconds from `now` to the next reminder (reminders are `reminderDaysBefore` the deadline,
 * furthest first) or, with no reminders left, to the deadline. At least 1 (a wait of 0 is
 * not a valid Step Functions timeout, and a late timer must still fire).
 */
export function waitSeconds(
  policy: StepPolicy,
  deadline: Date,
  remindersLeft: number,
  now: Date,
  secondsPerDay: number,
): number {
  const days = policy.reminderDaysBefore;
  if (!Number.isInteger(remindersLeft) || remindersLeft < 0 || remindersLeft > days.length) {
    throw new RangeError(`remindersLeft ${remindersLeft} out of range 0..${days.length}`);
  }
  const before = remindersLeft === 0 ? 0 : days[days.length - remindersLeft]!;
  const target = deadline.getTime() - deadlineSeconds(before, secondsPerDay) * 1000;
  return Math.max(1, Math.ceil((target - now.getTime()) / 1000));
}

type Cursor =
  | { kind: 'step'; definitionId: StepDefinitionId; only?: readonly string[] }
  | { kind: 'finished'; status: FinalStatus; reasonKey: FinishedReasonKey; bodyId?: BodyId };

const finished = (status: FinalStatus, reasonKey: FinishedReasonKey, bodyId?: BodyId): Cursor =>
  bodyId === undefined ? { kind: 'finished', status, reasonKey } : { kind: 'finished', status, reasonKey, bodyId };

const stepCursor = (definitionId: StepDefinitionId): Cursor => ({ kind: 'step', definitionId });

function firstOfNivaaPath(state: ProcessState): Cursor {
  return stepCursor(NIVAA_PATHS[state.nivaa][0]!);
}

/** After a decision step's single unit closed with `outcome`. */
function afterDecision(def: StepDefinition, outcome: UnitOutcome, state: ProcessState): Cursor {
  const bodyId = def.units[0]!.bodyId;
  switch (outcome) {
    case 'approve':
    case 'recommend':
    case 'not_recommend': {
      if (def.id === 'grant.decision') return firstOfNivaaPath(state);
      const next = nextOnPath(def.id);
      return next ? stepCursor(next) : finished('approved', 'governance.finished.approved', bodyId);
    }
    case 'reject': {
      if (def.id === 'grant.decision') return finished('refused', 'governance.finished.grantRefused', bodyId);
      if (def.id === 'nivaa1.proposal') return finished('refused', 'governance.finished.notProposed', bodyId);
      return finished('refused', 'governance.finished.refused', bodyId);
    }
    case 'return':
      return stepCursor('amendment');
    case 'lift':
      if (def.id !== 'nivaa2.decision') break;
      return stepCursor(AFTER_LIFT);
    default:
      break;
  }
  throw new ProcessStateError(`Outcome ${outcome} cannot close step ${def.id}`);
}

export function planNext(
  state: ProcessState,
  governance: Governance,
  now: Date,
  secondsPerDay: number,
): PlanResult {
  let cursor: Cursor = stepCursor('triage');
  let stalled: { definitionId: StepDefinitionId; unitIds: string[] } | undefined;

  const after = (def: StepDefinition, step: CompletedStep): Cursor => {
    if (step.units.some((u) => u.outcome === 'withdrawn')) {
      return finished('withdrawn', 'governance.finished.withdrawn');
    }
    const unanswered = step.units.filter((u) => isUnanswered(u.outcome));
    if (unanswered.length > 0) {
      // The secretariat's own steps simply run again; escalating to itself would change nothing.
      if (def.kind === 'triage') return stepCursor(def.id);
      const rule = governance.steps[def.id].onNoAnswer;
      if (rule === 'withdraw') return finished('withdrawn', 'governance.finished.amendmentMissing');
      if (rule === 'escalate') {
        stalled = { definitionId: def.id, unitIds: unanswered.map((u) => u.unitId) };
        return stepCursor('escalation');
      }
      // 'proceed': the statement counts as "no comments".
      if (def.kind !== 'consultation') throw new ProcessStateError(`${def.id} cannot proceed without an answer`);
    }
    switch (def.kind) {
      case 'triage':
        if (def.id === 'escalation') {
          if (!stalled) throw new ProcessStateError('Escalation without an unanswered step');
          const resume: Cursor = { kind: 'step', definitionId: stalled.definitionId, only: stalled.unitIds };
          stalled = undefined;
          return resume;
        }
        return state.digifinGrantPath ? stepCursor('grant.recommendation') : firstOfNivaaPath(state);
      case 'amendment':
        return stepCursor('triage');
      case 'consultation':
        return stepCursor(nextOnPath(def.id) ?? 'triage');
      case 'decision':
        return afterDecision(def, step.units[0]!.outcome, state);
    }
  };

  for (const step of state.steps) {
    if (cursor.kind === 'finished') throw new ProcessStateError('A step follows the end of the case');
    if (!isStepDefinitionId(step.definitionId)) {
      throw new ProcessStateError(`Unknown step definition ${step.definitionId}`);
    }
    if (step.units.length === 0) throw new ProcessStateError(`Step ${step.definitionId} has no units`);
    cursor = after(STEP_DEFINITIONS[step.definitionId], step);
  }
  if (cursor.kind === 'finished') return cursor;

  const def = STEP_DEFINITIONS[cursor.definitionId];
  const only = cursor.only;
  const policy = governance.steps[def.id];
  const deadline = new Date(now.getTime() + deadlineSeconds(policy.deadlineDays, secondsPerDay) * 1000);
  const remindersLeft = policy.reminderDaysBefore.length;
  const units = def.units
    .filter((u) => only === undefined || only.includes(u.unitId))
    .map((u): PlannedUnit => {
      // Fails early (MissingCouncilError) if the roster cannot staff the unit.
      councilFor(governance, u.bodyId, state.serviceId);
      return {
        unitId: u.unitId,
        bodyId: u.bodyId,
        deadline: deadline.toISOString(),
        waitSeconds: waitSeconds(policy, deadline, remindersLeft, now, secondsPerDay),
        remindersLeft,
      };
    });
  return {
    kind: 'step',
    step: {
      stepId: formatStepId(state.steps.length + 1),
      definitionId: def.id,
      kind: def.kind,
      requestKind: def.requestKind,
      units,
    },
  };
}

/** Whether a nivå's path can run for a case, or the first body on it the roster cannot staff. */
export type Plannability = { plannable: true } | { plannable: false; bodyId: BodyId };

/** What a round's path depends on: the nivå, the grant path and the case's service. */
export type PathInputs = Omit<ProcessState, 'steps'>;

/** A dry run plans no real deadlines: any instant and day length will do. */
const DRY_RUN_AT = new Date(0);

/**
 * Dry-runs planNext over the round a triage starts (triage, the grant path if asked for, the
 * nivå's path) down every branch a decision can take, so that the secretariat cannot send a
 * case down a path the workflow would then fail to plan. planNext itself staffs each unit
 * from the roster (the body, the service's brukerråd on nivå 3, the decision rule), so this
 * is the planner's own check, not a copy of its rules. A return is left out: it starts a
 * fresh round, whose triage is checked again. Earlier rounds do not matter: after a triage
 * planNext starts the paths afresh.
 */
export function canPlan(path: PathInputs, governance: Governance): Plannability {
  const explore = (steps: readonly CompletedStep[]): Plannability => {
    let next: PlanResult;
    try {
      next = planNext({ ...path, steps }, governance, DRY_RUN_AT, 1);
    } catch (error) {
      if (error instanceof MissingCouncilError) return { plannable: false, bodyId: error.bodyId };
      throw error;
    }
    if (next.kind === 'finished') return { plannable: true };
    const def = STEP_DEFINITIONS[next.step.definitionId];
    // Only a decision branches; any one statement (or the triage's confirm) stands for all.
    const outcomes = def.kind === 'decision' ? def.choices.filter((c) => c !== 'return') : def.choices.slice(0, 1);
    for (const outcome of outcomes) {
      const units = next.step.units.map((u) => ({ unitId: u.unitId, bodyId: u.bodyId, outcome }));
      const result = explore([...steps, { definitionId: def.id, units }]);
      if (!result.plannable) return result;
    }
    return { plannable: true };
  };
  return explore([]);
}

/** Each nivå with whether its path can be planned for a case (canPlan). */
export function plannableNivaaer(
  path: Omit<PathInputs, 'nivaa'>,
  governance: Governance,
): Array<{ nivaa: Nivaa } & Plannability> {
  return NIVAAER.map((nivaa) => ({ nivaa, ...canPlan({ ...path, nivaa }, governance) }));
}

/** Choices an action link for this step's body offers (abstention only in collective votes). */
export function allowedChoices(
  governance: Governance,
  definitionId: StepDefinitionId,
  bodyId: BodyId,
  serviceId?: string,
): Choice[] {
  const def = STEP_DEFINITIONS[definitionId];
  const rule = councilFor(governance, bodyId, serviceId).rule;
  const collective = def.resolution === 'body_rule' && rule !== null && rule.kind !== 'single';
  return def.abstention && collective ? [...def.choices, def.abstention] : [...def.choices];
}

export interface UnitAnswer {
  memberId: string;
  choice: Choice;
}

/**
 * A unit's outcome from its answers, or undefined while it is still open. With `final` (the
 * deadline passed) it always returns an outcome: 'no_answer' when nobody answered,
 * 'no_quorum' when too few took part. Answers from people who are no longer voting members
 * of the body (the roster changed mid-step) are not counted.
 */
export function unitOutcome(
  governance: Governance,
  definitionId: StepDefinitionId,
  bodyId: BodyId,
  answers: readonly UnitAnswer[],
  final: boolean,
  serviceId?: string,
): UnitOutcome | undefined {
  const def = STEP_DEFINITIONS[definitionId];
  const valid = answers.filter((a) => a.choice === def.abstention || def.choices.includes(a.choice));
  if (def.resolution === 'first_answer') {
    return valid[0]?.choice ?? (final ? 'no_answer' : undefined);
  }
  const council = councilFor(governance, bodyId, serviceId);
  if (council.rule === null) throw new ProcessStateError(`${bodyId} has no decision rule`);
  const voters = new Set(council.voting.map((m) => m.id));
  const ballots: Ballot<Choice>[] = valid
    .filter((a) => voters.has(a.memberId))
    .map((a) => ({ memberId: a.memberId, choice: a.choice === def.abstention ? ABSTAIN : a.choice }));
  const result = tally({
    rule: council.rule,
    memberIds: [...voters],
    ...(council.chairId !== undefined && voters.has(council.chairId) ? { chairId: council.chairId } : {}),
    options: def.choices,
    fallback: def.fallback,
    ballots,
    final,
  });
  if (result.status === 'decided') return result.outcome;
  if (result.status === 'failed') return ballots.length === 0 ? 'no_answer' : 'no_quorum';
  return undefined;
}
