import { describe, expect, it } from 'vitest';
import { BODY_IDS, CHOICES, REQUEST_KINDS, RequestKindSchema, UNIT_OUTCOMES } from '../../../shared/kernel/ids';
import {
  GRANT_PATH,
  NIVAA_PATHS,
  nextOnPath,
  STEP_DEFINITION_IDS,
  STEP_DEFINITIONS,
  stepDefinition,
  stepNameKey,
} from '../../../shared/domain/process';
import { isMessageKey } from '../../../shared/i18n';

const bodiesOf = (id: keyof typeof STEP_DEFINITIONS) => STEP_DEFINITIONS[id].units.map((u) => u.bodyId);

describe('process paths (Eierstrategi ch. 12)', () => {
  it('nivå 1: styret proposes, Representasjonsrådet and samstyringsstrukturen in one parallel step, GF decides', () => {
    expect(NIVAA_PATHS[1]).toEqual(['nivaa1.proposal', 'nivaa1.consultation', 'nivaa1.decision']);
    expect(bodiesOf('nivaa1.proposal')).toEqual(['styret']);
    expect(bodiesOf('nivaa1.consultation')).toEqual(['representasjonsradet', 'samstyringsstrukturen']);
    expect(bodiesOf('nivaa1.decision')).toEqual(['generalforsamling']);
  });

  it('nivå 2: samstyringsstrukturen consulted, styret decides and may lift', () => {
    expect(NIVAA_PATHS[2]).toEqual(['nivaa2.consultation', 'nivaa2.decision']);
    expect(bodiesOf('nivaa2.consultation')).toEqual(['samstyringsstrukturen']);
    expect(bodiesOf('nivaa2.decision')).toEqual(['styret']);
    expect(STEP_DEFINITIONS['nivaa2.decision'].choices).toEqual(['approve', 'reject', 'return', 'lift']);
  });

  it('nivå 3: the brukerråd consulted, daglig leder decides', () => {
    expect(NIVAA_PATHS[3]).toEqual(['nivaa3.consultation', 'nivaa3.decision']);
    expect(bodiesOf('nivaa3.consultation')).toEqual(['brukerrad']);
    expect(bodiesOf('nivaa3.decision')).toEqual(['daglig_leder']);
  });

  it('grant path: KommIT-rådet recommends, KS adm. dir. approves or rejects', () => {
    expect(GRANT_PATH).toEqual(['grant.recommendation', 'grant.decision']);
    expect(STEP_DEFINITIONS['grant.recommendation'].requestKind).toBe('recommendation');
    expect(STEP_DEFINITIONS['grant.recommendation'].choices).toEqual(['recommend', 'not_recommend']);
    expect(bodiesOf('grant.decision')).toEqual(['ks_adm_dir']);
    expect(STEP_DEFINITIONS['grant.decision'].choices).toEqual(['approve', 'reject']);
  });

  it('only styret on nivå 2 can lift; every decision can reject; consultations give statements', () => {
    for (const def of Object.values(STEP_DEFINITIONS)) {
      expect(def.choices.includes('lift')).toBe(def.id === 'nivaa2.decision');
      expect(def.choices).toContain(def.fallback);
      if (def.kind === 'consultation') {
        expect(def.choices).toEqual(['support', 'object', 'no_comment']);
        expect(def.allowedNoAnswerRules).toContain('proceed');
      }
      if (def.kind === 'decision') expect(def.allowedNoAnswerRules).not.toContain('proceed');
    }
  });

  it('the amendment is answered by the applicant, on a unit the secretariat owns', () => {
    const def = STEP_DEFINITIONS.amendment;
    expect(def.answeredBy).toBe('applicant');
    expect(def.units).toEqual([{ unitId: 'sekretariat', bodyId: 'sekretariat' }]);
    expect(def.choices).toEqual(['amended']);
  });

  it('tells the applicant and the secretariat when every step starts and ends', () => {
    for (const def of Object.values(STEP_DEFINITIONS)) {
      for (const list of [def.notifyOnStart, def.notifyOnEnd]) {
        expect(list).toEqual(expect.arrayContaining(['applicant', 'sekretariat']));
        expect(new Set(list).size).toBe(list.length);
      }
    }
    expect(STEP_DEFINITIONS['nivaa1.consultation'].notifyOnEnd).toContain('generalforsamling');
  });

  it('asks for every request kind in some step, and for nothing else', () => {
    const asked = Object.values(STEP_DEFINITIONS).map((def) => RequestKindSchema.parse(def.requestKind));
    expect(new Set(asked)).toEqual(new Set(REQUEST_KINDS));
    expect(STEP_DEFINITIONS.triage.requestKind).toBe('triage');
    expect(STEP_DEFINITIONS.escalation.requestKind).toBe('escalation');
    expect(RequestKindSchema.safeParse('proposal').success).toBe(false);
  });

  it('walks each path with nextOnPath and looks definitions up safely', () => {
    expect(nextOnPath('grant.recommendation')).toBe('grant.decision');
    expect(nextOnPath('grant.decision')).toBeUndefined();
    expect(nextOnPath('nivaa1.proposal')).toBe('nivaa1.consultation');
    expect(nextOnPath('nivaa3.decision')).toBeUndefined();
    expect(stepDefinition('triage').kind).toBe('triage');
    expect(() => stepDefinition('nivaa4.decision')).toThrow(RangeError);
  });
});

describe('governance catalog', () => {
  it('names every step, body, choice and outcome in all languages', () => {
    const keys = [
      ...STEP_DEFINITION_IDS.map(stepNameKey),
      ...BODY_IDS.map((id) => `governance.body.${id}`),
      ...CHOICES.map((c) => `governance.choice.${c}`),
      ...UNIT_OUTCOMES.map((o) => `governance.outcome.${o}`),
    ];
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});
