import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABSTAIN,
  type Ballot,
  type DecisionRule,
  DecisionRuleSchema,
  type TallyResult,
  tally,
} from '../../../shared/domain/decision-rules';

/**
 * tally's promise: 'decided'/'failed' only when EVERY way the remaining members could still
 * answer gives that result, and 'open' only when at least two results are still possible.
 * Checked against brute-force enumeration of every member-level completion on small bodies.
 */
type Option = 'approve' | 'reject' | 'return';
const OPTIONS: readonly Option[] = ['approve', 'reject', 'return'];
type Answer = Option | typeof ABSTAIN | 'absent';
const ANSWERS: readonly Answer[] = [...OPTIONS, ABSTAIN, 'absent'];

const RULES: Record<string, DecisionRule> = {
  board: DecisionRuleSchema.parse({
    kind: 'majority',
    quorum: { moreThan: '1/2' },
    tieBreaker: 'chair',
    minInFavourOfAllMembers: { moreThan: '1/3' },
  }),
  twoThirds: DecisionRuleSchema.parse({ kind: 'qualified', minInFavourOfPresent: { atLeast: '2/3' } }),
  simpleChair: DecisionRuleSchema.parse({ kind: 'simple', tieBreaker: 'chair' }),
  simpleQuorum: DecisionRuleSchema.parse({ kind: 'simple', quorum: { atLeast: '1/2' } }),
};

interface Scenario {
  rule: DecisionRule;
  memberIds: string[];
  chairId: string | undefined;
  /** Every member's eventual answer, in the order they answer. */
  order: { memberId: string; answer: Answer }[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    ruleName: fc.constantFrom(...Object.keys(RULES)),
    size: fc.integer({ min: 1, max: 5 }),
    hasChair: fc.boolean(),
    answers: fc.array(fc.constantFrom(...ANSWERS), { minLength: 5, maxLength: 5 }),
    seed: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ ruleName, size, hasChair, answers, seed }) => {
    const memberIds = Array.from({ length: size }, (_, i) => `m${i}`);
    const order = memberIds
      .map((memberId, i) => ({ memberId, answer: answers[i]!, key: seed[i]! }))
      .sort((a, b) => a.key - b.key)
      .map(({ memberId, answer }) => ({ memberId, answer }));
    return { rule: RULES[ruleName]!, memberIds, chairId: hasChair ? 'm0' : undefined, order };
  });

function ballots(answers: readonly { memberId: string; answer: Answer }[]): Ballot<Option>[] {
  return answers.flatMap(({ memberId, answer }) => (answer === 'absent' ? [] : [{ memberId, choice: answer }]));
}

function run(s: Scenario, given: Ballot<Option>[], final: boolean): TallyResult<Option> {
  return tally({
    rule: s.rule,
    memberIds: s.memberIds,
    ...(s.chairId ? { chairId: s.chairId } : {}),
    options: OPTIONS,
    fallback: 'reject',
    ballots: given,
    final,
  });
}

const key = (r: TallyResult<Option>) => JSON.stringify(r);

/** Final results of every completion of `given` (each remaining member: any answer or none). */
function completionResults(s: Scenario, given: Ballot<Option>[]): Set<string> {
  const answered = new Set(given.map((b) => b.memberId));
  const remaining = s.memberIds.filter((id) => !answered.has(id));
  const results = new Set<string>();
  const walk = (i: number, acc: Ballot<Option>[]) => {
    if (i === remaining.length) {
      results.add(key(run(s, acc, true)));
      return;
    }
    for (const answer of ANSWERS) {
      walk(i + 1, answer === 'absent' ? acc : [...acc, { memberId: remaining[i]!, choice: answer }]);
    }
  };
  walk(0, given);
  return results;
}

describe('tally (property-based)', () => {
  it('reports an outcome exactly when every completion leads to it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (let k = 0; k <= s.order.length; k += 1) {
          const given = ballots(s.order.slice(0, k));
          const result = run(s, given, false);
          const possible = completionResults(s, given);
          if (result.status === 'open') {
            expect(possible.size).toBeGreaterThan(1);
          } else {
            expect([...possible]).toEqual([key(result)]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone: once decided or failed, further answers never change the result', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let settled: string | undefined;
        for (let k = 0; k <= s.order.length; k += 1) {
          const result = run(s, ballots(s.order.slice(0, k)), false);
          if (settled !== undefined) expect(key(result)).toBe(settled);
          if (result.status !== 'open') settled = key(result);
        }
        const final = run(s, ballots(s.order), true);
        if (settled !== undefined) expect(key(final)).toBe(settled);
      }),
      { numRuns: 500 },
    );
  });

  it('is settled once every member has answered, and agrees with the final evaluation', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const everyone = s.order.map(({ memberId, answer }) => ({
          memberId,
          answer: answer === 'absent' ? ABSTAIN : answer,
        }));
        const given = ballots(everyone);
        const result = run(s, given, false);
        expect(result.status).not.toBe('open');
        expect(key(result)).toBe(key(run(s, given, true)));
      }),
    );
  });
});
