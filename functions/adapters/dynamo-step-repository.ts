import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { UnitOutcome } from '../../shared/kernel/ids';
import {
  type Answer,
  AnswerSchema,
  type CurrentLink,
  CurrentLinkSchema,
  findUnit,
  type StepRecord,
  type UnitRef,
} from '../../shared/domain/step';
import { ConflictError } from '../../shared/errors';
import type { Page, PageRequest } from '../../shared/ports/page';
import type { StepRepository } from '../../shared/ports/step-repository';
import { type DynamoTable, getItem, type Item, pageCandidates, putNew, updateReturningItem } from './dynamo-table';
import { toPage } from './paging';
import { type StepCondition, stepConditionError } from './step-conditions';
import { itemToStep, stepToItem } from './step-item';
import {
  KEY,
  OPEN_STEPS_INDEX,
  OPEN_STEPS_PK,
  openStepSk,
  STEP_SK_PREFIX,
  stepKey,
} from './table-layout';

interface Update {
  set: string[];
  remove?: string[];
  names: Record<string, string>;
  values: Item;
  conditions: string[];
}

export class DynamoStepRepository implements StepRepository {
  constructor(private readonly table: DynamoTable) {}

  async create(step: StepRecord): Promise<void> {
    await putNew(this.table, stepToItem(step), 'Step already exists');
  }

  async get(caseId: string, stepId: string): Promise<StepRecord | undefined> {
    const item = await getItem(this.table, stepKey(caseId, stepId));
    return item ? itemToStep(item) : undefined;
  }

  async listByCase(caseId: string): Promise<StepRecord[]> {
    const steps: StepRecord[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': stepKey(caseId, '').pk, ':prefix': STEP_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      steps.push(...(out.Items ?? []).map(itemToStep));
      startKey = out.LastEvaluatedKey;
    } while (startKey !== undefined);
    return steps;
  }

  recordAnswer(ref: UnitRef, answer: Answer, expectedVersion?: number): Promise<StepRecord> {
    const { memberId, ...stored } = AnswerSchema.parse(answer);
    return this.update(
      ref,
      { stepOpen: true, unitOpen: true, notAnsweredBy: memberId, expectedVersion },
      {
        set: ['#units.#u.#answers.#m = :answer'],
        names: { '#answers': 'answers', '#m': memberId },
        values: { ':answer': stored, ':open': 'open' },
        conditions: [
          '#st = :open',
          '#units.#u.#st = :open',
          'attribute_not_exists(#units.#u.#answers.#m)',
        ],
      },
    );
  }

  setUnitToken(ref: UnitRef, taskToken: string, remindersLeft?: number): Promise<StepRecord> {
    const set = ['#units.#u.#tt = :token'];
    const names: Record<string, string> = { '#tt': 'taskToken' };
    const values: Item = { ':token': taskToken, ':open': 'open' };
    if (remindersLeft !== undefined) {
      set.push('#units.#u.#rl = :rl');
      names['#rl'] = 'remindersLeft';
      values[':rl'] = remindersLeft;
    }
    return this.update(
      ref,
      { unitOpen: true },
      {
        set,
        names,
        values,
        conditions: ['#units.#u.#st = :open'],
      },
    );
  }

  async setCurrentLink(ref: UnitRef, memberId: string, link: CurrentLink): Promise<StepRecord> {
    const stored = CurrentLinkSchema.parse({ ...link, sentAt: new Date(link.sentAt).toISOString() });
    const condition: StepCondition = { unitOpen: true, linkNotAfter: { memberId, sentAt: stored.sentAt } };
    // Recipients are a list: find the member's place, and make the write conditional on it.
    const step = await this.get(ref.caseId, ref.stepId);
    const index = (step && findUnit(step, ref.unitId))?.recipients.findIndex((r) => r.memberId === memberId) ?? -1;
    if (index < 0) throw stepConditionError(step, ref, condition) ?? new ConflictError('Step changed while updating');
    const recipient = `#units.#u.#rc[${index}]`;
    return this.update(ref, condition, {
      set: [`${recipient}.#cl = :link`],
      names: { '#rc': 'recipients', '#cl': 'currentLink', '#mid': 'memberId', '#sa': 'sentAt' },
      values: { ':link': stored, ':member': memberId, ':sentAt': stored.sentAt, ':open': 'open' },
      conditions: [
        '#units.#u.#st = :open',
        `${recipient}.#mid = :member`,
        // ISO 8601 UTC in one format, so string order is time order.
        `(attribute_not_exists(${recipient}.#cl) OR ${recipient}.#cl.#sa <= :sentAt)`,
      ],
    });
  }

  closeUnit(ref: UnitRef, outcome: UnitOutcome, at: Date, expectedVersion?: number): Promise<StepRecord> {
    return this.update(
      ref,
      { unitOpen: true, expectedVersion },
      {
        set: ['#units.#u.#st = :closed', '#units.#u.#o = :outcome', '#units.#u.#ca = :at'],
        remove: ['#units.#u.#tt'],
        names: { '#o': 'outcome', '#ca': 'closedAt', '#tt': 'taskToken' },
        values: { ':closed': 'closed', ':outcome': outcome, ':at': at.toISOString(), ':open': 'open' },
        conditions: ['#units.#u.#st = :open'],
      },
    );
  }

  closeStep(caseId: string, stepId: string, at: Date): Promise<StepRecord> {
    return this.update(
      { caseId, stepId },
      { stepOpen: true },
      {
        set: ['#st = :closed', '#ca = :at'],
        // Leaves the open-steps index.
        remove: ['gsi2pk', 'gsi2sk'],
        names: { '#ca': 'closedAt' },
        values: { ':closed': 'closed', ':at': at.toISOString(), ':open': 'open' },
        conditions: ['#st = :open'],
      },
    );
  }

  async listOpenByDeadline(before: Date, page: PageRequest): Promise<Page<StepRecord>> {
    const { items, limit } = await pageCandidates(
      this.table,
      { index: OPEN_STEPS_INDEX, gsi: KEY.gsi[1], pkValue: OPEN_STEPS_PK, cursor: 'openSteps', forward: true },
      page,
    );
    // Sort keys start with the canonical deadline, so "deadline < before" is "sk < before".
    const bound = before.toISOString();
    const due = items.filter((item) => String(item[KEY.gsi[1].sortKey]) < bound).map(itemToStep);
    return toPage(due, limit, (s) => openStepSk(s.deadline, s.caseId, s.stepId));
  }

  /** One UpdateItem; on a failed condition, a fresh read says which condition failed. */
  private async update(
    ref: Omit<UnitRef, 'unitId'> & { unitId?: string },
    condition: StepCondition,
    u: Update,
  ): Promise<StepRecord> {
    const names: Record<string, string> = { '#st': 'status', '#version': 'version', ...u.names };
    if (ref.unitId !== undefined) {
      names['#units'] = 'units';
      names['#u'] = ref.unitId;
    }
    const values: Item = { ...u.values, ':one': 1 };
    const conditions = ['attribute_exists(pk)', ...u.conditions];
    if (condition.expectedVersion !== undefined) {
      conditions.push('#version = :expected');
      values[':expected'] = condition.expectedVersion;
    }
    let expression = `SET ${[...u.set, '#version = #version + :one'].join(', ')}`;
    if (u.remove?.length) expression += ` REMOVE ${u.remove.join(', ')}`;
    const item = await updateReturningItem(
      this.table,
      {
        Key: stepKey(ref.caseId, ref.stepId),
        UpdateExpression: expression,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      async (error) => {
        const current = await this.get(ref.caseId, ref.stepId);
        const reason = stepConditionError(current, ref, condition);
        if (!reason) return new ConflictError('Step changed while updating', { cause: error });
        reason.cause = error;
        return reason;
      },
    );
    return itemToStep(item);
  }
}
