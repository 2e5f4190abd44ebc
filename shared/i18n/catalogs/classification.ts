import { defineCatalog } from '../define-catalog';

/**
 * Reasons for a proposed nivå (shared/domain/classification.ts). Each cites Eierstrategi
 * DIF 2023–2027 ch. 12, where the decision table is; the secretariat and the applicant see them.
 */
export const classificationMessages = defineCatalog({
  nb: {
    'classification.reason.newDeliveryArea':
      'Nye leveranseområder er nivå 1: generalforsamlingen beslutter etter forslag fra styret, etter konsultasjon av Representasjonsrådet og samstyringsstrukturen (Eierstrategien kap. 12).',
    'classification.reason.newWithPublicFunding':
      'Nye tjenester og prosjekter med DigiFin-finansiering eller statlig finansiering er nivå 2: styret beslutter etter konsultasjon av samstyringsstrukturen (Eierstrategien kap. 12).',
    'classification.reason.newWithoutPublicFunding':
      'Eierstrategien kap. 12 legger nye tjenester og prosjekter med DigiFin- eller statlig finansiering på nivå 2, men sier ikke hvor nye tjenester uten slik finansiering hører hjemme. Nivå 2 er foreslått som nærmeste nivå, og sekretariatet må bekrefte.',
    'classification.reason.significantFurtherDevelopment':
      'Vesentlig videreutvikling av eksisterende tjenester er nivå 2: styret beslutter etter konsultasjon av samstyringsstrukturen (Eierstrategien kap. 12).',
    'classification.reason.functionalityChangeOutsidePrice':
      'Endringen går ut over avtalt tjenestepris og er derfor ikke nivå 3. Den behandles som vesentlig videreutvikling på nivå 2 (Eierstrategien kap. 12 og kap. 4).',
    'classification.reason.functionalityChangeHighRisk':
      'Endringen er innenfor avtalt tjenestepris (nivå 3), men har høy risiko eller trekker ressurser fra andre tjenester, noe Eierstrategien kap. 12 knytter til nivå 2. Nivå 2 er foreslått, og sekretariatet må bekrefte.',
    'classification.reason.functionalityChangePublicFunding':
      'Endringen er oppgitt å være innenfor avtalt tjenestepris (nivå 3), men det søkes om DigiFin-midler eller statlig finansiering, noe Eierstrategien kap. 12 knytter til nivå 2. Nivå 2 er foreslått, og sekretariatet må bekrefte.',
    'classification.reason.functionalityChangeStrategic':
      'Endringen er innenfor avtalt tjenestepris (nivå 3), men har strategisk eller stor betydning. Etter Eierstrategien kap. 12 skal strategiske forhold i forvaltningen løftes til samstyringsstrukturen. Nivå 2 er foreslått, og sekretariatet må bekrefte.',
    'classification.reason.functionalityChangeWithinPrice':
      'Funksjonalitetsendringer innenfor avtalt tjenestepris er nivå 3: daglig leder beslutter etter konsultasjon av tjenestens brukerråd (Eierstrategien kap. 12).',
    'classification.reason.strategicLift':
      'Saken har strategisk eller stor betydning og skal behandles av generalforsamlingen som nivå 1-sak (Eierstrategien kap. 12).',
    'classification.reason.digifinGrantPath':
      'Det søkes om DigiFin-midler. Administrerende direktør i KS beslutter tildelingen etter anbefaling fra KommIT-rådet (Eierstrategien kap. 12).',
  },
  nn: {
    'classification.reason.newDeliveryArea':
      'Nye leveranseområde er nivå 1: generalforsamlinga avgjer etter forslag frå styret, etter at Representasjonsrådet og samstyringsstrukturen er konsulterte (Eierstrategien kap. 12).',
    'classification.reason.newWithPublicFunding':
      'Nye tenester og prosjekt med DigiFin-finansiering eller statleg finansiering er nivå 2: styret avgjer etter at samstyringsstrukturen er konsultert (Eierstrategien kap. 12).',
    'classification.reason.newWithoutPublicFunding':
      'Eierstrategien kap. 12 legg nye tenester og prosjekt med DigiFin- eller statleg finansiering på nivå 2, men seier ikkje kvar nye tenester utan slik finansiering høyrer heime. Nivå 2 er føreslått som næraste nivå, og sekretariatet må stadfeste.',
    'classification.reason.significantFurtherDevelopment':
      'Vesentleg vidareutvikling av eksisterande tenester er nivå 2: styret avgjer etter at samstyringsstrukturen er konsultert (Eierstrategien kap. 12).',
    'classification.reason.functionalityChangeOutsidePrice':
      'Endringa går ut over avtalt tenestepris og er difor ikkje nivå 3. Ho blir handsama som vesentleg vidareutvikling på nivå 2 (Eierstrategien kap. 12 og kap. 4).',
    'classification.reason.functionalityChangeHighRisk':
      'Endringa er innanfor avtalt tenestepris (nivå 3), men har høg risiko eller trekkjer ressursar frå andre tenester, noko Eierstrategien kap. 12 knyter til nivå 2. Nivå 2 er føreslått, og sekretariatet må stadfeste.',
    'classification.reason.functionalityChangePublicFunding':
      'Endringa er oppgitt å vere innanfor avtalt tenestepris (nivå 3), men det blir søkt om DigiFin-midlar eller statleg finansiering, noko Eierstrategien kap. 12 knyter til nivå 2. Nivå 2 er føreslått, og sekretariatet må stadfeste.',
    'classification.reason.functionalityChangeStrategic':
      'Endringa er innanfor avtalt tenestepris (nivå 3), men har strategisk eller stor tyding. Etter Eierstrategien kap. 12 skal strategiske tilhøve i forvaltinga løftast til samstyringsstrukturen. Nivå 2 er føreslått, og sekretariatet må stadfeste.',
    'classification.reason.functionalityChangeWithinPrice':
      'Funksjonalitetsendringar innanfor avtalt tenestepris er nivå 3: dagleg leiar avgjer etter at brukarrådet for tenesta er konsultert (Eierstrategien kap. 12).',
    'classification.reason.strategicLift':
      'Saka har strategisk eller stor tyding og skal handsamast av generalforsamlinga som nivå 1-sak (Eierstrategien kap. 12).',
    'classification.reason.digifinGrantPath':
      'Det blir søkt om DigiFin-midlar. Administrerande direktør i KS avgjer tildelinga etter tilråding frå KommIT-rådet (Eierstrategien kap. 12).',
  },
  en: {
    'classification.reason.newDeliveryArea':
      'New delivery areas are level 1: the general meeting decides on a proposal from the board, after consulting the Representative Council and the co-governance structure (Eierstrategien ch. 12).',
    'classification.reason.newWithPublicFunding':
      'New services and projects with DigiFin or state funding are level 2: the board decides after consulting the co-governance structure (Eierstrategien ch. 12).',
    'classification.reason.newWithoutPublicFunding':
      'Eierstrategien ch. 12 places new services and projects with DigiFin or state funding at level 2 but does not say where new services without such funding belong. Level 2 is proposed as the nearest level and must be confirmed by the secretariat.',
    'classification.reason.significantFurtherDevelopment':
      'Significant further development of existing services is level 2: the board decides after consulting the co-governance structure (Eierstrategien ch. 12).',
    'classification.reason.functionalityChangeOutsidePrice':
      'The change goes beyond the agreed service price and is therefore not level 3. It is handled as significant further development at level 2 (Eierstrategien ch. 12 and ch. 4).',
    'classification.reason.functionalityChangeHighRisk':
      'The change is within the agreed service price (level 3) but carries high risk or draws resources from other services, which Eierstrategien ch. 12 associates with level 2. Level 2 is proposed and must be confirmed by the secretariat.',
    'classification.reason.functionalityChangePublicFunding':
      'The change is stated to be within the agreed service price (level 3), but DigiFin or state funding is requested, which Eierstrategien ch. 12 associates with level 2. Level 2 is proposed and must be confirmed by the secretariat.',
    'classification.reason.functionalityChangeStrategic':
      'The change is within the agreed service price (level 3) but is of strategic or great significance. Under Eierstrategien ch. 12, strategic service-management matters are raised with the co-governance structure. Level 2 is proposed and must be confirmed by the secretariat.',
    'classification.reason.functionalityChangeWithinPrice':
      "Functionality changes within the agreed service price are level 3: the managing director decides after consulting the service's user council (Eierstrategien ch. 12).",
    'classification.reason.strategicLift':
      'The matter is of strategic or great significance and goes to the general meeting as a level 1 case (Eierstrategien ch. 12).',
    'classification.reason.digifinGrantPath':
      "DigiFin funding is requested. KS' chief executive decides the grant on the recommendation of the KommIT council (Eierstrategien ch. 12).",
  },
});
