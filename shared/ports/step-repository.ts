import type { UnitOutcome } from '../kernel/ids';
import type { Answer, CurrentLink, StepRecord, UnitRef } from '../domain/step';
import type { Page, PageRequest } from './page';

/**
 * Steps (item CASE#<caseId> / STEP#<stepId>). Each method is one conditional single-item
 * write and returns the step as stored afterwards (so the caller decides on fresh data, e.g.
 * whether an outcome is now certain, and reads the current task token).
 *
 * Errors: NotFoundError if the step or unit does not exist; ConflictError when the condition
 * does not hold (step or unit closed, member already answered); VersionConflictError (a
 * ConflictError) when `expectedVersion` is given and the stored version differs.
 */
export interface StepRepository {
  /** Stores a new step; ConflictError if it exists. */
  create(step: StepRecord): Promise<void>;
  get(caseId: string, stepId: string): Promise<StepRecord | undefined>;
  /** All steps of a case in step order. */
  listByCase(caseId: string): Promise<StepRecord[]>;
  /**
   * Adds one member's answer. Condition: step and unit open, the member has not answered, and
   * (when given) the version matches. A second answer by the same member → ConflictError.
   */
  recordAnswer(ref: UnitRef, answer: Answer, expectedVersion?: number): Promise<StepRecord>;
  /**
   * Stores the unit's current task token (replacing the previous round's) and, after a
   * reminder, the remaining reminders. Condition: unit open.
   */
  setUnitToken(ref: UnitRef, taskToken: string, remindersLeft?: number): Promise<StepRecord>;
  /**
   * Makes `link` the member's current action link on the unit (superseding any earlier one).
   * Condition: unit open, the member is one of its recipients (else NotFoundError), and no
   * link sent later than `link.sentAt` is current (else ConflictError): of two issuings that
   * overlap, the later e-mail's link wins whichever write lands last.
   */
  setCurrentLink(ref: UnitRef, memberId: string, link: CurrentLink): Promise<StepRecord>;
  /** Closes a unit with its outcome and drops its task token. Condition: unit open. */
  closeUnit(ref: UnitRef, outcome: UnitOutcome, at: Date, expectedVersion?: number): Promise<StepRecord>;
  /** Closes the step (it leaves the open-steps list). Condition: step open. */
  closeStep(caseId: string, stepId: string, at: Date): Promise<StepRecord>;
  /** Open steps whose deadline is before `before`, earliest deadline first (secretariat chasing). */
  listOpenByDeadline(before: Date, page: PageRequest): Promise<Page<StepRecord>>;
}
