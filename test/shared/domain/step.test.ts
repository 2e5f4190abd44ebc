import { describe, expect, it } from 'vitest';
import { isUnanswered, pendingRecipients } from '../../../shared/domain/step';
import { UNIT_OUTCOMES } from '../../../shared/kernel/ids';
import { exampleStep } from '../../support/fixtures/records';

describe('step helpers', () => {
  it('pendingRecipients: the recipients who have not answered, in their order', () => {
    const unit = exampleStep().units[0]!;
    expect(pendingRecipients(unit).map((r) => r.memberId)).toEqual(['m-anne', 'm-bjorn', 'm-cecilie']);
    const answered = {
      ...unit,
      answers: [{ memberId: 'm-bjorn', choice: 'support' as const, at: '2026-03-03T10:00:00.000Z' }],
    };
    expect(pendingRecipients(answered)).toEqual([
      { memberId: 'm-anne', language: 'nb' },
      { memberId: 'm-cecilie', language: 'en' },
    ]);
  });

  it('isUnanswered: only no_answer and no_quorum, not an open unit', () => {
    expect(UNIT_OUTCOMES.filter(isUnanswered)).toEqual(['no_answer', 'no_quorum']);
    expect(isUnanswered(undefined)).toBe(false);
  });
});
