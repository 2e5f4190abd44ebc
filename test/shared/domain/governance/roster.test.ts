import { describe, expect, it } from 'vitest';
import { councilFor, hasBrukerrad, MissingCouncilError } from '../../../../shared/domain/governance/lookup';
import { GovernanceConfigError, governance, parseGovernance } from '../../../../shared/domain/governance/load';
import { type GovernanceInput, REQUIRED_BODY_IDS } from '../../../../shared/domain/governance/schema';
import { governanceInput, member } from '../../../support/fixtures/governance';

function issuesOf(edit: (input: GovernanceInput) => void): string[] {
  const input = governanceInput();
  edit(input);
  try {
    parseGovernance(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GovernanceConfigError);
    return (error as GovernanceConfigError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
  throw new Error('expected the configuration to be rejected');
}

describe('the shipped roster (shared/domain/governance/roster.json)', () => {
  it('is valid and has every body the process needs', () => {
    expect(governance.schemaVersion).toBe(1);
    expect(governance.rosterVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const id of REQUIRED_BODY_IDS) expect(councilFor(governance, id).voting.length).toBeGreaterThan(0);
    expect(governance.services.length).toBeGreaterThanOrEqual(3);
    for (const service of governance.services) expect(hasBrukerrad(governance, service.serviceId)).toBe(true);
  });

  it('names no real people: example.org addresses and example role names only', () => {
    const people = [
      ...governance.bodies.flatMap((b) => b.members),
      ...governance.services.flatMap((s) => s.brukerrad.members),
      ...governance.sekretariat.members,
    ];
    for (const person of people) {
      expect(person.email).toMatch(/@example\.org$/);
      expect(person.name).toMatch(/\(eksempel\)$/);
    }
  });

  it('gives styret at least 5 voting members (Eierstrategi ch. 9) and decides by aksjeloven', () => {
    const styret = councilFor(governance, 'styret');
    expect(styret.voting.length).toBeGreaterThanOrEqual(5);
    expect(styret.rule?.kind).toBe('majority');
    expect(styret.chairId).toBeDefined();
  });
});

describe('parseGovernance rejects', () => {
  it('an unknown decision rule', () => {
    expect(issuesOf((g) => {
      g.bodies[0]!.decisionRule = 'nope';
    })).toContainEqual(
      expect.stringContaining('Unknown decision rule for generalforsamling'),
    );
  });

  it('a single-decider body with two voting members', () => {
    expect(
      issuesOf((g) => {
        g.bodies.find((b) => b.id === 'daglig_leder')!.members.push(member('extra'));
      }),
    ).toContainEqual(expect.stringContaining('daglig_leder decides alone'));
  });

  it('a board with fewer than 5 voting members (Eierstrategi ch. 9); deputies do not count', () => {
    const issues = issuesOf((g) => {
      const styret = g.bodies.find((b) => b.id === 'styret')!;
      styret.members = [...styret.members.slice(0, 4), member('vara', 'deputy')];
    });
    expect(issues).toContainEqual(expect.stringContaining('styret needs at least 5 voting members'));
  });

  it('duplicate member e-mails in a body, case-insensitively', () => {
    const issues = issuesOf((g) => {
      const body = g.bodies[0]!;
      body.members.push({ ...member('other'), email: body.members[0]!.email.toUpperCase() });
    });
    expect(issues).toContainEqual(expect.stringContaining('Duplicate member email'));
  });

  it('a missing body, and a duplicate body', () => {
    expect(issuesOf((g) => {
      g.bodies = g.bodies.filter((b) => b.id !== 'kommit_radet');
    })).toContainEqual(
      expect.stringContaining('Missing body kommit_radet'),
    );
    expect(issuesOf((g) => void g.bodies.push(g.bodies[0]!))).toContainEqual(
      expect.stringContaining('Duplicate body generalforsamling'),
    );
  });

  it('a chair tie-breaker without a chair, and two chairs', () => {
    expect(
      issuesOf((g) => {
        for (const m of g.bodies.find((b) => b.id === 'styret')!.members) m.role = 'member';
      }),
    ).toContainEqual(expect.stringContaining('name one chair'));
    expect(
      issuesOf((g) => {
        for (const m of g.bodies.find((b) => b.id === 'styret')!.members) m.role = 'chair';
      }),
    ).toContainEqual(expect.stringContaining('more than one chair'));
  });

  it('a missing step policy, a reminder not before the deadline, a no-answer rule the step cannot use', () => {
    const missing = issuesOf((g) => {
      const steps = g.steps as Record<string, unknown>;
      delete steps['nivaa2.decision'];
    });
    expect(missing.some((i) => i.startsWith('steps.nivaa2.decision'))).toBe(true);
    expect(issuesOf((g) => {
      g.steps.triage.reminderDaysBefore = [5];
    }).join()).toContain(
      'A reminder must come after the step starts',
    );
    expect(issuesOf((g) => {
      g.steps['nivaa2.decision'].onNoAnswer = 'proceed';
    })).toContainEqual(
      expect.stringContaining('onNoAnswer proceed is not allowed for nivaa2.decision'),
    );
  });

  it('brukerrad or sekretariat listed as bodies, unknown keys, a wrong schema version', () => {
    expect(() => parseGovernance({ ...governanceInput(), schemaVersion: 2 })).toThrow(GovernanceConfigError);
    expect(() => parseGovernance({ ...governanceInput(), extra: true })).toThrow(GovernanceConfigError);
    const input = governanceInput() as unknown as { bodies: { id: string }[] };
    input.bodies[0]!.id = 'brukerrad';
    expect(() => parseGovernance(input)).toThrow(GovernanceConfigError);
  });

  it('a reserved member id and an invalid e-mail', () => {
    expect(issuesOf((g) => {
      g.sekretariat.members[0]!.id = 'applicant';
    }).join()).toContain('reserved');
    expect(issuesOf((g) => {
      g.sekretariat.members[0]!.email = 'not-an-email';
    }).length).toBeGreaterThan(0);
  });
});

describe('roster lookups', () => {
  it('finds the brukerråd of the case service, and fails clearly without one', () => {
    const g = parseGovernance(governanceInput());
    expect(councilFor(g, 'brukerrad', 'svarut').voting.map((m) => m.id)).toEqual(['br-1', 'br-2', 'br-3']);
    expect(() => councilFor(g, 'brukerrad', 'unknown')).toThrow(MissingCouncilError);
    expect(() => councilFor(g, 'brukerrad')).toThrow(MissingCouncilError);
    expect(() => councilFor(g, 'tjenesterad')).toThrow(MissingCouncilError);
    expect(councilFor(g, 'sekretariat').rule).toBeNull();
  });

  it('sorts reminder days so the first reminder is the one furthest from the deadline', () => {
    const g = parseGovernance(governanceInput());
    expect(g.steps['nivaa2.consultation'].reminderDaysBefore).toEqual([7, 2]);
  });
});
