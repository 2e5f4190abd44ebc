import type { Case } from '../domain/case';
import type { BodyId, Choice, Language, Nivaa, Recipient, RequestKind, UnitOutcome } from '../kernel/ids';
import type { Plannability, PlanResult } from '../domain/planner';
import type { StepRecord, StepUnitRecord } from '../domain/step';

/**
 * What the workflow use cases need from the governance configuration and the process planner
 * (shared/governance, shared/domain/planner.ts, decision-rules.ts). Kept as one narrow
 * interface so the use cases read as the workflow, not as configuration plumbing; the
 * implementation (governance-rules.ts) is pure and driven by the versioned roster.
 */
export interface WorkflowRules {
  /** The next step of the case, or how it ends, from the case and its steps so far. */
  plan(c: Case, steps: readonly StepRecord[], now: Date): PlanResult;
  /**
   * Whether the round a triage of the case at its nivå starts can be planned to its end
   * (every unit staffed from the roster), or the body that cannot be staffed.
   */
  canPlan(c: Case): Plannability;
  /** canPlan for each nivå the case could be triaged to. */
  plannableNivaaer(c: Case): Array<{ nivaa: Nivaa } & Plannability>;
  /** Everyone in a body who is told about a case (for brukerråd: the case's service's council). */
  contactsOf(recipient: Recipient, c: Case): Contact[];
  /** The members of a body who act on its behalf (who vote: not deputies or secretaries). */
  actionContactsOf(bodyId: BodyId, c: Case): Contact[];
  /** Whether the unit's action link goes to the body's members or to the applicant. */
  answeredBy(definitionId: string): 'body' | 'applicant';
  /** Who is told when a step of this definition starts / ends (always applicant + secretariat). */
  notifyOnStart(definitionId: string): Recipient[];
  notifyOnEnd(definitionId: string): Recipient[];
  /** Choices an action link of this step's body allows. */
  allowedChoices(definitionId: string, bodyId: BodyId, c: Case): Choice[];
  /** How e-mails and pages word the request. */
  requestKind(definitionId: string): RequestKind;
  /**
   * The unit's outcome if it is already certain from its answers; with `final` (deadline
   * passed, no more answers can come) it always returns the outcome under the configured
   * no-answer rule.
   */
  outcome(c: Case, step: StepRecord, unit: StepUnitRecord, final: boolean): UnitOutcome | undefined;
  /**
   * Seconds the unit waits from `now` with `remindersLeft` reminders still to send: until the
   * next reminder is due, or until the deadline when none are left (at least 1).
   */
  waitSeconds(step: StepRecord, unit: StepUnitRecord, remindersLeft: number, now: Date): number;
}

export interface Contact {
  /** Roster member id, or 'applicant' / 'secretariat'. Never an e-mail address. */
  memberId: string;
  name?: string;
  email: string;
  language: Language;
}
