import { type ActionTokenRecord, isWellFormedRawToken, tokenState } from '../domain/action-token';
import { type Case, MAX_COMMENT_LENGTH } from '../domain/case';
import type { RequestKind, UnitOutcome } from '../kernel/ids';
import { isFinalStatus } from '../domain/lifecycle';
import { findUnit, hasAnswered, type StepRecord, type StepUnitRecord } from '../domain/step';
import type { ActionFormView, ActionStatement, LinkProblem } from '../pages/action/view';
import { csrfToken, type HmacSha256Hex } from '../pages/kit/csrf';
import type { ActionTokenRepository } from '../ports/action-token-repository';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { SecretsPort } from '../ports/secrets';
import type { StepRepository } from '../ports/step-repository';
import type { TokenHasher } from '../ports/token-hasher';

/**
 * The governance rules the action pages need. WorkflowRules (workflow-rules.ts) provides both,
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
  secrets: SecretsPort;
  hmacSha256Hex: HmacSha256Hex;
  clock: Clock;
  rules: ActionRules;
}

/** A usable link and everything it points at, read at one moment. */
export interface ActionContext {
  tokenHash: string;
  token: ActionTokenRecord;
  step: StepRecord;
  unit: StepUnitRecord;
  caseRecord: Case;
}

export type LinkResolution =
  | { ok: true; context: ActionContext }
  | { ok: false; problem: LinkProblem; token?: ActionTokenRecord; tokenHash?: string };

/**
 * Looks a raw token up and says whether it can be used now, without changing anything
 * (issue 3: mail scanners prefetch links). "Already answered" wins over "expired" so a holder
 * who acted hears that their answer counts; a link whose unit, step or case has ended is
 * "closed" (409), as is one replaced by a newer link.
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
  return { ok: true, context: { tokenHash, token, step, unit, caseRecord } };
}

/**
 * Statements so far for a decision (issue 5): every answer given in the case's earlier
 * consultation steps (Eierstrategi ch. 12: the deciding body sees what the consulted bodies said).
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

export async function actionFormView(deps: ShowActionDeps, context: ActionContext): Promise<ActionFormView> {
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
    csrf: csrfToken(deps.hmacSha256Hex, await deps.secrets.getActionKey(), context.tokenHash),
    commentMax: MAX_COMMENT_LENGTH,
  };
}

export type ShowActionResult =
  | { kind: 'form'; view: ActionFormView; recipientLanguage: ActionTokenRecord['language'] }
  | { kind: 'problem'; problem: LinkProblem; recipientLanguage?: ActionTokenRecord['language'] };

/** GET /handling/{token}: the confirmation page's content, or why the link cannot be used. */
export async function showAction(deps: ShowActionDeps, rawToken: string): Promise<ShowActionResult> {
  const resolution = await resolveActionLink(deps, rawToken, deps.clock.now());
  if (!resolution.ok) {
    return {
      kind: 'problem',
      problem: resolution.problem,
      ...(resolution.token ? { recipientLanguage: resolution.token.language } : {}),
    };
  }
  const { context } = resolution;
  return { kind: 'form', view: await actionFormView(deps, context), recipientLanguage: context.token.language };
}
