import { z } from 'zod';
import { classificationMessages } from '../i18n/catalogs/classification';
import type { Application, MatterKind } from './application';
import { type BodyId, BodyIdSchema, type Nivaa, NivaaSchema } from '../kernel/ids';
import { NIVAA_PATHS, STEP_DEFINITIONS } from './process';

/**
 * Proposes a decision level (nivå) for an application, from the decision table in
 * Eierstrategi DIF 2023–2027 ch. 12 "Beslutningsnivåer i DIF knyttet til behovs- og
 * porteføljestyring av tjenester". The proposal goes to the secretariat, who confirms or
 * overrides it in triage; `needsConfirmation` marks proposals the table does not settle.
 *
 * The table is data: RULES is an ordered list (first match wins) and ESCALATIONS are applied
 * afterwards. Judgement calls where the strategy is silent are documented on each rule.
 */
export type ClassificationReasonKey = keyof (typeof classificationMessages)['nb'];
const CLASSIFICATION_REASON_KEYS = Object.keys(classificationMessages.nb) as [
  ClassificationReasonKey,
  ...ClassificationReasonKey[],
];
/** A reason is a key of the classification catalog, so every reader can show it in its language. */
const ClassificationReasonKeySchema = z.enum(CLASSIFICATION_REASON_KEYS);

export interface NivaaBodies {
  decidingBody: BodyId;
  consultedBodies: readonly BodyId[];
}

/**
 * Who decides and who is consulted at a nivå (ch. 12 table, columns "Beslutter" and
 * "Konsulteres"), read off the nivå's path (process.ts) so that the proposal names the
 * bodies the case goes to: the last step's body decides, the consultation steps' bodies
 * are consulted.
 */
function bodiesOnPath(nivaa: Nivaa): NivaaBodies {
  const steps = NIVAA_PATHS[nivaa].map((id) => STEP_DEFINITIONS[id]);
  return {
    decidingBody: steps.at(-1)!.units[0]!.bodyId,
    consultedBodies: steps.filter((s) => s.kind === 'consultation').flatMap((s) => s.units.map((u) => u.bodyId)),
  };
}

export const NIVAA_BODIES: Readonly<Record<Nivaa, NivaaBodies>> = {
  1: bodiesOnPath(1),
  2: bodiesOnPath(2),
  3: bodiesOnPath(3),
};

/** The facts about an application that the table looks at. */
export interface ClassificationFacts {
  kind: MatterKind;
  /** Only defined for functionality changes. */
  withinAgreedServicePrice: boolean | undefined;
  highRiskOrDrawsResources: boolean;
  digifinGrantRequested: boolean;
  stateFinancing: boolean;
  strategic: boolean;
}

/** A rule matches when every given criterion equals the fact; omitted criteria match anything. */
export interface RuleCriteria {
  kinds?: readonly MatterKind[];
  withinAgreedServicePrice?: boolean;
  highRiskOrDrawsResources?: boolean;
  /** DigiFin grant requested or state financing (row 2: "Digifin-finansiering og statlig finansiering"). */
  publicFunding?: boolean;
  strategic?: boolean;
}

export interface ClassificationRule {
  id: string;
  when: RuleCriteria;
  nivaa: Nivaa;
  reason: ClassificationReasonKey;
  needsConfirmation: boolean;
  /**
   * Whether the row's "Saker av strategisk eller stor betydning skal behandles av
   * generalforsamlingen som nivå 1-sak" applies, i.e. the case is treated as a nivå 2 case.
   */
  liftable: boolean;
}

const NEW_SERVICE_OR_PROJECT = ['new_service', 'new_project'] as const satisfies readonly MatterKind[];

export const RULES: readonly ClassificationRule[] = [
  // Row 1: "Ny leveranseområder som ikke er angitt i eierstrategi eller oppdragsdokument".
  {
    id: 'new_delivery_area',
    when: { kinds: ['new_delivery_area'] },
    nivaa: 1,
    reason: 'classification.reason.newDeliveryArea',
    needsConfirmation: false,
    liftable: false,
  },
  // Row 2: "Alle nye tjenester og prosjekter med Digifin-finansiering og statlig finansiering".
  {
    id: 'new_with_public_funding',
    when: { kinds: NEW_SERVICE_OR_PROJECT, publicFunding: true },
    nivaa: 2,
    reason: 'classification.reason.newWithPublicFunding',
    needsConfirmation: false,
    liftable: true,
  },
  // Not in the table: a new service/project financed only by own effort, municipal
  // contributions or users. Nivå 3 covers only changes to existing services within their
  // price, and nivå 1 only new delivery areas, so nivå 2 is nearest; the secretariat confirms.
  {
    id: 'new_without_public_funding',
    when: { kinds: NEW_SERVICE_OR_PROJECT, publicFunding: false },
    nivaa: 2,
    reason: 'classification.reason.newWithoutPublicFunding',
    needsConfirmation: true,
    liftable: true,
  },
  // Row 2: "Vesentlig videreutvikling av eksisterende tjenester". The prose above the table adds
  // "med høy risiko eller ressurspådrag", but the table row (which assigns the decider) has no
  // such condition, so every significant further development is nivå 2 without confirmation.
  {
    id: 'significant_further_development',
    when: { kinds: ['significant_further_development'] },
    nivaa: 2,
    reason: 'classification.reason.significantFurtherDevelopment',
    needsConfirmation: false,
    liftable: true,
  },
  // Row 3 applies only "innenfor avtalt tjenestepris". Outside it the change cannot be paid by
  // the user financing (ch. 4), which is what makes a development "vesentlig": nivå 2.
  {
    id: 'functionality_change_outside_price',
    when: { kinds: ['functionality_change'], withinAgreedServicePrice: false },
    nivaa: 2,
    reason: 'classification.reason.functionalityChangeOutsidePrice',
    needsConfirmation: false,
    liftable: true,
  },
  // Ambiguous: within the price (row 3), yet "høy risiko eller ressurspådrag på bekostning av
  // andre tjenester" is what ch. 12 names as the mark of nivå 2. Propose the higher level, since
  // under-classifying would skip samstyringsstrukturen, and ask the secretariat to confirm.
  {
    id: 'functionality_change_high_risk',
    when: {
      kinds: ['functionality_change'],
      withinAgreedServicePrice: true,
      highRiskOrDrawsResources: true,
    },
    nivaa: 2,
    reason: 'classification.reason.functionalityChangeHighRisk',
    needsConfirmation: true,
    liftable: true,
  },
  // Ambiguous: "within the agreed price" yet asking for DigiFin or state money, which row 2
  // ties to nivå 2. Same reasoning as above.
  {
    id: 'functionality_change_public_funding',
    when: { kinds: ['functionality_change'], withinAgreedServicePrice: true, publicFunding: true },
    nivaa: 2,
    reason: 'classification.reason.functionalityChangePublicFunding',
    needsConfirmation: true,
    liftable: true,
  },
  // The table lifts only nivå 2 cases of strategic significance to GF. For service management
  // ch. 12 "Tjenestestyringen" says strategic matters "skal løftes for drøfting i
  // samstyringsstrukturen", which is nivå 2's consultation; styret can still lift it to nivå 1.
  // So: nivå 2, not lifted further here, and confirmed by the secretariat.
  {
    id: 'functionality_change_strategic',
    when: { kinds: ['functionality_change'], withinAgreedServicePrice: true, strategic: true },
    nivaa: 2,
    reason: 'classification.reason.functionalityChangeStrategic',
    needsConfirmation: true,
    liftable: false,
  },
  // Row 3: "Funksjonalitetsendring innenfor avtalt tjenestepris".
  {
    id: 'functionality_change_within_price',
    when: { kinds: ['functionality_change'], withinAgreedServicePrice: true },
    nivaa: 3,
    reason: 'classification.reason.functionalityChangeWithinPrice',
    needsConfirmation: false,
    liftable: false,
  },
];

export interface ClassificationEscalation {
  id: string;
  when: RuleCriteria;
  from: Nivaa;
  to: Nivaa;
  reason: ClassificationReasonKey;
}

export const ESCALATIONS: readonly ClassificationEscalation[] = [
  // Row 2: "Saker av strategisk eller stor betydning skal behandles av generalforsamlingen som nivå 1-sak."
  {
    id: 'strategic_lift',
    when: { strategic: true },
    from: 2,
    to: 1,
    reason: 'classification.reason.strategicLift',
  },
];

export const ClassificationProposalSchema = z
  .object({
    nivaa: NivaaSchema,
    decidingBody: BodyIdSchema,
    consultedBodies: z.array(BodyIdSchema),
    digifinGrantPath: z.boolean(),
    reasons: z.array(ClassificationReasonKeySchema).min(1),
    needsConfirmation: z.boolean(),
  })
  .strict();
export type ClassificationProposal = z.infer<typeof ClassificationProposalSchema>;

export function classificationFacts(app: Application): ClassificationFacts {
  const { matter, financing } = app;
  return {
    kind: matter.kind,
    withinAgreedServicePrice:
      matter.kind === 'functionality_change' ? matter.withinAgreedServicePrice : undefined,
    highRiskOrDrawsResources: app.highRiskOrDrawsResources,
    digifinGrantRequested: financing.digifinGrant.requested,
    stateFinancing: financing.stateFinancing,
    strategic: app.strategicOrGreatSignificance,
  };
}

export function matches(criteria: RuleCriteria, facts: ClassificationFacts): boolean {
  if (criteria.kinds && !criteria.kinds.includes(facts.kind)) return false;
  const values = { ...facts, publicFunding: facts.digifinGrantRequested || facts.stateFinancing };
  const flags = [
    'withinAgreedServicePrice',
    'highRiskOrDrawsResources',
    'publicFunding',
    'strategic',
  ] as const;
  return flags.every((flag) => criteria[flag] === undefined || criteria[flag] === values[flag]);
}

/** Pure: the same application always gives the same proposal. */
export function classify(app: Application): ClassificationProposal {
  return classifyFacts(classificationFacts(app));
}

export function classifyFacts(facts: ClassificationFacts): ClassificationProposal {
  const rule = RULES.find((candidate) => matches(candidate.when, facts));
  // Every parsed application matches a rule (tested over all fact combinations).
  if (!rule) throw new Error(`No classification rule for matter kind ${facts.kind}`);
  let nivaa = rule.nivaa;
  const reasons: ClassificationReasonKey[] = [rule.reason];
  if (rule.liftable) {
    for (const escalation of ESCALATIONS) {
      if (escalation.from === nivaa && matches(escalation.when, facts)) {
        nivaa = escalation.to;
        reasons.push(escalation.reason);
      }
    }
  }
  // Any requested DigiFin grant runs the grant path (process.ts GRANT_PATH), whatever the nivå.
  const digifinGrantPath = facts.digifinGrantRequested;
  if (digifinGrantPath) reasons.push('classification.reason.digifinGrantPath');
  const bodies = NIVAA_BODIES[nivaa];
  return {
    nivaa,
    decidingBody: bodies.decidingBody,
    consultedBodies: [...bodies.consultedBodies],
    digifinGrantPath,
    reasons,
    needsConfirmation: rule.needsConfirmation,
  };
}
