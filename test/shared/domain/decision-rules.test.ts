import { describe, expect, it } from 'vitest';
import {
  ABSTAIN,
  type Ballot,
  type DecisionRule,
  DecisionRuleSchema,
  meetsThreshold,
  RatioSchema,
  TallyInputError,
  tally,
} from '../../../shared/domain/decision-rules';

type Option = 'approve' | 'reject' | 'return';
const OPTIONS: readonly Option[] = ['approve', 'reject', 'return'];

const board = DecisionRuleSchema.parse({
  kind: 'majority',
  quorum: { moreThan: '1/2' },
  tieBreaker: 'chair',
  minInFavourOfAllMembers: { moreThan: '1/3' },
});
const twoThirds = DecisionRuleSchema.parse({ kind: 'qualified', minInFavourOfPresent: { atLeast: '2/3' } });
const simple = DecisionRuleSchema.parse({ kind: 'simple' });
const single = DecisionRuleSchema.parse({ kind: 'single' });

/** Members m1..mn; m1 chairs. `votes` are given as choices in member order (undefined = no answer). */
function run(rule: DecisionRule, n: number, votes: (Option | 'abstain' | undefined)[], final = false) {
  const memberIds = Array.from({ length: n }, (_, i) => `m${i + 1}`);
  const ballots: Ballot<Option>[] = votes.flatMap((choice, i) =>
    choice === undefined ? [] : [{ memberId: `m${i + 1}`, choice }],
  );
  return tally({ rule, memberIds, chairId: 'm1', options: OPTIONS, fallback: 'reject', ballots, final });
}
const _ = undefined;
const A = ABSTAIN;

describe('ratios and thresholds', () => {
  it('parses "a/b" exactly and rejects other forms', () => {
    expect(RatioSchema.parse('2/3')).toEqual({ num: 2, den: 3 });
    for (const bad of ['0.5', '4/3', '1/0', '1 / 2', '-1/2']) {
      expect(RatioSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('compares by cross-multiplication: exactly one third is not more than one third', () => {
    const third = { num: 1, den: 3 };
    expect(meetsThreshold(3, 9, { moreThan: third })).toBe(false);
    expect(meetsThreshold(4, 9, { moreThan: third })).toBe(true);
    expect(meetsThreshold(3, 9, { atLeast: third })).toBe(true);
    expect(meetsThreshold(2, 7, { atLeast: third })).toBe(false);
  });
});

describe('majority rule (aksjeloven §§ 6-24, 6-25)', () => {
  it('decides as soon as the remaining members cannot change the outcome', () => {
    expect(run(board, 5, [_, 'approve', 'approve'])).toEqual({ status: 'open' });
    expect(run(board, 5, [_, 'approve', 'approve', 'approve'])).toEqual({ status: 'decided', outcome: 'approve' });
  });

  it('has no quorum when exactly half take part, and has one with more than half', () => {
    expect(run(board, 6, ['approve', 'approve', 'approve'], true)).toEqual({ status: 'failed', reason: 'no_quorum' });
    expect(run(board, 6, ['approve', 'approve', 'approve', A], true)).toEqual({ status: 'decided', outcome: 'approve' });
  });

  it('counts an abstention for the quorum but not as a vote', () => {
    expect(run(board, 5, ['approve', 'approve', A], true)).toEqual({ status: 'decided', outcome: 'approve' });
    expect(run(board, 5, [A, A, A], true)).toEqual({ status: 'decided', outcome: 'reject' });
  });

  it('lets the chair break a tie, and the proposal falls when the chair did not vote for a tied choice', () => {
    expect(run(board, 5, ['approve', 'approve', 'return', 'return'], true)).toEqual({
      status: 'decided',
      outcome: 'approve',
    });
    expect(run(board, 5, ['return', 'approve', 'approve', 'return'], true)).toEqual({
      status: 'decided',
      outcome: 'return',
    });
    expect(run(board, 6, [A, 'approve', 'approve', 'return', 'return'], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
    expect(run(board, 5, [_, 'approve', 'approve', 'return', 'return'], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
    // Before the chair has voted, a tie is still open: the chair decides it.
    expect(run(board, 5, [_, 'approve', 'approve', 'return', 'return'])).toEqual({ status: 'open' });
  });

  it('needs more than one third of all members in favour: exactly one third fails', () => {
    // 9 members, 5 take part: 3 for (= 9/3) is not enough, the proposal falls.
    expect(run(board, 9, ['approve', 'approve', 'approve', 'return', A], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
    expect(run(board, 9, ['approve', 'approve', 'approve', 'approve', A], true)).toEqual({
      status: 'decided',
      outcome: 'approve',
    });
  });

  it('fails at once when no completion can reach the quorum', () => {
    const impossible = DecisionRuleSchema.parse({ ...boardInput(), quorum: { moreThan: '1/1' } });
    expect(run(impossible, 3, [])).toEqual({ status: 'failed', reason: 'no_quorum' });
    expect(run(board, 5, [], true)).toEqual({ status: 'failed', reason: 'no_quorum' });
  });
});

function boardInput() {
  return {
    kind: 'majority',
    quorum: { moreThan: '1/2' },
    tieBreaker: 'chair',
    minInFavourOfAllMembers: { moreThan: '1/3' },
  };
}

describe('qualified rule (2/3 of those present)', () => {
  it('passes with exactly two thirds of those present and fails just under', () => {
    expect(run(twoThirds, 6, ['approve', 'approve', 'approve', 'approve', 'reject', 'reject'], true)).toEqual({
      status: 'decided',
      outcome: 'approve',
    });
    expect(run(twoThirds, 6, ['approve', 'approve', 'approve', 'reject', 'reject'], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
  });

  it('counts abstentions among those present', () => {
    expect(run(twoThirds, 7, ['approve', 'approve', 'approve', 'approve', 'reject', A], true)).toEqual({
      status: 'decided',
      outcome: 'approve',
    });
    expect(run(twoThirds, 7, ['approve', 'approve', 'approve', 'approve', 'reject', A, A], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
  });

  it('decides early only when every completion keeps two thirds', () => {
    expect(run(twoThirds, 3, ['approve', 'approve'])).toEqual({ status: 'decided', outcome: 'approve' });
    expect(run(twoThirds, 4, ['approve', 'approve'])).toEqual({ status: 'open' });
  });
});

describe('simple and single rules', () => {
  it('simple: most votes cast wins; a tie without a tie-breaker falls', () => {
    expect(run(simple, 3, [_, 'approve', 'approve'])).toEqual({ status: 'decided', outcome: 'approve' });
    expect(run(simple, 4, ['approve', 'approve', 'return', 'return'], true)).toEqual({
      status: 'decided',
      outcome: 'reject',
    });
    expect(run(simple, 4, ['approve', 'return', A], true)).toEqual({ status: 'decided', outcome: 'reject' });
  });

  it('single: the one decider decides; without an answer nothing is decided', () => {
    expect(run(single, 1, [])).toEqual({ status: 'open' });
    expect(run(single, 1, ['return'])).toEqual({ status: 'decided', outcome: 'return' });
    expect(run(single, 1, [], true)).toEqual({ status: 'failed', reason: 'no_quorum' });
  });
});

describe('input validation', () => {
  const base = { rule: simple, memberIds: ['a', 'b'], options: OPTIONS, fallback: 'reject' as const };
  it.each([
    ['a non-member ballot', { ...base, ballots: [{ memberId: 'x', choice: 'approve' as const }] }],
    [
      'two ballots from one member',
      {
        ...base,
        ballots: [
          { memberId: 'a', choice: 'approve' as const },
          { memberId: 'a', choice: 'reject' as const },
        ],
      },
    ],
    ['a choice that is not an option', { ...base, ballots: [{ memberId: 'a', choice: 'lift' as Option }] }],
    ['a chair who is not a member', { ...base, chairId: 'x', ballots: [] }],
    ['a single rule with two members', { ...base, rule: single, ballots: [] }],
    ['no members', { ...base, memberIds: [], ballots: [] }],
  ])('rejects %s', (_name, input) => {
    expect(() => tally(input)).toThrow(TallyInputError);
  });
});
