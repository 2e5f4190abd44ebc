import type { Case } from '../domain/case';
import type { Recipient } from '../kernel/ids';
import { appendEvent, isFinalStatus, liftToNivaa1, statusForStepKind, transition } from '../domain/lifecycle';
import { pathAhead } from '../domain/planner';
import { createStep, pendingRecipients, type StepRecord } from '../domain/step';
import { caseWithdrawnEmail, finalOutcomeEmail, receiptEmail, stepEndedEmail, stepStartedEmail } from '../email';
import { NotFoundError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { Mailer } from '../ports/mailer';
import type { StepRepository } from '../ports/step-repository';
import type { AdvanceInput, AdvanceOutput } from '../workflow/contract';
import { ignoreDone, loadCase, updateCase } from './case-writes';
import { audienceOf, bodyResults, caseSummary, contactsOf, emailKey, pathStep, pathStepKind, sendTo, unitContacts } from './notices';
import type { WorkflowRules } from './workflow-rules';

export interface AdvanceCaseDeps {
  cases: CaseRepository;
  steps: StepRepository;
  mailer: Mailer;
  clock: Clock;
  rules: WorkflowRules;
  baseUrl: string;
}

const SYSTEM = { kind: 'system' } as const;

/**
 * The Advance task (shared/workflow/contract.ts): closes the step that just ended, applies its
 * effect on the case (styret lifting a case to nivå 1), asks the planner for the next step and
 * opens it, or ends the case. Step Functions retries this task, so every write is idempotent:
 * a step that already exists is reused, each audit event is logged once, and each e-mail is
 * once-keyed (Mailer.onceKey), so a retry after a crash half-way finishes what was left.
 */
export async function advanceCase(deps: AdvanceCaseDeps, input: AdvanceInput): Promise<AdvanceOutput> {
  let c = await loadCase(deps.cases, input.caseId);
  if (input.completed) c = await finishStep(deps, c, input.completed.stepId);
  if (isFinalStatus(c.status)) {
    // The applicant withdrew while the step waited (its units failed with CASE_WITHDRAWN_ERROR):
    // tell the applicant and the secretariat, as every other end of a case does.
    if (input.completed?.results.some((r) => r.outcome === 'withdrawn')) {
      await notifyFinal(deps, c, undefined);
      await notifyWithdrawnMembers(deps, c, input.completed.stepId);
    }
    return { done: true, caseId: c.caseId, status: c.status };
  }

  const steps = await deps.steps.listByCase(c.caseId);
  const now = deps.clock.now();
  // A retried Advance after the step was created: the same step, and what did not happen yet.
  const open = steps.find((s) => s.status === 'open');
  if (open) return startStep(deps, c, open, steps, now);

  const plan = deps.rules.plan(c, steps, now);
  if (plan.kind === 'finished') {
    c = await updateCase(deps.cases, c.caseId, (current) =>
      isFinalStatus(current.status)
        ? current
        : transition(current, plan.status, {
            actor: SYSTEM,
            at: now,
            reasonKey: plan.reasonKey,
            ...(plan.bodyId ? { bodyId: plan.bodyId } : {}),
            recipients: ['applicant', 'sekretariat'],
          }),
    );
    await notifyFinal(deps, c, plan.bodyId);
    return { done: true, caseId: c.caseId, status: c.status };
  }

  const planned = plan.step;
  const step = createStep({
    caseId: c.caseId,
    stepId: planned.stepId,
    definitionId: planned.definitionId,
    kind: planned.kind,
    startedAt: now,
    units: planned.units.map((u) => ({
      unitId: u.unitId,
      bodyId: u.bodyId,
      remindersLeft: u.remindersLeft,
      deadline: u.deadline,
      recipients: unitContacts(deps.rules, c, planned.definitionId, u.bodyId).map((contact) => ({
        memberId: contact.memberId,
        language: contact.language,
      })),
    })),
  });
  await ignoreDone(deps.steps.create(step));
  return startStep(deps, c, (await deps.steps.get(c.caseId, step.stepId)) ?? step, steps, now);
}

/**
 * Everything that follows a stored step, each part once however often a retried Advance runs
 * it: the case moves to the step's status (logged once), the receipt after the first step, the
 * step-started notices (once-keyed e-mails).
 */
async function startStep(
  deps: AdvanceCaseDeps,
  c: Case,
  stored: StepRecord,
  steps: readonly StepRecord[],
  now: Date,
): Promise<AdvanceOutput> {
  const notify = deps.rules.notifyOnStart(stored.definitionId);
  const started = await updateCase(deps.cases, c.caseId, (current) => {
    if (current.events.some((e) => e.type === 'step_started' && e.stepId === stored.stepId)) return current;
    const to = statusForStepKind(stored.kind);
    const input = { actor: SYSTEM, at: now, stepId: stored.stepId, recipients: notify };
    return current.status === to
      ? appendEvent(current, 'step_started', input)
      : transition(current, to, { ...input, type: 'step_started' });
  });
  if ((steps[0]?.stepId ?? stored.stepId) === stored.stepId) await sendReceipt(deps, started);
  await notifyStep(deps, started, stored, notify, 'started');
  return stepOutput(deps, started, stored);
}

/**
 * The step as the workflow runs it. Waits are counted from now, not taken from the plan: the
 * writes and e-mails since planning took time, and a retried Advance hands out an older step.
 */
function stepOutput(deps: AdvanceCaseDeps, c: Case, step: StepRecord): AdvanceOutput {
  const now = deps.clock.now();
  return {
    done: false,
    caseId: c.caseId,
    step: {
      stepId: step.stepId,
      kind: step.kind,
      units: step.units.map((u) => ({
        caseId: c.caseId,
        stepId: step.stepId,
        unitId: u.unitId,
        bodyId: u.bodyId,
        kind: step.kind,
        waitSeconds: deps.rules.waitSeconds(step, u, u.remindersLeft, now),
        remindersLeft: u.remindersLeft,
        deadline: u.deadline,
      })),
    },
  };
}

async function finishStep(deps: AdvanceCaseDeps, c: Case, stepId: string): Promise<Case> {
  const step = await deps.steps.get(c.caseId, stepId);
  if (!step) throw new NotFoundError(`Step ${stepId} of case ${c.caseId} not found`);
  const logged = (x: Case) => x.events.some((e) => e.type === 'step_completed' && e.stepId === stepId);
  // Closed but never completed: withdrawn, which ends the case without a step result.
  if (step.status === 'closed' && !logged(c)) return c;
  const now = deps.clock.now();
  const lifted = step.units.some((u) => u.outcome === 'lift');
  const notify = deps.rules.notifyOnEnd(step.definitionId);
  // A retried Advance logs the completion once and sends only the notices not sent yet.
  const updated = await updateCase(deps.cases, c.caseId, (current) => {
    if (logged(current)) return current;
    let next = appendEvent(current, 'step_completed', { actor: SYSTEM, at: now, stepId, recipients: notify });
    if (lifted && next.nivaa === 2 && next.status === 'decision') {
      next = liftToNivaa1(next, { actor: SYSTEM, at: now, stepId });
    }
    return next;
  });
  await ignoreDone(deps.steps.closeStep(c.caseId, stepId, now));
  if (!isFinalStatus(updated.status)) await notifyStep(deps, updated, step, notify, 'ended');
  return updated;
}

async function sendReceipt(deps: AdvanceCaseDeps, c: Case): Promise<void> {
  const [[, applicant] = []] = contactsOf(deps.rules, ['applicant'], c);
  if (!applicant) return;
  await sendTo(deps.mailer, [applicant], (contact, lang) =>
    receiptEmail(
      {
        baseUrl: deps.baseUrl,
        case: caseSummary(c),
        ...(contact.name ? { contactName: contact.name } : {}),
        reasons: c.proposal.reasons,
        path: pathAhead(c.proposal).map(pathStep),
      },
      lang,
    ),
    emailKey(c.caseId, 'receipt'),
  );
}

/** Step started / ended notices to each recipient group, each person in their own language. */
async function notifyStep(
  deps: AdvanceCaseDeps,
  c: Case,
  step: StepRecord,
  recipients: readonly Recipient[],
  phase: 'started' | 'ended',
): Promise<void> {
  const kind = pathStepKind(deps.rules.requestKind(step.definitionId));
  for (const [recipient, contact] of contactsOf(deps.rules, recipients, c)) {
    await sendTo(deps.mailer, [contact], (person, lang) => {
      const common = {
        baseUrl: deps.baseUrl,
        case: caseSummary(c),
        ...(person.name ? { recipientName: person.name } : {}),
        step: kind,
        audience: audienceOf(recipient),
      };
      return phase === 'started'
        ? stepStartedEmail({ ...common, bodies: step.units.map((u) => u.bodyId), deadline: step.deadline }, lang)
        : stepEndedEmail({ ...common, results: bodyResults(step) }, lang);
    }, emailKey(c.caseId, step.stepId, `step-${phase}`));
  }
}

/** Members who still held an open link of a withdrawn step learn that nothing more is needed. */
async function notifyWithdrawnMembers(deps: AdvanceCaseDeps, c: Case, stepId: string): Promise<void> {
  const step = await deps.steps.get(c.caseId, stepId);
  // The applicant answers amendment steps and is told by the final notice already.
  if (!step || deps.rules.answeredBy(step.definitionId) === 'applicant') return;
  // The secretariat had the final notice already; nobody is told twice.
  const told = new Set(contactsOf(deps.rules, ['applicant', 'sekretariat'], c).map(([, p]) => p.email.toLowerCase()));
  for (const unit of step.units.filter((u) => u.outcome === 'withdrawn')) {
    const pending = new Set(pendingRecipients(unit).map((r) => r.memberId));
    const contacts = unitContacts(deps.rules, c, step.definitionId, unit.bodyId).filter(
      (p) => pending.has(p.memberId) && !told.has(p.email.toLowerCase()),
    );
    await sendTo(deps.mailer, contacts, (person, lang) =>
      caseWithdrawnEmail(
        { baseUrl: deps.baseUrl, case: caseSummary(c), ...(person.name ? { recipientName: person.name } : {}), bodyId: unit.bodyId },
        lang,
      ),
      emailKey(c.caseId, step.stepId, unit.unitId, 'withdrawn'),
    );
  }
}

async function notifyFinal(deps: AdvanceCaseDeps, c: Case, decidedBy: Recipient | undefined): Promise<void> {
  if (!c.outcome) return;
  const outcome = c.outcome;
  for (const [, contact] of contactsOf(deps.rules, ['applicant', 'sekretariat'], c)) {
    await sendTo(deps.mailer, [contact], (person, lang) =>
      finalOutcomeEmail(
        {
          baseUrl: deps.baseUrl,
          case: caseSummary(c),
          ...(person.name ? { contactName: person.name } : {}),
          status: outcome.status,
          ...(decidedBy && decidedBy !== 'applicant' ? { decidedBy } : {}),
          decidedAt: outcome.at,
          ...(outcome.reasonKey ? { reason: outcome.reasonKey } : {}),
        },
        lang,
      ),
      emailKey(c.caseId, 'final'),
    );
  }
}
