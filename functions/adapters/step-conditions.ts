import type { StepRecord, UnitRef } from '../../shared/domain/step';
import { currentLinkOf, findUnit, hasAnswered } from '../../shared/domain/step';
import { ConflictError, NotFoundError, VersionConflictError } from '../../shared/errors';

/**
 * Why a conditional step write cannot apply, or undefined if it can. The DynamoDB adapter
 * uses it to explain a failed ConditionExpression from a fresh read; the in-memory fake uses it
 * as its condition. One function, so both report the same error for the same state.
 */
export interface StepCondition {
  stepOpen?: boolean;
  unitOpen?: boolean;
  notAnsweredBy?: string;
  expectedVersion?: number;
  /** The member is a recipient of the unit and has no current link sent after `sentAt`. */
  linkNotAfter?: { memberId: string; sentAt: string };
}

export function stepConditionError(
  step: StepRecord | undefined,
  ref: Omit<UnitRef, 'unitId'> & { unitId?: string },
  condition: StepCondition,
): Error | undefined {
  if (step === undefined) return new NotFoundError(`Step ${ref.stepId} not found`);
  const unit = ref.unitId === undefined ? undefined : findUnit(step, ref.unitId);
  if (ref.unitId !== undefined && unit === undefined) {
    return new NotFoundError(`Unit ${ref.unitId} not found in step ${ref.stepId}`);
  }
  if (condition.stepOpen && step.status !== 'open') {
    return new ConflictError('Step is closed', { messageKey: 'error.conflict.stepClosed' });
  }
  if (condition.notAnsweredBy !== undefined && unit && hasAnswered(unit, condition.notAnsweredBy)) {
    return new ConflictError('Member has already answered', {
      messageKey: 'error.conflict.alreadyDecided',
    });
  }
  if (condition.unitOpen && unit?.status !== 'open') {
    return new ConflictError('Unit is closed', { messageKey: 'error.conflict.stepClosed' });
  }
  const link = condition.linkNotAfter;
  if (link && unit && !unit.recipients.some((r) => r.memberId === link.memberId)) {
    return new NotFoundError(`Member ${link.memberId} is not a recipient of unit ${unit.unitId}`);
  }
  const current = link && unit && currentLinkOf(unit, link.memberId);
  if (link && current && current.sentAt > link.sentAt) {
    return new ConflictError('A later link is current');
  }
  if (condition.expectedVersion !== undefined && step.version !== condition.expectedVersion) {
    return new VersionConflictError('Step was changed concurrently', condition.expectedVersion);
  }
  return undefined;
}
