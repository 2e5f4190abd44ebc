import { makeHandler as makeAdvance } from '../../functions/advance-case';
import { createCase } from '../../shared/domain/case';
import { formatCaseNumber } from '../../shared/domain/case-number';
import { classify } from '../../shared/domain/classification';
import { governance } from '../../shared/domain/governance/load';
import type { Application } from '../../shared/domain/application';
import { makeGovernanceRules } from '../../shared/use-cases/governance-rules';
import type { AdvanceOutput, StepUnit } from '../../shared/workflow/contract';
import { fakePorts } from './fakes';
import { exampleApplication } from './fixtures/application';

export const BASE_URL = 'https://flyt.example.org';
/** One configured day lasts a minute in these tests. */
export const SECONDS_PER_DAY = 60;

/** A nivå 3 application: a functionality change of SvarUt within the agreed price. */
export function nivaa3Application(overrides: Partial<Application> = {}): Application {
  return exampleApplication({
    matter: { kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: true },
    financing: {
      digifinGrant: { requested: false },
      stateFinancing: false,
      ownEffort: false,
      municipalContributions: false,
      userFinanced: true,
      firstYearOperationCovered: false,
    },
    ...overrides,
  });
}

export async function workflowSetup(application: Application = nivaa3Application()) {
  const ports = fakePorts();
  const deps = {
    ...ports,
    rules: makeGovernanceRules(governance, SECONDS_PER_DAY),
    baseUrl: BASE_URL,
  };
  const c = createCase({
    caseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
    caseNumber: formatCaseNumber(2026, 7),
    application,
    proposal: classify(application),
    at: ports.clock.now(),
  });
  await ports.cases.create(c);
  return { ports, deps, caseId: c.caseId };
}

/** Runs Advance up to the nivå 3 consultation (brukerråd of SvarUt) and returns its unit. */
export async function atConsultation(s: Awaited<ReturnType<typeof workflowSetup>>): Promise<StepUnit> {
  const advance = makeAdvance(s.deps);
  await advance({ caseId: s.caseId, completed: null });
  await s.ports.steps.closeUnit({ caseId: s.caseId, stepId: '001', unitId: 'sekretariat' }, 'confirm', s.ports.clock.now());
  const out = (await advance({
    caseId: s.caseId,
    completed: { stepId: '001', results: [{ unitId: 'sekretariat', outcome: 'confirm' }] },
  })) as AdvanceOutput;
  if (out.done || !out.step.units[0]) throw new Error('expected the consultation');
  return out.step.units[0];
}

export function emailsOf(governanceBody: string): string[] {
  const body = governance.bodies.find((b) => b.id === governanceBody);
  return body ? body.members.map((m) => m.email) : [];
}

export const SECRETARIAT_EMAILS = governance.sekretariat.members.map((m) => m.email);
export const SVARUT_BRUKERRAD_EMAILS =
  governance.services.find((s) => s.serviceId === 'svarut')?.brukerrad.members.map((m) => m.email) ?? [];
