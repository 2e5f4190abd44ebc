import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Application } from '../../../shared/domain/application';
import {
  AUDIT_EVENT_TYPES,
  type Actor,
  type Case,
  CaseSchema,
  createCase,
  encodeCaseId,
  FinalStatusSchema,
  isValidCaseId,
  CaseIdSchema,
} from '../../../shared/domain/case';
import { classify } from '../../../shared/domain/classification';
import { CASE_STATUSES, type CaseStatus, FINAL_STATUSES, STEP_KINDS } from '../../../shared/kernel/ids';
import {
  appendEvent,
  canTransition,
  defaultEventType,
  isFinalStatus,
  liftToNivaa1,
  overrideNivaa,
  statusForStepKind,
  TRANSITIONS,
  transition,
} from '../../../shared/domain/lifecycle';
import { ConflictError, IllegalTransitionError, ValidationError } from '../../../shared/errors';
import { catalogFor } from '../../../shared/i18n';

const application: Application = {
  title: 'Felles løsning for søknad om parkeringstillatelse',
  needDescription: 'Kommunene trenger en felles digital søknad.',
  applicant: { name: 'Eksempel kommune', kind: 'kommune', organisationNumber: '920000002' },
  contactPerson: { name: 'Kari Nordmann', email: 'kari@example.org', phone: '+4791234567' },
  needSource: 'direkte_innspill',
  matter: { kind: 'new_service' },
  highRiskOrDrawsResources: false,
  financing: {
    digifinGrant: { requested: true, amountNok: 2_000_000 },
    stateFinancing: false,
    ownEffort: true,
    municipalContributions: false,
    userFinanced: false,
    firstYearOperationCovered: true,
  },
  strategicOrGreatSignificance: false,
  participatingMunicipalities: [],
  preferredLanguage: 'nn',
};

const submittedAt = new Date('2026-03-02T08:00:00.000Z');
const later = new Date('2026-03-05T12:30:00.000Z');
const system: Actor = { kind: 'system' };
const secretariat: Actor = { kind: 'secretariat', id: 'sekretariat-1' };
const member: Actor = { kind: 'member', id: 'styret-leder' };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function newCase(): Case {
  return createCase({
    caseId: encodeCaseId(new Uint8Array(17).fill(7)),
    caseNumber: '2026/0042',
    application,
    proposal: classify(application),
    at: submittedAt,
  });
}

/** A case in `status`, reached through allowed transitions only. */
function caseIn(status: CaseStatus): Case {
  const route: Record<CaseStatus, CaseStatus[]> = {
    submitted: [],
    triage: ['triage'],
    consultation: ['triage', 'consultation'],
    decision: ['triage', 'decision'],
    returned: ['triage', 'decision', 'returned'],
    approved: ['triage', 'decision', 'approved'],
    refused: ['triage', 'decision', 'refused'],
    withdrawn: ['withdrawn'],
  };
  return route[status].reduce((c, to) => transition(c, to, { actor: system, at: submittedAt }), newCase());
}

/** The lifecycle as Eierstrategi ch. 12 describes it, written out independently. */
const EXPECTED_ALLOWED = new Set([
  'submitted>triage',
  'submitted>withdrawn',
  'triage>consultation',
  'triage>decision',
  'triage>withdrawn',
  'consultation>consultation',
  'consultation>decision',
  // A step nobody answered is escalated back to the secretariat (roster onNoAnswer 'escalate').
  'consultation>triage',
  'decision>triage',
  'consultation>withdrawn',
  'decision>consultation',
  'decision>decision',
  'decision>approved',
  'decision>refused',
  'decision>returned',
  'decision>withdrawn',
  'returned>triage',
  'returned>withdrawn',
]);

const allPairs = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const));

describe('createCase', () => {
  it('opens a valid case in status submitted, version 1, with one submitted event', () => {
    const c = newCase();
    expect(CaseSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({
      status: 'submitted',
      version: 1,
      nivaa: 2,
      language: 'nn',
      submittedAt: '2026-03-02T08:00:00.000Z',
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
    expect(c.events).toEqual([
      { at: '2026-03-02T08:00:00.000Z', actor: { kind: 'applicant' }, type: 'submitted', to: 'submitted' },
    ]);
    expect(c.outcome).toBeUndefined();
  });

  it('rejects a malformed case id or case number', () => {
    const input = { application, proposal: classify(application), at: submittedAt };
    expect(() => createCase({ ...input, caseId: 'short', caseNumber: '2026/0001' })).toThrow(ZodError);
    expect(() =>
      createCase({ ...input, caseId: encodeCaseId(new Uint8Array(17)), caseNumber: '2026/1' }),
    ).toThrow(ZodError);
  });
});

describe('transition table', () => {
  it('matches the documented lifecycle exactly', () => {
    const actual = allPairs.filter(([from, to]) => canTransition(from, to)).map(([f, t]) => `${f}>${t}`);
    expect(new Set(actual)).toEqual(EXPECTED_ALLOWED);
  });

  it('makes final states terminal and lets every open case be withdrawn', () => {
    for (const status of CASE_STATUSES) {
      if (isFinalStatus(status)) expect(TRANSITIONS[status]).toEqual([]);
      else expect(canTransition(status, 'withdrawn')).toBe(true);
    }
    expect(FINAL_STATUSES.filter(isFinalStatus)).toEqual(FINAL_STATUSES);
    expect([...FinalStatusSchema.options].sort()).toEqual([...FINAL_STATUSES].sort());
  });

  it('reaches every status from submitted, and a final status from every status', () => {
    const reachableFrom = (start: CaseStatus): Set<CaseStatus> => {
      const seen = new Set<CaseStatus>([start]);
      const queue = [start];
      for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        for (const to of TRANSITIONS[next]) {
          if (seen.has(to)) continue;
          seen.add(to);
          queue.push(to);
        }
      }
      return seen;
    };
    expect([...reachableFrom('submitted')].sort()).toEqual([...CASE_STATUSES].sort());
    for (const status of CASE_STATUSES) {
      expect([...reachableFrom(status)].some(isFinalStatus)).toBe(true);
    }
  });

  it('cannot close a returned case as refused (no amendment means withdrawn)', () => {
    expect(canTransition('returned', 'refused')).toBe(false);
  });
});

describe('transition', () => {
  const allowed = allPairs.filter(([from, to]) => EXPECTED_ALLOWED.has(`${from}>${to}`));
  const illegal = allPairs.filter(([from, to]) => !EXPECTED_ALLOWED.has(`${from}>${to}`));

  it.each(allowed)('%s → %s returns a new case with one audit event', (from, to) => {
    const before = deepFreeze(caseIn(from));
    const after = transition(before, to, { actor: member, at: later, comment: 'ok', bodyId: 'styret' });
    expect(after).not.toBe(before);
    expect(after.status).toBe(to);
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt).toBe('2026-03-05T12:30:00.000Z');
    expect(after.submittedAt).toBe(before.submittedAt);
    expect(after.events.slice(0, -1)).toEqual(before.events);
    expect(after.events.at(-1)).toEqual({
      at: '2026-03-05T12:30:00.000Z',
      actor: member,
      type: defaultEventType(from, to),
      from,
      to,
      bodyId: 'styret',
      comment: 'ok',
    });
    expect(after.outcome !== undefined).toBe(isFinalStatus(to));
    expect(CaseSchema.parse(after)).toEqual(after);
  });

  it.each(illegal)('%s → %s throws IllegalTransitionError and changes nothing', (from, to) => {
    const before = deepFreeze(caseIn(from));
    const snapshot = structuredClone(before);
    let thrown: unknown;
    try {
      transition(before, to, { actor: system, at: later });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({ from, to, status: 409, code: 'illegal_transition' });
    expect(before).toEqual(snapshot);
  });

  it('sets the outcome on a final status with the deciding body, nivå and reason', () => {
    const refused = transition(caseIn('decision'), 'refused', {
      actor: member,
      at: later,
      bodyId: 'styret',
    });
    expect(refused.outcome).toEqual({
      status: 'refused',
      at: '2026-03-05T12:30:00.000Z',
      nivaa: 2,
      bodyId: 'styret',
    });
    const lapsed = transition(caseIn('returned'), 'withdrawn', {
      actor: system,
      at: later,
      reasonKey: 'lifecycle.reason.amendmentDeadlinePassed',
    });
    expect(lapsed.outcome).toEqual({
      status: 'withdrawn',
      at: '2026-03-05T12:30:00.000Z',
      nivaa: 2,
      reasonKey: 'lifecycle.reason.amendmentDeadlinePassed',
    });
    expect(lapsed.events.at(-1)).toMatchObject({
      type: 'withdrawn',
      from: 'returned',
      reasonKey: 'lifecycle.reason.amendmentDeadlinePassed',
    });
  });

  it('names events after what happened unless the caller says otherwise', () => {
    expect(defaultEventType('submitted', 'triage')).toBe('triage_started');
    expect(defaultEventType('returned', 'triage')).toBe('amended');
    expect(defaultEventType('triage', 'decision')).toBe('triaged');
    expect(defaultEventType('triage', 'consultation')).toBe('triaged');
    expect(defaultEventType('decision', 'consultation')).toBe('step_started');
    expect(defaultEventType('consultation', 'decision')).toBe('step_started');
    expect(defaultEventType('decision', 'approved')).toBe('decided');
    expect(defaultEventType('decision', 'returned')).toBe('returned');
    const c = transition(caseIn('decision'), 'decision', { actor: system, at: later, type: 'lifted' });
    expect(c.events.at(-1)?.type).toBe('lifted');
  });

  it('runs a whole grant + nivå 1 path with increasing versions', () => {
    const path: CaseStatus[] = ['triage', 'decision', 'decision', 'decision', 'consultation', 'decision', 'approved'];
    let c = newCase();
    path.forEach((to, index) => {
      c = transition(c, to, { actor: system, at: new Date(submittedAt.getTime() + (index + 1) * 1000) });
      expect(c.version).toBe(index + 2);
    });
    expect(c.events.map((e) => e.type)).toEqual([
      'submitted',
      'triage_started',
      'triaged',
      'step_started',
      'step_started',
      'step_started',
      'step_started',
      'decided',
    ]);
    expect(c.updatedAt).toBe('2026-03-02T08:00:07.000Z');
    expect(() => transition(c, 'withdrawn', { actor: { kind: 'applicant' }, at: later })).toThrow(
      IllegalTransitionError,
    );
  });

  it('leaves optional fields absent rather than undefined', () => {
    const c = transition(newCase(), 'triage', { actor: system, at: later, comment: undefined });
    expect(Object.keys(c.events.at(-1) ?? {}).sort()).toEqual(['actor', 'at', 'from', 'to', 'type']);
  });

  it('rejects invalid actors, comments and times before anything changes', () => {
    const c = newCase();
    const at = later;
    expect(() => transition(c, 'triage', { actor: { kind: 'member', id: 'kari@example.org' }, at })).toThrow(
      ZodError,
    );
    expect(() => transition(c, 'triage', { actor: { kind: 'member' }, at })).toThrow(ZodError);
    expect(() => transition(c, 'triage', { actor: system, at, comment: 'x'.repeat(2001) })).toThrow(ZodError);
    expect(() => transition(c, 'triage', { actor: system, at: new Date(Number.NaN) })).toThrow(RangeError);
    expect(c.version).toBe(1);
  });
});

describe('appendEvent', () => {
  it('records an event without changing the status', () => {
    const before = deepFreeze(caseIn('consultation'));
    const after = appendEvent(before, 'reminder_sent', {
      actor: system,
      at: later,
      stepId: '002',
      bodyId: 'samstyringsstrukturen',
      recipients: ['samstyringsstrukturen', 'sekretariat'],
    });
    expect(after.status).toBe('consultation');
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt).toBe('2026-03-05T12:30:00.000Z');
    expect(after.events.at(-1)).toEqual({
      at: '2026-03-05T12:30:00.000Z',
      actor: system,
      type: 'reminder_sent',
      stepId: '002',
      bodyId: 'samstyringsstrukturen',
      recipients: ['samstyringsstrukturen', 'sekretariat'],
    });
    expect(CaseSchema.parse(after)).toEqual(after);
  });

  it('records votes with their result', () => {
    const c = appendEvent(caseIn('decision'), 'vote_cast', {
      actor: member,
      at: later,
      bodyId: 'styret',
      result: 'approve',
    });
    expect(c.events.at(-1)).toMatchObject({ type: 'vote_cast', result: 'approve', actor: member });
  });
});

describe('overrideNivaa', () => {
  it('changes the nivå in triage and records who, why and from what', () => {
    const before = deepFreeze(caseIn('triage'));
    const after = overrideNivaa(before, 1, { actor: secretariat, at: later, reason: '  Strategisk viktig  ' });
    expect(after.nivaa).toBe(1);
    expect(after.status).toBe('triage');
    expect(after.version).toBe(before.version + 1);
    expect(after.nivaaOverride).toEqual({
      from: 2,
      to: 1,
      reason: 'Strategisk viktig',
      at: '2026-03-05T12:30:00.000Z',
      actor: secretariat,
    });
    expect(after.events.at(-1)).toEqual({
      at: '2026-03-05T12:30:00.000Z',
      actor: secretariat,
      type: 'nivaa_overridden',
      fromNivaa: 2,
      toNivaa: 1,
      comment: 'Strategisk viktig',
    });
    expect(CaseSchema.parse(after)).toEqual(after);
  });

  it.each(CASE_STATUSES.filter((s) => s !== 'triage'))('is refused in status %s', (status) => {
    expect(() => overrideNivaa(caseIn(status), 1, { actor: secretariat, at: later, reason: 'x' })).toThrow(
      ConflictError,
    );
  });

  it('rejects the same nivå and a blank or over-long reason as field errors', () => {
    const c = caseIn('triage');
    const fields = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof ValidationError) return error.fieldErrors;
      }
      throw new Error('expected a ValidationError');
    };
    expect(fields(() => overrideNivaa(c, 2, { actor: secretariat, at: later, reason: 'x' }))).toEqual([
      { pointer: '/nivaa', code: 'lifecycle.override.sameNivaa' },
    ]);
    expect(fields(() => overrideNivaa(c, 3, { actor: secretariat, at: later, reason: ' \n ' }))).toEqual([
      { pointer: '/reason', code: 'error.field.required' },
    ]);
    expect(fields(() => overrideNivaa(c, 3, { actor: secretariat, at: later, reason: 'x'.repeat(2001) }))).toEqual([
      { pointer: '/reason', code: 'error.field.tooLong', params: { max: 2000 } },
    ]);
  });
});

describe('liftToNivaa1', () => {
  it('lifts a nivå 2 case in decision to nivå 1 (Eierstrategi ch. 12 row 2)', () => {
    const after = liftToNivaa1(caseIn('decision'), { actor: member, at: later, bodyId: 'styret' });
    expect(after.nivaa).toBe(1);
    expect(after.status).toBe('decision');
    expect(after.events.at(-1)).toMatchObject({ type: 'lifted', fromNivaa: 2, toNivaa: 1, bodyId: 'styret' });
  });

  it('refuses other statuses and cases not at nivå 2', () => {
    expect(() => liftToNivaa1(caseIn('consultation'), { actor: member, at: later })).toThrow(ConflictError);
    const nivaa3 = { ...caseIn('decision'), nivaa: 3 as const };
    expect(() => liftToNivaa1(nivaa3, { actor: member, at: later })).toThrow(ConflictError);
  });
});

describe('statusForStepKind', () => {
  it('maps every step kind to an open status', () => {
    expect(Object.fromEntries(STEP_KINDS.map((k) => [k, statusForStepKind(k)]))).toEqual({
      triage: 'triage',
      consultation: 'consultation',
      decision: 'decision',
      amendment: 'returned',
    });
  });
});

describe('CaseSchema invariants', () => {
  it('requires an outcome exactly when the status is final', () => {
    const approved = caseIn('approved');
    expect(CaseSchema.safeParse(approved).success).toBe(true);
    const { outcome: _dropped, ...withoutOutcome } = approved;
    expect(CaseSchema.safeParse(withoutOutcome).success).toBe(false);
    expect(CaseSchema.safeParse({ ...caseIn('decision'), outcome: approved.outcome }).success).toBe(false);
    expect(CaseSchema.safeParse({ ...approved, status: 'refused' }).success).toBe(false);
  });

  it("keeps an outcome's reason only as a key of the catalogs", () => {
    const withdrawn = caseIn('withdrawn');
    const reasoned = (reasonKey: string) => ({ ...withdrawn, outcome: { ...withdrawn.outcome, reasonKey } });
    expect(CaseSchema.safeParse(reasoned('lifecycle.reason.withdrawnByApplicant')).success).toBe(true);
    expect(CaseSchema.safeParse(reasoned('governance.finished.amendmentMissing')).success).toBe(true);
    expect(CaseSchema.safeParse(reasoned('lifecycle.reason.neverWritten')).success).toBe(false);
  });

  it('rejects unknown keys and a version below 1', () => {
    expect(CaseSchema.safeParse({ ...newCase(), extra: 1 }).success).toBe(false);
    expect(CaseSchema.safeParse({ ...newCase(), version: 0 }).success).toBe(false);
  });
});

describe('case ids', () => {
  it('encodes 130 bits as 26 lowercase base32 characters (RFC 4648 alphabet)', () => {
    const fooba = new TextEncoder().encode('foobafoobafoobafo');
    expect(encodeCaseId(fooba)).toBe('mzxw6ytbmzxw6ytbmzxw6ytbmz');
    expect(encodeCaseId(new Uint8Array(17))).toBe('a'.repeat(26));
    expect(encodeCaseId(new Uint8Array(17).fill(255))).toBe('7'.repeat(26));
  });

  it('uses the 130th bit and nothing beyond it', () => {
    const bytes = new Uint8Array(17);
    bytes[16] = 0b0100_0000;
    expect(encodeCaseId(bytes)).toBe(`${'a'.repeat(25)}b`);
    bytes[16] = 0b0011_1111;
    expect(encodeCaseId(bytes)).toBe('a'.repeat(26));
  });

  it('needs at least 17 random bytes', () => {
    expect(() => encodeCaseId(new Uint8Array(16))).toThrow(RangeError);
  });

  it.each([
    ['abcdefghijklmnopqrstuvwxyz', true],
    ['23456723456723456723456723', true],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', false],
    ['abcdefghijklmnopqrstuvwxy', false],
    ['abcdefghijklmnopqrstuvwxyza', false],
    ['abcdefghijklmnopqrstuvwxy1', false],
    ['3f2b8c1e-9d4a-4f6b-8e2a-1c3d5e7f9a0b', false],
    ['../../etc/passwdaaaaaaaaaa', false],
  ])('isValidCaseId(%j) is %s', (value, valid) => {
    expect(isValidCaseId(value)).toBe(valid);
    expect(CaseIdSchema.safeParse(value).success).toBe(valid);
  });
});

describe('lifecycle catalog', () => {
  it('names every status and event type in nb, nn and en', () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const catalog = catalogFor(lang);
      for (const status of CASE_STATUSES) expect(catalog[`status.${status}`]).toBeTruthy();
      for (const type of AUDIT_EVENT_TYPES) expect(catalog[`event.${type}`]).toBeTruthy();
    }
    expect(catalogFor('nn')['status.decision']).not.toBe(catalogFor('nb')['status.decision']);
  });
});
