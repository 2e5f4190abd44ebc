import { type ActionTokenRecord, isWellFormedRawToken, tokenState } from '../domain/action-token';
import type { Case } from '../domain/case';
import type { BodyId, Choice, Nivaa, RequestKind, UnitOutcome } from '../kernel/ids';
import { isFinalStatus } from '../domain/lifecycle';
import { type CurrentLink, currentLinkOf, findUnit, hasAnswered, type StepRecord, type StepUnitRecord } from '../domain/step';
import type { ActionTokenRepository } from '../ports/action-token-repository';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { StepRepository } from '../ports/step-repository';
import type { TokenHasher } from '../ports/token-hasher';

/**
 * The governance rules the action links need. WorkflowRules (workflow-rules.ts) provides both,
 * so a unit is tallied in one place whether an answer, a reminder or the deadline closes it.
 */
export interface ActionRules {
  /** How the step's request is worded (KommIT-rådet's recommendation is a decision step). */
  requestKind(definitionId: string): RequestKind;
  /** The unit's outcome if its answers already make it certain under the body's rule. */
  outcome(c: Case, step: StepRecord, unit: StepUnitRecord, final: boolean): UnitOutcome | undefined;
}

/** Ports for GET /handling/{token}: reads only. */
export interface ShowActionDeps {
  tokens: ActionTokenRepository;
  steps: StepRepository;
  cases: CaseRepository;
  tokenHasher: TokenHasher;
  clock: Clock;
  rules: ActionRules;
}

/** Why a link cannot be used now. */
export type LinkProblem = 'invalid' | 'expired' | 'answered' | 'closed' | 'superseded' | 'caseFinal';

/** A usable link and everything it points at, read at one moment. */
export interface ActionContext {
  tokenHash: string;
  token: ActionTokenRecord;
  step: StepRecord;
  unit: StepUnitRecord;
  caseRecord: Case;
}

export type LinkRefusal = {
  ok: false;
  problem: LinkProblem;
  token?: ActionTokenRecord;
  tokenHash?: string;
  /** For 'superseded': the member's current link (when and in which e-mail it was sent). */
  newerLink?: CurrentLink;
};
export type LinkResolution = { ok: true; context: ActionContext } | LinkRefusal;

/**
 * Looks a raw token up and says whether it can be used now, without changing anything (mail
 * scanners fetch links before people do). "Already answered" wins over "expired" so a holder
 * who acted hears that their answer counts; a link whose unit or step has ended is "closed",
 * one whose case has ended "caseFinal", one replaced by a newer link "superseded".
 */
export async function resolveActionLink(
  deps: Pick<ShowActionDeps, 'tokens' | 'steps' | 'cases' | 'tokenHasher'>,
  rawToken: string,
  now: Date,
): Promise<LinkResolution> {
  // A malformed token never reaches the table (nor the secret).
  if (!isWellFormedRawToken(rawToken)) return { ok: false, problem: 'invalid' };
  const tokenHash = await deps.tokenHasher.hash(rawToken);
  const token = await deps.tokens.getByHash(tokenHash);
  if (!token) return { ok: false, problem: 'invalid' };
  const refused = (problem: LinkProblem): LinkResolution => ({ ok: false, problem, token, tokenHash });
  const state = tokenState(token, now);
  if (state === 'used') return refused('answered');
  if (state === 'superseded') return refused('superseded');
  if (state === 'expired') return refused('expired');

  const [step, caseRecord] = await Promise.all([
    deps.steps.get(token.caseId, token.stepId),
    deps.cases.get(token.caseId),
  ]);
  const unit = step && findUnit(step, token.unitId);
  // A token pointing at nothing is as good as forged: the same 404, no details. An amendment
  // is answered with the amended application (amend-application), never by a bare choice.
  if (!step || !unit || !caseRecord || step.kind === 'amendment') return refused('invalid');
  if (hasAnswered(unit, token.memberId)) return refused('answered');
  if (isFinalStatus(caseRecord.status)) return refused('caseFinal');
  if (unit.status !== 'open' || step.status !== 'open') return refused('closed');
  const newer = supersedingLink(unit, token);
  if (newer) return { ok: false, problem: 'superseded', token, tokenHash, newerLink: newer };
  return { ok: true, context: { tokenHash, token, step, unit, caseRecord } };
}

/**
 * The member's current link if it replaced this one: a different link sent no earlier than this
 * one was made. Links issued before current links were recorded, and a link whose recording as
 * current was cut short (issueActionLinks), are not superseded.
 */
function supersedingLink(unit: StepUnitRecord, token: ActionTokenRecord): CurrentLink | undefined {
  const current = currentLinkOf(unit, token.memberId);
  if (!current || current.tokenHash === token.tokenHash) return undefined;
  return Date.parse(token.createdAt) <= Date.parse(current.sentAt) ? current : undefined;
}

/** One answer from an earlier consultation step (shown to the deciding body). */
export interface ActionStatement {
  bodyId: BodyId;
  choice: Choice;
  /** Member input: whoever shows it escapes it. */
  comment?: string;
}

/** What the link asks its holder, and about which case. */
export interface ActionRequest {
  caseNumber: string;
  title: string;
  organisationName: string;
  nivaa: Nivaa;
  bodyId: BodyId;
  ask: RequestKind;
  /** ISO 8601 UTC: the unit's final deadline. */
  deadline: string;
  /** Statements so far; absent for steps that do not show them (consultations). */
  statements?: readonly ActionStatement[];
  /** The choices this recipient's link allows, in display order. */
  choices: readonly Choice[];
}

/**
 * Statements so far for a decision: every answer given in the case's earlier consultation
 * steps (Eierstrategi ch. 12: the deciding body sees what the consulted bodies said).
 */
async function statementsFor(deps: Pick<ShowActionDeps, 'steps'>, step: StepRecord): Promise<ActionStatement[]> {
  const steps = await deps.steps.listByCase(step.caseId);
  return steps
    .filter((s) => s.kind === 'consultation' && s.stepId < step.stepId)
    .flatMap((s) =>
      s.units.flatMap((u) =>
        u.answers.map((a) => ({
          bodyId: u.bodyId,
          choice: a.choice,
          ...(a.comment === undefined ? {} : { comment: a.comment }),
        })),
      ),
    );
}

export async function actionRequest(deps: ShowActionDeps, context: ActionContext): Promise<ActionRequest> {
  const { step, unit, token, caseRecord } = context;
  const ask = deps.rules.requestKind(step.definitionId);
  const showStatements = step.kind === 'decision';
  return {
    caseNumber: caseRecord.caseNumber,
    title: caseRecord.application.title,
    organisationName: caseRecord.application.applicant.name,
    nivaa: caseRecord.nivaa,
    bodyId: unit.bodyId,
    ask,
    deadline: unit.deadline,
    ...(showStatements ? { statements: await statementsFor(deps, step) } : {}),
    choices: token.allowedChoices,
  };
}

export type ShowActionResult =
  | {
      kind: 'open';
      request: ActionRequest;
      /** The stored key of the link (the page binds its form to it). */
      tokenHash: string;
      recipientLanguage: ActionTokenRecord['language'];
    }
  | LinkProblemResult;

/** GET /handling/{token}: what the link asks, or why it cannot be used. */
export async function showAction(deps: ShowActionDeps, rawToken: string): Promise<ShowActionResult> {
  const resolution = await resolveActionLink(deps, rawToken, deps.clock.now());
  if (!resolution.ok) return linkProblem(resolution.problem, resolution.token, resolution.newerLink);
  const { context } = resolution;
  return {
    kind: 'open',
    request: await actionRequest(deps, context),
    tokenHash: context.tokenHash,
    recipientLanguage: context.token.language,
  };
}

/** A refusal, with the recipient's language when the link is known. */
export interface LinkProblemResult {
  kind: 'problem';
  problem: LinkProblem;
  recipientLanguage?: ActionTokenRecord['language'];
  /** For 'superseded': where the working link is (the page points to that e-mail). */
  newerLink?: CurrentLink;
}

export function linkProblem(
  problem: LinkProblem,
  token: ActionTokenRecord | undefined,
  newerLink?: CurrentLink,
): LinkProblemResult {
  return {
    kind: 'problem',
    problem,
    ...(token ? { recipientLanguage: token.language } : {}),
    ...(newerLink ? { newerLink } : {}),
  };
}
