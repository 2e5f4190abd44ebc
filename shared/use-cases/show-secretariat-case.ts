import type { AuditEvent, Case } from '../domain/case';
import { bodyName, outcomeLabel, stepLabel } from '../email/labels';
import { type BodyId, FINAL_STATUSES, type Language, type Nivaa } from '../kernel/ids';
import { currentWorkflow } from '../domain/case-workflow';
import { pendingRecipients, type StepRecord } from '../domain/step';
import { isMessageKey, t } from '../i18n';
import type { CaseRepository } from '../ports/case-repository';
import type { StepRepository } from '../ports/step-repository';
import { type CaseStatusView, type CaseViewInput, caseStatusView, loadCaseAndSteps } from './get-case-status';
import { statusText } from './get-journal';
import { memberNameOf, unitContacts } from './notices';
import { unplannableError } from './triage-case';
import type { WorkflowRules } from './workflow-rules';

export interface ShowSecretariatCaseDeps {
  cases: CaseRepository;
  steps: StepRepository;
  rules: WorkflowRules;
}

/** A body the case waits for, with who has not answered yet (the secretariat chases them). */
export interface WaitingUnitView {
  stepId: string;
  unitId: string;
  bodyId: BodyId;
  stepText: string;
  deadline: string;
  answered: number;
  recipients: number;
  /** Names (or roster ids) of the members still to answer; never e-mail addresses. */
  pending: string[];
  remindersLeft: number;
}

/** One audit event in full: the secretariat sees who (by id), comments and reasons. */
export interface AuditRowView {
  at: string;
  typeText: string;
  actorText: string;
  actorId: string | null;
  details: string[];
  comment: string | null;
}

export interface TriageView {
  nivaa: Nivaa;
  needsConfirmation: boolean;
  escalation: boolean;
  /** The nivåer the case can be triaged to: those whose path the planner can plan (first triage only). */
  choices: Nivaa[];
  /** The other nivåer, each with why its path cannot run for this case. */
  unavailable: Array<{ nivaa: Nivaa; text: string }>;
}

export interface SecretariatCaseView {
  status: CaseStatusView;
  contact: { name: string; email: string; phone: string };
  description: string;
  /**
   * Set while the case waits for the secretariat: the first triage (confirm or override the
   * nivå), or an escalation (send an unanswered step out again; the nivå stays).
   */
  triage: TriageView | null;
  waiting: WaitingUnitView[];
  /** E-mails SES reported as not delivered: the member's name and when (never the address). */
  undeliverable: Array<{ memberName: string; at: string }>;
  audit: AuditRowView[];
  /** The open case's workflow execution stopped (failed, timed out, aborted): it can be resumed. */
  workflowStopped: boolean;
}

/**
 * GET /sekretariat/sak/{caseId}: everything the secretariat needs to triage and chase a case:
 * the applicant's view plus the contact person, who has not answered yet, and the full audit trail (actor ids, comments, reasons). Changes nothing.
 */
export async function showSecretariatCase(
  deps: ShowSecretariatCaseDeps,
  input: CaseViewInput,
): Promise<SecretariatCaseView> {
  const [c, steps] = await loadCaseAndSteps(deps, input.caseId);
  const { lang } = input;
  const openTriage = c.status === 'triage' ? steps.filter((s) => s.kind === 'triage' && s.status === 'open').at(-1) : undefined;
  return {
    status: caseStatusView(c, steps, lang),
    contact: { ...c.application.contactPerson },
    description: c.application.needDescription,
    triage: openTriage ? triageView(deps.rules, c, openTriage.definitionId === 'escalation', lang) : null,
    waiting: steps.filter((s) => s.status === 'open').flatMap((s) => waitingUnits(deps.rules, c, s, lang)),
    undeliverable: c.events
      .filter((e) => e.type === 'email_undeliverable' && e.memberId !== undefined)
      .map((e) => ({ memberName: memberNameOf(deps.rules, c, e.memberId ?? ''), at: e.at })),
    audit: c.events.map((e) => auditRow(e, lang)),
    workflowStopped: !FINAL_STATUSES.includes(c.status) && currentWorkflow(c).stoppedAt !== undefined,
  };
}

function triageView(rules: WorkflowRules, c: Case, escalation: boolean, lang: Language): TriageView {
  const base = { nivaa: c.nivaa, needsConfirmation: c.proposal.needsConfirmation, escalation };
  // An escalation resumes the path as it was: there is no nivå to choose.
  if (escalation) return { ...base, choices: [c.nivaa], unavailable: [] };
  const nivaaer = rules.plannableNivaaer(c);
  return {
    ...base,
    choices: nivaaer.filter((n) => n.plannable).map((n) => n.nivaa),
    unavailable: nivaaer.flatMap((n) => {
      if (n.plannable) return [];
      const error = unplannableError(lang, n.nivaa, n.bodyId);
      return [{ nivaa: n.nivaa, text: t(lang, error.code, error.params) }];
    }),
  };
}

function waitingUnits(rules: WorkflowRules, c: Case, step: StepRecord, lang: Language): WaitingUnitView[] {
  return step.units
    .filter((u) => u.status === 'open')
    .map((unit) => {
      const names = new Map(unitContacts(rules, c, step.definitionId, unit.bodyId).map((p) => [p.memberId, p.name]));
      const pending = pendingRecipients(unit).map((r) => names.get(r.memberId) ?? r.memberId);
      return {
        stepId: step.stepId,
        unitId: unit.unitId,
        bodyId: unit.bodyId,
        stepText: stepLabel(step.kind, lang),
        deadline: unit.deadline,
        answered: unit.answers.length,
        recipients: unit.recipients.length,
        pending,
        remindersLeft: unit.remindersLeft,
      };
    });
}

function auditRow(e: AuditEvent, lang: Language): AuditRowView {
  const details: string[] = [];
  if (e.from !== undefined && e.to !== undefined) {
    details.push(t(lang, 'secretariat.audit.status', { from: statusText(lang, e.from), to: statusText(lang, e.to) }));
  }
  if (e.fromNivaa !== undefined && e.toNivaa !== undefined) {
    details.push(t(lang, 'secretariat.audit.nivaa', { from: e.fromNivaa, to: e.toNivaa }));
  }
  if (e.bodyId !== undefined) details.push(bodyName(e.bodyId, lang));
  if (e.result !== undefined) details.push(outcomeLabel(e.result, lang));
  if (e.reasonKey !== undefined) details.push(isMessageKey(e.reasonKey) ? t(lang, e.reasonKey) : e.reasonKey);
  return {
    at: e.at,
    typeText: t(lang, `event.${e.type}`),
    actorText: t(lang, `lifecycle.actor.${e.actor.kind}`),
    actorId: e.actor.id ?? null,
    details,
    comment: e.comment ?? null,
  };
}
