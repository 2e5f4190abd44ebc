import { z } from 'zod';

/**
 * How a collective body reaches an outcome, as configuration data (styret acts under
 * aksjeloven, Eierstrategi ch. 9). Thresholds are exact ratios of integers and are
 * compared by cross-multiplication, never as floats, so "exactly one third" is exact.
 *
 * Participation: a member takes part by answering. An abstention (a decision step's
 * `no_comment`, passed to tally as ABSTAIN) takes part, so it counts for the quorum and in
 * "those present", but it is not a vote cast for any choice. This follows aksjeloven § 6-24
 * (quorum counts those who take part in the handling) and § 6-25 (the decision is what most
 * of the votes cast are for). A member who never answers does not take part.
 *
 * Every rule also needs at least one participant: with nobody taking part nothing is decided.
 */

/** A fraction num/den with 0 ≤ num ≤ den, den > 0, written "1/2" in configuration. */
export interface Ratio {
  num: number;
  den: number;
}

const RATIO_PATTERN = /^(\d{1,4})\/(\d{1,4})$/;

export const RatioSchema = z
  .string()
  .regex(RATIO_PATTERN, { error: 'A ratio is written "numerator/denominator", e.g. "2/3"' })
  .transform((text): Ratio => {
    const [, num, den] = RATIO_PATTERN.exec(text) ?? [];
    return { num: Number(num), den: Number(den) };
  })
  .refine((r) => r.den > 0 && r.num <= r.den, { error: 'A ratio must be between 0/1 and 1/1' });

/** A share that a count must reach: strictly more than, or at least, the ratio. */
export const ThresholdSchema = z.union([
  z.strictObject({ moreThan: RatioSchema }),
  z.strictObject({ atLeast: RatioSchema }),
]);
export type Threshold = z.infer<typeof ThresholdSchema>;

export const TieBreakerSchema = z.enum(['chair', 'none']);
export type TieBreaker = z.infer<typeof TieBreakerSchema>;

export const DecisionRuleSchema = z.discriminatedUnion('kind', [
  /** One decider (daglig leder, KS' adm. dir.): their answer is the outcome. */
  z.strictObject({ kind: z.literal('single') }),
  /**
   * Aksjeloven §§ 6-24/6-25 for a board: `quorum` is the share of ALL members who must take
   * part (more than 1/2), the choice with most votes cast wins, a tie goes to the chair's
   * choice, and the winning votes must be `minInFavourOfAllMembers` (more than 1/3) of all members.
   */
  z.strictObject({
    kind: z.literal('majority'),
    quorum: ThresholdSchema,
    tieBreaker: TieBreakerSchema,
    minInFavourOfAllMembers: ThresholdSchema,
  }),
  /**
   * Qualified majority of those present (Eierstrategi ch. 7, Representasjonsrådet: at least
   * 2/3 of the representatives present for an ownership-strategy change).
   */
  z.strictObject({
    kind: z.literal('qualified'),
    minInFavourOfPresent: ThresholdSchema,
    quorum: ThresholdSchema.optional(),
    tieBreaker: TieBreakerSchema.optional(),
  }),
  /** Simple majority: the choice with most votes cast among those taking part wins. */
  z.strictObject({
    kind: z.literal('simple'),
    quorum: ThresholdSchema.optional(),
    tieBreaker: TieBreakerSchema.optional(),
  }),
]);
export type DecisionRule = z.infer<typeof DecisionRuleSchema>;
export type DecisionRuleKind = DecisionRule['kind'];

/** `count` out of `total` reaches the threshold; exact integer arithmetic. */
export function meetsThreshold(count: number, total: number, threshold: Threshold): boolean {
  if ('moreThan' in threshold) return count * threshold.moreThan.den > threshold.moreThan.num * total;
  return count * threshold.atLeast.den >= threshold.atLeast.num * total;
}

export const ABSTAIN = 'abstain';
export type Abstain = typeof ABSTAIN;

export interface Ballot<C extends string> {
  memberId: string;
  choice: C | Abstain;
}

export interface TallyInput<C extends string> {
  rule: DecisionRule;
  /** Ids of the members entitled to vote (deputies and secretaries are not). */
  memberIds: readonly string[];
  /** Chair of the meeting (breaks ties under tieBreaker 'chair'); must be a member. */
  chairId?: string;
  /** The choices members can vote for. */
  options: readonly C[];
  /**
   * The outcome when enough members take part but no choice gets the required support (a
   * tie nobody breaks, too few in favour). Aksjeloven § 6-25: a proposal without the
   * required majority falls, so for decisions this is 'reject'. Must be one of the options.
   */
  fallback: C;
  ballots: readonly Ballot<C>[];
  /** No more ballots can come (the deadline has passed): evaluate as they stand. */
  final?: boolean;
}

export type TallyResult<C extends string> =
  | { status: 'decided'; outcome: C }
  | { status: 'open' }
  | { status: 'failed'; reason: 'no_quorum' };

export class TallyInputError extends Error {
  override readonly name = 'TallyInputError';
}

interface Requirements {
  quorum: Threshold | undefined;
  tieBreaker: TieBreaker;
  inFavourOfAll: Threshold | undefined;
  inFavourOfPresent: Threshold | undefined;
}

function requirements(rule: DecisionRule): Requirements {
  switch (rule.kind) {
    case 'single':
      return { quorum: undefined, tieBreaker: 'none', inFavourOfAll: undefined, inFavourOfPresent: undefined };
    case 'majority':
      return {
        quorum: rule.quorum,
        tieBreaker: rule.tieBreaker,
        inFavourOfAll: rule.minInFavourOfAllMembers,
        inFavourOfPresent: undefined,
      };
    case 'qualified':
      return {
        quorum: rule.quorum,
        tieBreaker: rule.tieBreaker ?? 'none',
        inFavourOfAll: undefined,
        inFavourOfPresent: rule.minInFavourOfPresent,
      };
    case 'simple':
      return {
        quorum: rule.quorum,
        tieBreaker: rule.tieBreaker ?? 'none',
        inFavourOfAll: undefined,
        inFavourOfPresent: undefined,
      };
  }
}

/** A complete picture: votes per option (same order as options), abstentions, chair's answer. */
interface Counts<C extends string> {
  votes: number[];
  abstained: number;
  chair: C | Abstain | undefined;
}

type Final<C extends string> = { status: 'decided'; outcome: C } | { status: 'failed'; reason: 'no_quorum' };

function evaluate<C extends string>(
  req: Requirements,
  memberCount: number,
  options: readonly C[],
  fallback: C,
  counts: Counts<C>,
): Final<C> {
  let cast = 0;
  let most = 0;
  let tied = 0;
  let leader: C | undefined;
  let chairTied = false;
  // One pass, no allocation: this runs for every completion tally() explores.
  for (let i = 0; i < options.length; i += 1) {
    const n = counts.votes[i]!;
    cast += n;
    if (n > most) {
      most = n;
      tied = 1;
      leader = options[i];
      chairTied = options[i] === counts.chair;
    } else if (n === most && n > 0) {
      tied += 1;
      chairTied ||= options[i] === counts.chair;
    }
  }
  const present = cast + counts.abstained;
  if (present === 0 || (req.quorum && !meetsThreshold(present, memberCount, req.quorum))) {
    return { status: 'failed', reason: 'no_quorum' };
  }
  const fell = { status: 'decided', outcome: fallback } as const;
  if (most === 0) return fell;
  let winner: C | undefined = tied === 1 ? leader : undefined;
  // Aksjeloven § 6-25: on a tie, what the chair of the meeting voted for applies.
  if (winner === undefined && req.tieBreaker === 'chair' && chairTied) {
    winner = counts.chair as C;
  }
  if (winner === undefined || winner === fallback) return fell;
  if (req.inFavourOfAll && !meetsThreshold(most, memberCount, req.inFavourOfAll)) return fell;
  if (req.inFavourOfPresent && !meetsThreshold(most, present, req.inFavourOfPresent)) return fell;
  return { status: 'decided', outcome: winner };
}

function validate<C extends string>(input: TallyInput<C>): void {
  const members = new Set(input.memberIds);
  if (members.size !== input.memberIds.length) throw new TallyInputError('Duplicate member ids');
  if (members.size === 0) throw new TallyInputError('A body needs at least one member');
  if (input.rule.kind === 'single' && members.size !== 1) {
    throw new TallyInputError(`A single-decider rule needs exactly one member, got ${members.size}`);
  }
  if (input.chairId !== undefined && !members.has(input.chairId)) {
    throw new TallyInputError('The chair must be a member');
  }
  if (!input.options.includes(input.fallback)) throw new TallyInputError('Fallback must be an option');
  const seen = new Set<string>();
  for (const ballot of input.ballots) {
    if (!members.has(ballot.memberId)) throw new TallyInputError('Ballot from a non-member');
    if (seen.has(ballot.memberId)) throw new TallyInputError('More than one ballot from a member');
    if (ballot.choice !== ABSTAIN && !input.options.includes(ballot.choice)) {
      throw new TallyInputError(`Choice ${ballot.choice} is not an option`);
    }
    seen.add(ballot.memberId);
  }
}

/** What a remaining member may still do: vote an option (index), abstain, or never answer. */
type Completion = { kind: 'vote'; index: number } | { kind: 'abstain' } | { kind: 'absent' };

/**
 * Whether the outcome is settled by the ballots so far. 'decided' and 'failed' are reported
 * only when EVERY way the remaining members could still answer (vote any option, abstain,
 * or not answer) leads to that same result; otherwise 'open'. Hence monotone: further
 * ballots never change a settled result. With `final`, the ballots are evaluated as they stand.
 *
 * Votes are anonymous except the chair's (tie-break), so the search runs over vote counts
 * of the remaining ordinary members, times the chair's possible answers.
 */
export function tally<C extends string>(input: TallyInput<C>): TallyResult<C> {
  validate(input);
  const req = requirements(input.rule);
  const { options, fallback, memberIds } = input;
  const base: Counts<C> = { votes: options.map(() => 0), abstained: 0, chair: undefined };
  for (const ballot of input.ballots) {
    if (ballot.choice === ABSTAIN) base.abstained += 1;
    else base.votes[options.indexOf(ballot.choice)]! += 1;
    if (ballot.memberId === input.chairId) base.chair = ballot.choice;
  }
  const evaluateCounts = (counts: Counts<C>) => evaluate(req, memberIds.length, options, fallback, counts);
  if (input.final) return evaluateCounts(base);

  const answered = new Set(input.ballots.map((b) => b.memberId));
  const chairRemaining = input.chairId !== undefined && !answered.has(input.chairId);
  const othersRemaining = memberIds.length - answered.size - (chairRemaining ? 1 : 0);
  const moves: Completion[] = [
    ...options.map((_, index) => ({ kind: 'vote', index }) as const),
    { kind: 'abstain' },
    { kind: 'absent' },
  ];
  const chairMoves: readonly (Completion | undefined)[] = chairRemaining ? moves : [undefined];

  let first: Final<C> | undefined;
  const same = (a: Final<C>, b: Final<C>) =>
    a.status === b.status && (a.status === 'failed' || a.outcome === (b as { outcome: C }).outcome);
  // One mutable picture, changed and restored around each recursion (no copies per completion).
  const counts: Counts<C> = { votes: [...base.votes], abstained: base.abstained, chair: base.chair };
  const add = (move: Completion, n: number) => {
    if (move.kind === 'vote') counts.votes[move.index]! += n;
    else if (move.kind === 'abstain') counts.abstained += n;
  };
  // Distributes `left` remaining members over moves[from..]; false once two results differ.
  const distribute = (from: number, left: number): boolean => {
    const move = moves[from]!;
    if (from === moves.length - 1) {
      add(move, left);
      const result = evaluateCounts(counts);
      add(move, -left);
      first ??= result;
      return same(result, first);
    }
    for (let n = left; n >= 0; n -= 1) {
      add(move, n);
      const settled = distribute(from + 1, left - n);
      add(move, -n);
      if (!settled) return false;
    }
    return true;
  };
  for (const chairMove of chairMoves) {
    if (chairMove) {
      add(chairMove, 1);
      if (chairMove.kind !== 'absent') {
        counts.chair = chairMove.kind === 'vote' ? options[chairMove.index] : ABSTAIN;
      }
    }
    const settled = distribute(0, othersRemaining);
    if (chairMove) {
      add(chairMove, -1);
      counts.chair = base.chair;
    }
    if (!settled) return { status: 'open' };
  }
  return first ?? { status: 'open' };
}
