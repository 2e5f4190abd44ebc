import type { ActionTokenRecord } from '../../../shared/domain/action-token';
import { type Case, createCase } from '../../../shared/domain/case';
import { formatCaseNumber } from '../../../shared/domain/case-number';
import type { ClassificationProposal } from '../../../shared/domain/classification';
import { createStep, type NewStepInput, type StepRecord } from '../../../shared/domain/step';
import { exampleApplication } from '../fixtures/application';

/** A nivå 2 grant-path proposal matching exampleApplication(). */
export const EXAMPLE_PROPOSAL: ClassificationProposal = {
  nivaa: 2,
  decidingBody: 'styret',
  consultedBodies: ['samstyringsstrukturen'],
  digifinGrantPath: true,
  reasons: ['classification.reason.newWithPublicFunding'],
  needsConfirmation: false,
};

export interface ExampleCaseOptions {
  caseId?: string;
  seq?: number;
  at?: string;
  title?: string;
}

/** A freshly submitted case (status submitted, version 1) built with the domain's createCase. */
export function exampleCase(options: ExampleCaseOptions = {}): Case {
  const at = new Date(options.at ?? '2026-03-02T09:00:00.000Z');
  const application = exampleApplication(options.title === undefined ? {} : { title: options.title });
  return createCase({
    caseId: options.caseId ?? 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
    caseNumber: formatCaseNumber(at.getUTCFullYear(), options.seq ?? 1),
    application,
    proposal: EXAMPLE_PROPOSAL,
    at,
  });
}

/** An open consultation step with two units: three styret members and one brukerråd. */
export function exampleStep(overrides: Partial<NewStepInput> = {}): StepRecord {
  return createStep({
    caseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
    stepId: '001',
    definitionId: 'nivaa2.consultation',
    kind: 'consultation',
    startedAt: new Date('2026-03-02T10:00:00.000Z'),
    units: [
      {
        unitId: 'styret',
        bodyId: 'styret',
        remindersLeft: 2,
        deadline: '2026-03-16T10:00:00.000Z',
        recipients: [
          { memberId: 'm-anne', language: 'nb' },
          { memberId: 'm-bjorn', language: 'nn' },
          { memberId: 'm-cecilie', language: 'en' },
        ],
      },
      {
        unitId: 'brukerrad',
        bodyId: 'brukerrad',
        remindersLeft: 1,
        deadline: '2026-03-12T10:00:00.000Z',
        recipients: [{ memberId: 'm-dag', language: 'nb' }],
      },
    ],
    ...overrides,
  });
}

export function exampleToken(overrides: Partial<ActionTokenRecord> = {}): ActionTokenRecord {
  return {
    tokenHash: 'a'.repeat(64),
    caseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
    stepId: '001',
    unitId: 'styret',
    memberId: 'm-anne',
    language: 'nb',
    allowedChoices: ['support', 'object', 'no_comment'],
    createdAt: '2026-03-02T10:00:00.000Z',
    expiresAt: '2026-03-16T10:00:00.000Z',
    ...overrides,
  };
}
