import type { Case } from '../domain/case';
import type { BodyId, Recipient } from '../kernel/ids';
import {
  allowedChoices,
  canPlan,
  type CompletedStep,
  type PathInputs,
  type PlanResult,
  planNext,
  plannableNivaaer,
  unitOutcome,
  waitSeconds,
} from '../domain/planner';
import { isStepDefinitionId, type StepDefinitionId, stepDefinition } from '../domain/process';
import type { StepRecord, StepUnitRecord } from '../domain/step';
import { councilFor } from '../domain/governance/lookup';
import type { Governance } from '../domain/governance/schema';
import { ProcessStateError } from '../domain/planner';
import type { Contact, WorkflowRules } from './workflow-rules';

/** The service whose brukerråd a case concerns (nivå 3; Eierstrategi ch. 12 and vedlegg 1). */
export function serviceIdOf(c: Case): string | undefined {
  const matter = c.application.matter;
  return 'affectedServiceId' in matter ? matter.affectedServiceId : undefined;
}

function definitionId(id: string): StepDefinitionId {
  if (!isStepDefinitionId(id)) throw new ProcessStateError(`Unknown step definition ${id}`);
  return id;
}

/**
 * WorkflowRules over the versioned governance configuration (shared/governance) and the pure
 * planner (shared/domain/planner.ts): members of each body, each body's decision rule
 * (aksjeloven §§ 6-24/6-25 for styret, 2/3 for Representasjonsrådet, ...), the choices of a step,
 * and deadlines and reminders. `secondsPerDay` is the one time switch.
 */
export function makeGovernanceRules(g: Governance, secondsPerDay: number): WorkflowRules {
  const contacts = (bodyId: BodyId, c: Case, acting: boolean): Contact[] => {
    const council = councilFor(g, bodyId, serviceIdOf(c));
    return (acting && council.rule !== null ? council.voting : council.members).map((m) => ({
      memberId: m.id,
      name: m.name,
      email: m.email,
      language: m.language,
    }));
  };
  return {
    plan: (c, steps, now) => plan(g, c, steps, now, secondsPerDay),
    canPlan: (c) => canPlan(pathInputs(c), g),
    plannableNivaaer: (c) => plannableNivaaer(pathInputs(c), g),
    contactsOf: (recipient: Recipient, c: Case) => (recipient === 'applicant' ? [] : contacts(recipient, c, false)),
    actionContactsOf: (bodyId, c) => contacts(bodyId, c, true),
    notifyOnStart: (id) => [...stepDefinition(id).notifyOnStart],
    notifyOnEnd: (id) => [...stepDefinition(id).notifyOnEnd],
    allowedChoices: (id, bodyId, c) => allowedChoices(g, definitionId(id), bodyId, serviceIdOf(c)),
    requestKind: (id) => stepDefinition(id).requestKind,
    answeredBy: (id) => stepDefinition(id).answeredBy,
    outcome: (c, step, unit, final) =>
      unitOutcome(g, definitionId(step.definitionId), unit.bodyId, unit.answers, final, serviceIdOf(c)),
    waitSeconds: (step: StepRecord, unit: StepUnitRecord, remindersLeft, now) =>
      waitSeconds(g.steps[definitionId(step.definitionId)], new Date(unit.deadline), remindersLeft, now, secondsPerDay),
  };
}

/** The case's inputs to the planner's paths. */
function pathInputs(c: Case): PathInputs {
  const serviceId = serviceIdOf(c);
  return {
    nivaa: c.nivaa,
    digifinGrantPath: c.proposal.digifinGrantPath,
    ...(serviceId === undefined ? {} : { serviceId }),
  };
}

function plan(g: Governance, c: Case, steps: readonly StepRecord[], now: Date, secondsPerDay: number): PlanResult {
  const completed: CompletedStep[] = steps
    .filter((s) => s.status === 'closed')
    .map((s) => ({
      definitionId: s.definitionId,
      units: s.units.map((u) => ({ unitId: u.unitId, bodyId: u.bodyId, outcome: u.outcome ?? 'no_answer' })),
    }));
  return planNext({ ...pathInputs(c), steps: completed }, g, now, secondsPerDay);
}
