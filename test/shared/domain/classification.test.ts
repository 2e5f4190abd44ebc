import { describe, expect, it } from 'vitest';
import { type Application, MATTER_KINDS } from '../../../shared/domain/application';
import {
  type ClassificationFacts,
  ClassificationProposalSchema,
  classificationFacts,
  classify,
  classifyFacts,
  ESCALATIONS,
  matches,
  NIVAA_BODIES,
  RULES,
} from '../../../shared/domain/classification';
import { LANGUAGES } from '../../../shared/kernel/ids';
import { isMessageKey, t } from '../../../shared/i18n';
import { exampleApplication } from '../../support/fixtures/application';

interface Case {
  kind: Application['matter']['kind'];
  within?: boolean;
  highRisk?: boolean;
  digifin?: boolean;
  state?: boolean;
  strategic?: boolean;
}

function app(c: Case): Application {
  const base = exampleApplication();
  const matter: Application['matter'] =
    c.kind === 'functionality_change'
      ? { kind: c.kind, affectedServiceId: 'svarut', withinAgreedServicePrice: c.within ?? true }
      : c.kind === 'significant_further_development'
        ? { kind: c.kind, affectedServiceId: 'svarut' }
        : { kind: c.kind };
  return exampleApplication({
    matter,
    highRiskOrDrawsResources: c.highRisk ?? false,
    strategicOrGreatSignificance: c.strategic ?? false,
    financing: {
      ...base.financing,
      digifinGrant: c.digifin ? { requested: true, amountNok: 1_000_000 } : { requested: false },
      stateFinancing: c.state ?? false,
    },
  });
}

const L1 = { nivaa: 1, decidingBody: 'generalforsamling', consultedBodies: ['representasjonsradet', 'samstyringsstrukturen'] };
const L2 = { nivaa: 2, decidingBody: 'styret', consultedBodies: ['samstyringsstrukturen'] };
const L3 = { nivaa: 3, decidingBody: 'daglig_leder', consultedBodies: ['brukerrad'] };
const R = (name: string) => `classification.reason.${name}`;
const GRANT = R('digifinGrantPath');

// [description, case, level, reasons, needsConfirmation]
const TABLE: [string, Case, typeof L1, string[], boolean][] = [
  // Row 1 (nivå 1).
  ['new delivery area', { kind: 'new_delivery_area' }, L1, [R('newDeliveryArea')], false],
  ['new delivery area of strategic significance stays nivå 1', { kind: 'new_delivery_area', strategic: true }, L1, [R('newDeliveryArea')], false],
  ['new delivery area with DigiFin', { kind: 'new_delivery_area', digifin: true }, L1, [R('newDeliveryArea'), GRANT], false],
  // Row 2 (nivå 2).
  ['new service with DigiFin', { kind: 'new_service', digifin: true }, L2, [R('newWithPublicFunding'), GRANT], false],
  ['new project with DigiFin', { kind: 'new_project', digifin: true }, L2, [R('newWithPublicFunding'), GRANT], false],
  ['new service with state financing', { kind: 'new_service', state: true }, L2, [R('newWithPublicFunding')], false],
  ['new project with state financing', { kind: 'new_project', state: true }, L2, [R('newWithPublicFunding')], false],
  ['new project with both', { kind: 'new_project', digifin: true, state: true }, L2, [R('newWithPublicFunding'), GRANT], false],
  ['significant further development', { kind: 'significant_further_development' }, L2, [R('significantFurtherDevelopment')], false],
  ['significant further development, high risk', { kind: 'significant_further_development', highRisk: true }, L2, [R('significantFurtherDevelopment')], false],
  ['significant further development with DigiFin', { kind: 'significant_further_development', digifin: true }, L2, [R('significantFurtherDevelopment'), GRANT], false],
  ['functionality change outside the agreed price', { kind: 'functionality_change', within: false }, L2, [R('functionalityChangeOutsidePrice')], false],
  ['functionality change outside price, high risk', { kind: 'functionality_change', within: false, highRisk: true }, L2, [R('functionalityChangeOutsidePrice')], false],
  // Row 3 (nivå 3).
  ['functionality change within the agreed price', { kind: 'functionality_change', within: true }, L3, [R('functionalityChangeWithinPrice')], false],
  // Escalation: strategic or great significance lifts nivå 2 to nivå 1.
  ['strategic new service with DigiFin', { kind: 'new_service', digifin: true, strategic: true }, L1, [R('newWithPublicFunding'), R('strategicLift'), GRANT], false],
  ['strategic new project with state financing', { kind: 'new_project', state: true, strategic: true }, L1, [R('newWithPublicFunding'), R('strategicLift')], false],
  ['strategic significant further development', { kind: 'significant_further_development', strategic: true }, L1, [R('significantFurtherDevelopment'), R('strategicLift')], false],
  ['strategic change outside price', { kind: 'functionality_change', within: false, strategic: true }, L1, [R('functionalityChangeOutsidePrice'), R('strategicLift')], false],
  // Not settled by the table: nearest level, confirmation needed.
  ['new service without DigiFin or state money', { kind: 'new_service' }, L2, [R('newWithoutPublicFunding')], true],
  ['new project without DigiFin or state money', { kind: 'new_project', highRisk: true }, L2, [R('newWithoutPublicFunding')], true],
  ['strategic new service without public money', { kind: 'new_service', strategic: true }, L1, [R('newWithoutPublicFunding'), R('strategicLift')], true],
  ['change within price but high risk', { kind: 'functionality_change', within: true, highRisk: true }, L2, [R('functionalityChangeHighRisk')], true],
  ['change within price, high risk, strategic', { kind: 'functionality_change', within: true, highRisk: true, strategic: true }, L1, [R('functionalityChangeHighRisk'), R('strategicLift')], true],
  ['change within price with state money', { kind: 'functionality_change', within: true, state: true }, L2, [R('functionalityChangePublicFunding')], true],
  ['change within price with DigiFin', { kind: 'functionality_change', within: true, digifin: true }, L2, [R('functionalityChangePublicFunding'), GRANT], true],
  ['change within price of strategic significance', { kind: 'functionality_change', within: true, strategic: true }, L2, [R('functionalityChangeStrategic')], true],
];

describe('classify: Eierstrategi ch. 12 decision table', () => {
  it.each(TABLE)('%s', (_name, c, level, reasons, needsConfirmation) => {
    expect(classify(app(c))).toEqual({
      ...level,
      digifinGrantPath: c.digifin === true,
      reasons,
      needsConfirmation,
    });
  });

  it('the table above exercises every rule and every escalation', () => {
    const rules = new Set<string>();
    const escalations = new Set<string>();
    for (const [, c] of TABLE) {
      const facts = classificationFacts(app(c));
      const rule = RULES.find((r) => matches(r.when, facts));
      if (rule) rules.add(rule.id);
      for (const e of ESCALATIONS) {
        if (rule?.liftable && e.from === rule.nivaa && matches(e.when, facts)) escalations.add(e.id);
      }
    }
    expect([...rules].sort()).toEqual(RULES.map((r) => r.id).sort());
    expect([...escalations].sort()).toEqual(ESCALATIONS.map((e) => e.id).sort());
  });
});

/** Every combination of facts a parsed application can have. */
function allFacts(): ClassificationFacts[] {
  const out: ClassificationFacts[] = [];
  const bools = [false, true];
  for (const kind of MATTER_KINDS) {
    const withins = kind === 'functionality_change' ? bools : [undefined];
    for (const withinAgreedServicePrice of withins)
      for (const highRiskOrDrawsResources of bools)
        for (const digifinGrantRequested of bools)
          for (const stateFinancing of bools)
            for (const strategic of bools)
              out.push({ kind, withinAgreedServicePrice, highRiskOrDrawsResources, digifinGrantRequested, stateFinancing, strategic });
  }
  return out;
}

describe('classify: properties over every combination of facts', () => {
  const facts = allFacts();

  it('covers all 96 combinations', () => {
    expect(facts).toHaveLength(4 * 16 + 2 * 16);
  });

  it('always yields a valid proposal whose bodies match its nivå', () => {
    for (const f of facts) {
      const p = classifyFacts(f);
      expect(ClassificationProposalSchema.parse(p)).toEqual(p);
      expect(p.decidingBody).toBe(NIVAA_BODIES[p.nivaa].decidingBody);
      expect(p.consultedBodies).toEqual(NIVAA_BODIES[p.nivaa].consultedBodies);
    }
  });

  it('runs the grant path exactly when a DigiFin grant is requested, and says so last', () => {
    for (const f of facts) {
      const p = classifyFacts(f);
      expect(p.digifinGrantPath).toBe(f.digifinGrantRequested);
      expect(p.reasons.at(-1) === GRANT).toBe(f.digifinGrantRequested);
    }
  });

  it('never lowers the nivå when a case is of strategic significance', () => {
    for (const f of facts.filter((x) => !x.strategic)) {
      expect(classifyFacts({ ...f, strategic: true }).nivaa).toBeLessThanOrEqual(classifyFacts(f).nivaa);
    }
  });

  it('proposes nivå 3 only for a plain functionality change within the agreed price', () => {
    for (const f of facts) {
      const plain =
        f.kind === 'functionality_change' &&
        f.withinAgreedServicePrice === true &&
        !f.highRiskOrDrawsResources &&
        !f.digifinGrantRequested &&
        !f.stateFinancing &&
        !f.strategic;
      expect(classifyFacts(f).nivaa === 3).toBe(plain);
    }
  });

  it('proposes nivå 1 only for new delivery areas or strategic cases', () => {
    for (const f of facts) {
      if (classifyFacts(f).nivaa === 1) expect(f.kind === 'new_delivery_area' || f.strategic).toBe(true);
    }
  });

  it('has reasons that are catalog keys citing ch. 12 in nb, nn and en', () => {
    const reasons = new Set(facts.flatMap((f) => classifyFacts(f).reasons));
    expect(reasons.size).toBe(11);
    for (const reason of reasons) {
      expect(isMessageKey(reason)).toBe(true);
      if (!isMessageKey(reason)) continue;
      expect(t('nb', reason)).toContain('Eierstrategien kap. 12');
      expect(t('nn', reason)).toContain('Eierstrategien kap. 12');
      expect(t('en', reason)).toContain('Eierstrategien ch. 12');
      expect(new Set(LANGUAGES.map((lang) => t(lang, reason))).size).toBe(3);
    }
  });

  it('explains every proposal that needs confirmation with a reason that asks for it', () => {
    for (const f of facts) {
      const p = classifyFacts(f);
      const asks = p.reasons.some((r) => isMessageKey(r) && t('en', r).includes('confirmed by the secretariat'));
      expect(asks).toBe(p.needsConfirmation);
    }
  });
});

describe('classify: purity', () => {
  it('does not modify the application and gives the same answer twice', () => {
    const input = app({ kind: 'new_service', digifin: true, strategic: true });
    const frozen = structuredClone(input);
    deepFreeze(input);
    const first = classify(input);
    expect(classify(input)).toEqual(first);
    expect(input).toEqual(frozen);
  });

  it('returns fresh arrays, so a caller cannot corrupt the level table', () => {
    const p = classify(app({ kind: 'new_delivery_area' }));
    p.consultedBodies.push('styret');
    expect(classify(app({ kind: 'new_delivery_area' })).consultedBodies).toEqual(L1.consultedBodies);
  });
});

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}

describe('ClassificationProposalSchema', () => {
  const valid = classify(app({ kind: 'new_service', digifin: true }));

  it.each([
    ['an unknown key', { ...valid, extra: 1 }],
    ['no reasons', { ...valid, reasons: [] }],
    ['a reason that is not a classification key', { ...valid, reasons: ['error.internal.detail'] }],
    ['a reason the classification catalog does not have', { ...valid, reasons: ['classification.reason.newService'] }],
    ['an unknown body', { ...valid, decidingBody: 'kommunestyret' }],
    ['nivå 4', { ...valid, nivaa: 4 }],
  ])('rejects %s', (_name, proposal) => {
    expect(ClassificationProposalSchema.safeParse(proposal).success).toBe(false);
  });
});
