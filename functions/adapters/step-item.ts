import {
  type Answer,
  compareAnswers,
  type StepRecord,
  StepRecordSchema,
  type StepUnitRecord,
} from '../../shared/domain/step';
import type { Item } from './dynamo-table';
import { OPEN_STEPS_PK, openStepSk, stepKey } from './table-layout';

/**
 * Stored shape of a step. Units are a map keyed by unit id and answers a map keyed by member
 * id, so one UpdateItem can address a unit by id and the condition
 * attribute_not_exists(units.<unit>.answers.<member>) enforces one answer per member.
 */
interface StoredUnit extends Omit<StepUnitRecord, 'unitId' | 'answers'> {
  index: number;
  answers: Record<string, Omit<Answer, 'memberId'>>;
}

export function stepToItem(input: StepRecord): Item {
  const step = StepRecordSchema.parse(input);
  const units: Record<string, StoredUnit> = {};
  step.units.forEach(({ unitId, answers, ...unit }, index) => {
    units[unitId] = {
      ...unit,
      index,
      answers: Object.fromEntries(answers.map(({ memberId, ...answer }) => [memberId, answer])),
    };
  });
  return {
    ...step,
    ...stepKey(step.caseId, step.stepId),
    entity: 'step',
    units,
    ...(step.status === 'open'
      ? { gsi2pk: OPEN_STEPS_PK, gsi2sk: openStepSk(step.deadline, step.caseId, step.stepId) }
      : {}),
  };
}

export function itemToStep(item: Item): StepRecord {
  const { pk: _pk, sk: _sk, entity: _e, gsi2pk: _g, gsi2sk: _s, units, ...rest } = item;
  const stored = Object.entries((units ?? {}) as Record<string, StoredUnit>);
  stored.sort(([, a], [, b]) => a.index - b.index);
  return StepRecordSchema.parse({
    ...rest,
    units: stored.map(([unitId, { index: _index, answers, ...unit }]) => ({
      ...unit,
      unitId,
      answers: Object.entries(answers ?? {})
        .map(([memberId, answer]) => ({ ...answer, memberId }))
        .sort(compareAnswers),
    })),
  });
}
