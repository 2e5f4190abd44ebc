import { beforeEach, expect, it } from 'vitest';
import type { Answer, StepRecord } from '../../../shared/domain/step';
import { ConflictError, NotFoundError, VersionConflictError } from '../../../shared/errors';
import { exampleCase, exampleStep } from '../fixtures/records';
import type { MakePorts, PersistencePorts } from './ports';

const CASE = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
const styret = { caseId: CASE, stepId: '001', unitId: 'styret' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 3, 8, minute)).toISOString();
const answer = (memberId: string, minute: number, extra: Partial<Answer> = {}): Answer => ({
  memberId,
  choice: 'support',
  at: at(minute),
  ...extra,
});

function messageKeyOf(error: unknown): string | undefined {
  return error instanceof ConflictError ? error.messageKey : undefined;
}

export function stepRepositoryContract(makePorts: MakePorts): void {
  let ports: PersistencePorts;
  let step: StepRecord;
  beforeEach(async () => {
    ports = await makePorts();
    step = exampleStep();
    await ports.steps.create(step);
  });

  it('stores a step and reads it back unchanged; a second create conflicts', async () => {
    expect(await ports.steps.get(CASE, '001')).toEqual(step);
    expect(await ports.steps.get(CASE, '002')).toBeUndefined();
    await expect(ports.steps.create(exampleStep({ definitionId: 'other' }))).rejects.toBeInstanceOf(ConflictError);
    expect((await ports.steps.get(CASE, '001'))?.definitionId).toBe('nivaa2.consultation');
  });

  it('lists the steps of one case in step order, and nothing else stored under the case', async () => {
    await ports.cases.create(exampleCase({ caseId: CASE }));
    await ports.steps.create(exampleStep({ stepId: '003' }));
    await ports.steps.create(exampleStep({ stepId: '002' }));
    await ports.steps.create(exampleStep({ caseId: 'bbbbbbbbbbbbbbbbbbbbbbbbbb' }));
    expect((await ports.steps.listByCase(CASE)).map((s) => s.stepId)).toEqual(['001', '002', '003']);
    expect(await ports.steps.listByCase('cccccccccccccccccccccccccc')).toEqual([]);
  });

  it('records one answer per member, bumping the version each time', async () => {
    const after = await ports.steps.recordAnswer(styret, answer('m-anne', 1, { comment: 'Enig.' }));
    expect(after.version).toBe(2);
    expect(after.units[0]?.answers).toEqual([answer('m-anne', 1, { comment: 'Enig.' })]);

    const again = await ports.steps.recordAnswer(styret, answer('m-anne', 2, { choice: 'object' })).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(messageKeyOf(again)).toBe('error.conflict.alreadyDecided');

    const third = await ports.steps.recordAnswer(styret, answer('m-bjorn', 3, { choice: 'object' }), 2);
    expect(third.version).toBe(3);
    expect(third.units[0]?.answers.map((a) => [a.memberId, a.choice])).toEqual([
      ['m-anne', 'support'],
      ['m-bjorn', 'object'],
    ]);
    expect(await ports.steps.get(CASE, '001')).toEqual(third);
  });

  it('lets concurrent answers by different members all land, and only one of a double click', async () => {
    const members = ['m-anne', 'm-bjorn', 'm-cecilie'];
    await Promise.all(members.map((m, i) => ports.steps.recordAnswer(styret, answer(m, i))));
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => ports.steps.recordAnswer({ ...styret, unitId: 'brukerrad' }, answer('m-dag', i))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const stored = (await ports.steps.get(CASE, '001'))!;
    expect(stored.units[0]?.answers.map((a) => a.memberId)).toEqual(members);
    expect(stored.units[1]?.answers).toHaveLength(1);
    expect(stored.version).toBe(5);
  });

  it('rejects an answer against a stale version and changes nothing', async () => {
    await ports.steps.recordAnswer(styret, answer('m-anne', 1));
    const error = await ports.steps.recordAnswer(styret, answer('m-bjorn', 2), 1).catch((e) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((await ports.steps.get(CASE, '001'))?.units[0]?.answers.map((a) => a.memberId)).toEqual(['m-anne']);
  });

  it('reports unknown steps and units as not found', async () => {
    await expect(ports.steps.recordAnswer({ ...styret, stepId: '009' }, answer('m-anne', 1))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(ports.steps.recordAnswer({ ...styret, unitId: 'nope' }, answer('m-anne', 1))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(ports.steps.setUnitToken({ ...styret, unitId: 'nope' }, 'tok')).rejects.toBeInstanceOf(NotFoundError);
    await expect(ports.steps.closeStep(CASE, '009', new Date(at(1)))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('replaces the task token each round and records the reminders left', async () => {
    const first = await ports.steps.setUnitToken(styret, 'token-round-1');
    expect(first.units[0]).toMatchObject({ taskToken: 'token-round-1', remindersLeft: 2 });
    const second = await ports.steps.setUnitToken(styret, 'token-round-2', 1);
    expect(second.units[0]).toMatchObject({ taskToken: 'token-round-2', remindersLeft: 1 });
    expect(second.units[1]?.taskToken).toBeUndefined();
    expect(second.version).toBe(3);
  });

  it('closes a unit once: outcome set, token dropped, further answers and tokens refused', async () => {
    await ports.steps.setUnitToken(styret, 'token-round-1');
    const closed = await ports.steps.closeUnit(styret, 'no_answer', new Date(at(30)));
    expect(closed.units[0]).toMatchObject({ status: 'closed', outcome: 'no_answer', closedAt: at(30) });
    expect(closed.units[0]?.taskToken).toBeUndefined();
    expect(closed.units[1]?.status).toBe('open');
    expect(closed.status).toBe('open');

    for (const attempt of [
      () => ports.steps.closeUnit(styret, 'approve', new Date(at(31))),
      () => ports.steps.recordAnswer(styret, answer('m-anne', 31)),
      () => ports.steps.setUnitToken(styret, 'token-round-2'),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(messageKeyOf(error)).toBe('error.conflict.stepClosed');
    }
    expect(await ports.steps.get(CASE, '001')).toEqual(closed);
  });

  it("records each member's current action link: a later one replaces it, an earlier one is refused", async () => {
    const link = (hash: string, minute: number) => ({ tokenHash: hash.repeat(64), sentAt: at(minute), subject: `Sak ${minute}` });
    const first = await ports.steps.setCurrentLink(styret, 'm-bjorn', link('a', 1));
    expect(first.version).toBe(2);
    expect(first.units[0]?.recipients).toEqual([
      { memberId: 'm-anne', language: 'nb' },
      { memberId: 'm-bjorn', language: 'nn', currentLink: link('a', 1) },
      { memberId: 'm-cecilie', language: 'en' },
    ]);
    const second = await ports.steps.setCurrentLink(styret, 'm-bjorn', link('b', 5));
    expect(second.units[0]?.recipients[1]?.currentLink).toEqual(link('b', 5));
    // An issuing that overlapped and sent its e-mail earlier does not take over.
    await expect(ports.steps.setCurrentLink(styret, 'm-bjorn', link('c', 3))).rejects.toBeInstanceOf(ConflictError);
    expect(await ports.steps.get(CASE, '001')).toEqual(second);

    await expect(ports.steps.setCurrentLink(styret, 'm-dag', link('d', 6))).rejects.toBeInstanceOf(NotFoundError);
    await expect(ports.steps.setCurrentLink({ ...styret, unitId: 'nope' }, 'm-bjorn', link('d', 6))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await ports.steps.closeUnit(styret, 'support', new Date(at(7)));
    const closed = await ports.steps.setCurrentLink(styret, 'm-anne', link('e', 8)).catch((e) => e);
    expect(messageKeyOf(closed)).toBe('error.conflict.stepClosed');
    expect((await ports.steps.get(CASE, '001'))?.units[0]?.recipients[0]?.currentLink).toBeUndefined();
  });

  it('closes a unit only over the expected version when one is given', async () => {
    await ports.steps.recordAnswer(styret, answer('m-anne', 1));
    await expect(ports.steps.closeUnit(styret, 'support', new Date(at(2)), 1)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    const closed = await ports.steps.closeUnit(styret, 'support', new Date(at(2)), 2);
    expect(closed.units[0]?.outcome).toBe('support');
  });

  it('closes a step once; a closed step takes no answers', async () => {
    const closed = await ports.steps.closeStep(CASE, '001', new Date(at(40)));
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(40), version: 2 });
    await expect(ports.steps.closeStep(CASE, '001', new Date(at(41)))).rejects.toBeInstanceOf(ConflictError);
    const error = await ports.steps.recordAnswer(styret, answer('m-anne', 42)).catch((e) => e);
    expect(messageKeyOf(error)).toBe('error.conflict.stepClosed');
  });

  it('lists open steps due before a time, earliest deadline first, in pages', async () => {
    const deadlines = ['2026-03-20T10:00:00.000Z', '2026-03-10T10:00:00.000Z', '2026-04-30T10:00:00.000Z'];
    for (const [i, deadline] of deadlines.entries()) {
      await ports.steps.create(
        exampleStep({
          caseId: `${'d'.repeat(25)}${'abc'[i]}`,
          units: [{ unitId: 'u', bodyId: 'styret', remindersLeft: 0, deadline, recipients: [] }],
        }),
      );
    }
    // exampleStep's own deadline is 2026-03-16; a closed step never shows.
    await ports.steps.create(exampleStep({ stepId: '002' }));
    await ports.steps.closeStep(CASE, '002', new Date(at(1)));

    const before = new Date('2026-04-01T00:00:00.000Z');
    const first = await ports.steps.listOpenByDeadline(before, { limit: 2 });
    const rest = await ports.steps.listOpenByDeadline(before, { limit: 2, cursor: first.nextCursor });
    const order = [...first.items, ...rest.items].map((s) => `${s.caseId.slice(-1)}/${s.stepId}:${s.deadline.slice(5, 10)}`);
    expect(order).toEqual(['b/001:03-10', 'a/001:03-16', 'a/001:03-20']);
    expect(rest.nextCursor).toBeUndefined();
    // The deadline itself is not "before".
    const exact = await ports.steps.listOpenByDeadline(new Date('2026-03-10T10:00:00.000Z'), { limit: 5 });
    expect(exact.items).toEqual([]);
  });
}
