import type { Actor, AuditEvent, Case } from '../domain/case';
import { bodyName, choiceLabel, outcomeLabel, stepLabel } from '../email/labels';
import type { BodyId, CaseStatus, Choice, Language, Nivaa, Recipient, StepKind, UnitOutcome } from '../kernel/ids';
import type { StepRecord, StepUnitRecord } from '../domain/step';
import { isMessageKey, t } from '../i18n';
import type { CaseRepository } from '../ports/case-repository';
import type { StepRepository } from '../ports/step-repository';
import { loadCase } from './case-writes';
import { statusText } from './get-journal';

export interface GetCaseStatusDeps {
  cases: CaseRepository;
  steps: StepRepository;
}

export interface UnitView {
  unitId: string;
  bodyId: BodyId;
  bodyText: string;
  status: 'open' | 'closed';
  outcome: UnitOutcome | null;
  outcomeText: string | null;
  deadline: string;
  closedAt: string | null;
}

export interface StepView {
  stepId: string;
  kind: StepKind;
  kindText: string;
  status: 'open' | 'closed';
  startedAt: string;
  closedAt: string | null;
  deadline: string;
  units: UnitView[];
}

export interface CurrentStepView {
  stepId: string;
  kind: StepKind;
  kindText: string;
  /** Bodies whose answer the step still waits for. */
  bodies: BodyId[];
  deadline: string;
}

/** A consulted body's answer (høringssvar). Members are named by roster id, never by address. */
export interface StatementView {
  stepId: string;
  bodyId: BodyId;
  memberId: string;
  choice: Choice;
  choiceText: string;
  comment: string | null;
  at: string;
}

/** An audit event without actor ids or free text: what happened, when, and by which role. */
export interface EventView {
  type: AuditEvent['type'];
  typeText: string;
  at: string;
  /** The actor's role only (applicant, member, secretariat, system). */
  actor: Actor['kind'];
  actorText: string;
  from?: CaseStatus;
  to?: CaseStatus;
  fromNivaa?: Nivaa;
  toNivaa?: Nivaa;
  stepId?: string;
  bodyId?: BodyId;
  result?: UnitOutcome;
  recipients?: Recipient[];
}

export interface CaseStatusView {
  caseId: string;
  caseNumber: string;
  title: string;
  organisation: { name: string; organisationNumber: string };
  status: CaseStatus;
  statusText: string;
  nivaa: Nivaa;
  proposal: {
    nivaa: Nivaa;
    decidingBody: BodyId;
    consultedBodies: BodyId[];
    digifinGrantPath: boolean;
    needsConfirmation: boolean;
    reasons: Array<{ key: string; text: string }>;
  };
  nivaaOverride: { from: Nivaa; to: Nivaa; reason: string; at: string } | null;
  currentStep: CurrentStepView | null;
  steps: StepView[];
  statements: StatementView[];
  /** Bodies (and 'applicant') that have been notified, in the order they first were. */
  notified: Recipient[];
  outcome: {
    status: CaseStatus;
    statusText: string;
    at: string;
    nivaa: Nivaa;
    bodyId: BodyId | null;
    reason: { key: string; text: string } | null;
  } | null;
  submittedAt: string;
  updatedAt: string;
  events: EventView[];
}

/**
 * GET /api/cases/{caseId}: the applicant's view of a case (the public contract: number,
 * nivå, current step, steps with outcomes, deadlines, who has been notified, final outcome).
 * The contact person, member e-mail addresses and task tokens never appear.
 */
export async function getCaseStatus(
  deps: GetCaseStatusDeps,
  input: CaseViewInput,
): Promise<CaseStatusView> {
  const [c, steps] = await loadCaseAndSteps(deps, input.caseId);
  return caseStatusView(c, steps, input.lang);
}

/** What a view of one case is asked for: the case's id (from the path) and the reader's language. */
export interface CaseViewInput {
  caseId: string | undefined;
  lang: Language;
}

/** The case (NotFoundError when there is none) and all its steps: what every view of a case reads. */
export async function loadCaseAndSteps(
  deps: GetCaseStatusDeps,
  caseId: string | undefined,
): Promise<[c: Case, steps: StepRecord[]]> {
  const c = await loadCase(deps.cases, caseId);
  return [c, await deps.steps.listByCase(c.caseId)];
}

export function caseStatusView(c: Case, steps: StepRecord[], lang: Language): CaseStatusView {
  const open = steps.filter((s) => s.status === 'open');
  const current = open[open.length - 1];
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    title: c.application.title,
    organisation: {
      name: c.application.applicant.name,
      organisationNumber: c.application.applicant.organisationNumber,
    },
    status: c.status,
    statusText: statusText(lang, c.status),
    nivaa: c.nivaa,
    proposal: {
      nivaa: c.proposal.nivaa,
      decidingBody: c.proposal.decidingBody,
      consultedBodies: [...c.proposal.consultedBodies],
      digifinGrantPath: c.proposal.digifinGrantPath,
      needsConfirmation: c.proposal.needsConfirmation,
      reasons: c.proposal.reasons.map((key) => ({ key, text: textOf(lang, key) })),
    },
    nivaaOverride: c.nivaaOverride
      ? { from: c.nivaaOverride.from, to: c.nivaaOverride.to, reason: c.nivaaOverride.reason, at: c.nivaaOverride.at }
      : null,
    currentStep: current
      ? {
          stepId: current.stepId,
          kind: current.kind,
          kindText: stepKindText(lang, current.kind),
          bodies: current.units.filter((u) => u.status === 'open').map((u) => u.bodyId),
          deadline: current.deadline,
        }
      : null,
    steps: steps.map((s) => stepView(s, lang)),
    statements: steps.filter((s) => s.kind === 'consultation').flatMap((s) => statements(s, lang)),
    notified: notified(c, steps),
    outcome: c.outcome
      ? {
          status: c.outcome.status,
          statusText: statusText(lang, c.outcome.status),
          at: c.outcome.at,
          nivaa: c.outcome.nivaa,
          bodyId: c.outcome.bodyId ?? null,
          reason: c.outcome.reasonKey ? { key: c.outcome.reasonKey, text: textOf(lang, c.outcome.reasonKey) } : null,
        }
      : null,
    submittedAt: c.submittedAt,
    updatedAt: c.updatedAt,
    events: c.events.map((e) => eventView(e, lang)),
  };
}

function stepView(step: StepRecord, lang: Language): StepView {
  return {
    stepId: step.stepId,
    kind: step.kind,
    kindText: stepKindText(lang, step.kind),
    status: step.status,
    startedAt: step.startedAt,
    closedAt: step.closedAt ?? null,
    deadline: step.deadline,
    units: step.units.map((u) => unitView(u, lang)),
  };
}

/** Explicit fields only: a unit also holds its task token and recipients, which stay inside. */
function unitView(unit: StepUnitRecord, lang: Language): UnitView {
  return {
    unitId: unit.unitId,
    bodyId: unit.bodyId,
    bodyText: bodyName(unit.bodyId, lang),
    status: unit.status,
    outcome: unit.outcome ?? null,
    outcomeText: unit.outcome ? outcomeLabel(unit.outcome, lang) : null,
    deadline: unit.deadline,
    closedAt: unit.closedAt ?? null,
  };
}

function statements(step: StepRecord, lang: Language): StatementView[] {
  return step.units.flatMap((unit) =>
    unit.answers.map((a) => ({
      stepId: step.stepId,
      bodyId: unit.bodyId,
      memberId: a.memberId,
      choice: a.choice,
      choiceText: choiceLabel(a.choice, lang),
      comment: a.comment ?? null,
      at: a.at,
    })),
  );
}

/**
 * Recipients recorded on audit events (advance-case records step_started / step_completed
 * with `recipients`), then the bodies of every started step unit: a unit exists only once its
 * body is being asked (amendment units ask the applicant).
 */
function notified(c: Case, steps: StepRecord[]): Recipient[] {
  const seen = new Set<Recipient>();
  for (const event of c.events) for (const r of event.recipients ?? []) seen.add(r);
  for (const step of steps) {
    for (const unit of step.units) seen.add(step.kind === 'amendment' ? 'applicant' : unit.bodyId);
  }
  return [...seen];
}

function eventView(e: AuditEvent, lang: Language): EventView {
  const view: EventView = {
    type: e.type,
    typeText: t(lang, `event.${e.type}`),
    at: e.at,
    actor: e.actor.kind,
    actorText: t(lang, `lifecycle.actor.${e.actor.kind}`),
  };
  // Structural facts only; `comment` (free text) and `actor.id` are left out on purpose.
  if (e.from !== undefined) view.from = e.from;
  if (e.to !== undefined) view.to = e.to;
  if (e.fromNivaa !== undefined) view.fromNivaa = e.fromNivaa;
  if (e.toNivaa !== undefined) view.toNivaa = e.toNivaa;
  if (e.stepId !== undefined) view.stepId = e.stepId;
  if (e.bodyId !== undefined) view.bodyId = e.bodyId;
  if (e.result !== undefined) view.result = e.result;
  if (e.recipients !== undefined) view.recipients = [...e.recipients];
  return view;
}

function stepKindText(lang: Language, kind: StepKind): string {
  return stepLabel(kind, lang);
}

/** Stored keys may predate a catalog change: an unknown key shows as itself rather than failing. */
function textOf(lang: Language, key: string): string {
  return isMessageKey(key) ? t(lang, key) : key;
}
