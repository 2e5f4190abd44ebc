import { type Application, parseApplication } from '../domain/application';
import type { Case } from '../domain/case';
import { classify } from '../domain/classification';
import type { CaseStatus, Language, Nivaa } from '../kernel/ids';
import { appendEvent } from '../domain/lifecycle';
import { ConflictError, ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import type { StepRepository } from '../ports/step-repository';
import type { WorkflowPort } from '../ports/workflow';
import { closeUnitAndComplete, findOpenUnit, loadCase, updateCase } from './case-writes';
import { statusText } from './get-journal';

export interface AmendApplicationDeps {
  cases: CaseRepository;
  steps: StepRepository;
  workflow: WorkflowPort;
  clock: Clock;
}

export interface AmendApplicationResult {
  caseId: string;
  caseNumber: string;
  /** The nivå proposed for the amended application; the secretariat confirms it in triage. */
  nivaa: Nivaa;
  needsConfirmation: boolean;
  status: CaseStatus;
  statusText: string;
}

const NOT_AWAITING = 'api.amendment.notAwaiting';

/**
 * The applicant answers "returned for more information" with a complete, amended application.
 * Only while the case is 'returned' with an open amendment unit (else 409). The amended
 * application and its new classification (Eierstrategi ch. 12) are saved with an 'amended'
 * event in one conditional write; then the unit is closed with 'amended' and its task
 * completed, and the workflow takes the case back to triage.
 */
export async function amendApplication(
  deps: AmendApplicationDeps,
  input: { caseId: string | undefined; body: unknown; lang: Language },
): Promise<AmendApplicationResult> {
  const parsed = parseApplication(input.body);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const existing = await loadCase(deps.cases, input.caseId);
  const open =
    existing.status === 'returned' ? await findOpenUnit(deps.steps, existing.caseId, 'amendment') : undefined;
  if (!open) {
    throw new ConflictError(`No open amendment unit (case ${existing.status})`, { messageKey: NOT_AWAITING });
  }

  const at = deps.clock.now();
  const saved = await updateCase(deps.cases, existing.caseId, (c) => {
    if (c.status !== 'returned') throw new ConflictError('Case left returned', { messageKey: NOT_AWAITING });
    return appendEvent(withApplication(c, parsed.value), 'amended', { actor: { kind: 'applicant' }, at });
  });
  const ref = { caseId: saved.caseId, stepId: open.step.stepId, unitId: open.unit.unitId };
  await closeUnitAndComplete(deps, ref, 'amended', at, NOT_AWAITING);
  return {
    caseId: saved.caseId,
    caseNumber: saved.caseNumber,
    nivaa: saved.proposal.nivaa,
    needsConfirmation: saved.proposal.needsConfirmation,
    status: saved.status,
    statusText: statusText(input.lang, saved.status),
  };
}

/**
 * The case with the amended application and a fresh proposal. The nivå goes back to the
 * proposal's: triage starts over, and earlier overrides stay in the audit events.
 */
function withApplication(c: Case, application: Application): Case {
  const { nivaaOverride: _previous, ...rest } = c;
  const proposal = classify(application);
  return { ...rest, application, proposal, nivaa: proposal.nivaa, language: application.preferredLanguage };
}
