import type { UnitOutcome } from '../../../shared/kernel/ids';
import {
  type Answer,
  AnswerSchema,
  compareAnswers,
  type CurrentLink,
  CurrentLinkSchema,
  type StepRecord,
  StepRecordSchema,
  type StepUnitRecord,
  type UnitRef,
} from '../../../shared/domain/step';
import { ConflictError } from '../../../shared/errors';
import type { Page, PageRequest } from '../../../shared/ports/page';
import type { StepRepository } from '../../../shared/ports/step-repository';
import { toPage } from '../../../functions/adapters/paging';
import { type StepCondition, stepConditionError } from '../../../functions/adapters/step-conditions';
import { clampLimit, decodeCursor, openStepSk } from '../../../functions/adapters/table-layout';
import { clone, Faults } from './faults';

type Method = keyof StepRepository;
type Ref = Omit<UnitRef, 'unitId'> & { unitId?: string };

/** In-memory StepRepository: same conditions, errors, versioning and order as the adapter. */
export class FakeStepRepository implements StepRepository {
  readonly faults = new Faults<Method>();
  private readonly steps = new Map<string, StepRecord>();

  async create(step: StepRecord): Promise<void> {
    this.faults.check('create');
    const parsed = StepRecordSchema.parse(step);
    const key = keyOf(parsed.caseId, parsed.stepId);
    if (this.steps.has(key)) throw new ConflictError('Step already exists');
    this.steps.set(key, clone(normalise(parsed)));
  }

  async get(caseId: string, stepId: string): Promise<StepRecord | undefined> {
    this.faults.check('get');
    const step = this.steps.get(keyOf(caseId, stepId));
    return step && clone(step);
  }

  async listByCase(caseId: string): Promise<StepRecord[]> {
    this.faults.check('listByCase');
    return [...this.steps.values()]
      .filter((s) => s.caseId === caseId)
      .sort((a, b) => (a.stepId < b.stepId ? -1 : 1))
      .map(clone);
  }

  async recordAnswer(ref: UnitRef, answer: Answer, expectedVersion?: number): Promise<StepRecord> {
    this.faults.check('recordAnswer');
    const parsed = AnswerSchema.parse(answer);
    const condition = { stepOpen: true, unitOpen: true, notAnsweredBy: parsed.memberId, expectedVersion };
    return this.update(ref, condition, (_step, unit) => {
      unit!.answers = [...unit!.answers, parsed].sort(compareAnswers);
    });
  }

  async setUnitToken(ref: UnitRef, taskToken: string, remindersLeft?: number): Promise<StepRecord> {
    this.faults.check('setUnitToken');
    return this.update(ref, { unitOpen: true }, (_step, unit) => {
      unit!.taskToken = taskToken;
      if (remindersLeft !== undefined) unit!.remindersLeft = remindersLeft;
    });
  }

  async setCurrentLink(ref: UnitRef, memberId: string, link: CurrentLink): Promise<StepRecord> {
    this.faults.check('setCurrentLink');
    const parsed = CurrentLinkSchema.parse({ ...link, sentAt: new Date(link.sentAt).toISOString() });
    return this.update(ref, { unitOpen: true, linkNotAfter: { memberId, sentAt: parsed.sentAt } }, (_step, unit) => {
      const recipient = unit!.recipients.find((r) => r.memberId === memberId);
      recipient!.currentLink = parsed;
    });
  }

  async closeUnit(ref: UnitRef, outcome: UnitOutcome, at: Date, expectedVersion?: number): Promise<StepRecord> {
    this.faults.check('closeUnit');
    return this.update(ref, { unitOpen: true, expectedVersion }, (_step, unit) => {
      unit!.status = 'closed';
      unit!.outcome = outcome;
      unit!.closedAt = at.toISOString();
      delete unit!.taskToken;
    });
  }

  async closeStep(caseId: string, stepId: string, at: Date): Promise<StepRecord> {
    this.faults.check('closeStep');
    return this.update({ caseId, stepId }, { stepOpen: true }, (step) => {
      step.status = 'closed';
      step.closedAt = at.toISOString();
    });
  }

  async listOpenByDeadline(before: Date, page: PageRequest): Promise<Page<StepRecord>> {
    this.faults.check('listOpenByDeadline');
    const limit = clampLimit(page.limit);
    const after = page.cursor === undefined ? undefined : decodeCursor('openSteps', page.cursor);
    const bound = before.toISOString();
    const key = (s: StepRecord) => openStepSk(s.deadline, s.caseId, s.stepId);
    const due = [...this.steps.values()]
      .filter((s) => s.status === 'open' && key(s) < bound && (after === undefined || key(s) > after))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    return toPage(due.slice(0, limit + 1).map(clone), limit, key);
  }

  private async update(
    ref: Ref,
    condition: StepCondition,
    change: (step: StepRecord, unit: StepUnitRecord | undefined) => void,
  ): Promise<StepRecord> {
    const current = this.steps.get(keyOf(ref.caseId, ref.stepId));
    const reason = stepConditionError(current, ref, condition);
    if (reason) throw reason;
    const next = clone(current!);
    change(next, next.units.find((u) => u.unitId === ref.unitId));
    next.version += 1;
    this.steps.set(keyOf(ref.caseId, ref.stepId), StepRecordSchema.parse(next));
    return clone(next);
  }
}

function keyOf(caseId: string, stepId: string): string {
  return `${caseId}#${stepId}`;
}

/** Answers in store order, as the adapter returns them. */
function normalise(step: StepRecord): StepRecord {
  return { ...step, units: step.units.map((u) => ({ ...u, answers: [...u.answers].sort(compareAnswers) })) };
}
