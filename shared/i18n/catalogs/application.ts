import { defineCatalog } from '../define-catalog';

/**
 * The application form (shared/domain/application.ts): validation messages, and labels for the
 * option lists (`application.option.<list>.<code>`) so the web form can render the choices.
 * `{max}` is filled from the schema's bound.
 */
export const applicationMessages = defineCatalog({
  nb: {
    'application.body.invalid': 'Søknaden må sendes som et JSON-objekt.',
    'application.section.required': 'Denne delen av skjemaet må fylles ut.',
    'application.section.invalid': 'Denne delen av skjemaet har feil form.',
    'application.text.invalidType': 'Feltet må være tekst.',
    'application.text.tooLong': 'Teksten kan ha høyst {max} tegn.',
    'application.text.controlCharacters': 'Teksten inneholder ugyldige kontrolltegn.',
    'application.text.unpairedSurrogate':
      'Teksten inneholder et ødelagt tegn (en halv Unicode-kode). Skriv inn eller lim inn teksten på nytt.',
    'application.choice.required': 'Du må velge et svar.',
    'application.choice.invalid': 'Velg et av de tillatte svarene.',
    'application.title.required': 'Skriv inn en tittel.',
    'application.needDescription.required': 'Beskriv behovet.',
    'application.applicant.name.required': 'Skriv inn navnet på organisasjonen.',
    'application.applicant.kind.required': 'Velg hva slags organisasjon som søker.',
    'application.organisationNumber.required': 'Skriv inn organisasjonsnummeret.',
    'application.organisationNumber.format': 'Organisasjonsnummeret må ha 9 siffer.',
    'application.organisationNumber.invalid':
      'Organisasjonsnummeret er ikke gyldig. Sjekk at alle sifrene er riktige.',
    'application.contactPerson.name.required': 'Skriv inn navnet på kontaktpersonen.',
    'application.contactPerson.email.required': 'Skriv inn e-postadressen til kontaktpersonen.',
    'application.contactPerson.email.invalid': 'E-postadressen er ikke gyldig.',
    'application.contactPerson.phone.required': 'Skriv inn telefonnummeret til kontaktpersonen.',
    'application.contactPerson.phone.invalid':
      'Skriv inn et norsk telefonnummer med 8 siffer, gjerne med +47 foran.',
    'application.needSource.required': 'Velg hvor behovet kommer fra.',
    'application.matter.kind.required': 'Velg hva saken gjelder.',
    'application.affectedServiceId.required': 'Velg hvilken eksisterende tjeneste saken gjelder.',
    'application.affectedServiceId.invalid': 'Tjenesten er ikke gyldig.',
    'application.digifinGrant.amountNok.required':
      'Oppgi hvor mye DigiFin-midler dere søker om, i kroner.',
    'application.digifinGrant.amountNok.invalid': 'Beløpet må være et helt antall kroner større enn 0.',
    'application.digifinGrant.amountNok.tooBig': 'Beløpet kan være høyst {max} kroner.',
    'application.participatingMunicipalities.required': 'Listen over deltakende kommuner mangler.',
    'application.participatingMunicipalities.invalid': 'Deltakende kommuner må oppgis som en liste.',
    'application.participatingMunicipalities.name.required': 'Skriv inn navnet på kommunen.',
    'application.participatingMunicipalities.tooMany': 'Det kan være høyst {max} deltakende kommuner.',
    'application.participatingMunicipalities.duplicate': 'Denne kommunen er allerede oppført.',
    'application.preferredLanguage.required': 'Velg hvilket språk du vil få svar på.',
    'application.option.organisationKind.kommune': 'Kommune',
    'application.option.organisationKind.fylkeskommune': 'Fylkeskommune',
    'application.option.organisationKind.ks': 'KS',
    'application.option.organisationKind.kommunalt_selskap': 'Kommunalt selskap',
    'application.option.needSource.samstyring_dialog':
      'Årlig dialog gjennom samstyringsstrukturen, herunder regionale digitaliseringsnettverk',
    'application.option.needSource.dif_forvaltning_brukerrad':
      'DIFs forvaltningsprosesser, herunder dialog med brukerråd',
    'application.option.needSource.statlige_virksomheter': 'Dialog med statlige virksomheter',
    'application.option.needSource.direkte_innspill': 'Direkte innspill fra kommunesektoren',
    'application.option.needSource.nasjonale_felleslosninger': 'Endring i nasjonale fellesløsninger',
    'application.option.needSource.leverandordialog': 'Dialog med leverandører',
    'application.option.matterKind.new_delivery_area': 'Nytt leveranseområde',
    'application.option.matterKind.new_service': 'Ny tjeneste',
    'application.option.matterKind.new_project': 'Nytt prosjekt',
    'application.option.matterKind.significant_further_development':
      'Vesentlig videreutvikling av en eksisterende tjeneste',
    'application.option.matterKind.functionality_change':
      'Endring i funksjonalitet i en eksisterende tjeneste',
  },
  nn: {
    'application.body.invalid': 'Søknaden må sendast som eit JSON-objekt.',
    'application.section.required': 'Denne delen av skjemaet må fyllast ut.',
    'application.section.invalid': 'Denne delen av skjemaet har feil form.',
    'application.text.invalidType': 'Feltet må vere tekst.',
    'application.text.tooLong': 'Teksten kan ha høgst {max} teikn.',
    'application.text.controlCharacters': 'Teksten inneheld ugyldige kontrollteikn.',
    'application.text.unpairedSurrogate':
      'Teksten inneheld eit øydelagt teikn (ein halv Unicode-kode). Skriv inn eller lim inn teksten på nytt.',
    'application.choice.required': 'Du må velje eit svar.',
    'application.choice.invalid': 'Vel eitt av dei tillatne svara.',
    'application.title.required': 'Skriv inn ein tittel.',
    'application.needDescription.required': 'Gjer greie for behovet.',
    'application.applicant.name.required': 'Skriv inn namnet på organisasjonen.',
    'application.applicant.kind.required': 'Vel kva slags organisasjon som søkjer.',
    'application.organisationNumber.required': 'Skriv inn organisasjonsnummeret.',
    'application.organisationNumber.format': 'Organisasjonsnummeret må ha 9 siffer.',
    'application.organisationNumber.invalid':
      'Organisasjonsnummeret er ikkje gyldig. Sjekk at alle sifra er rette.',
    'application.contactPerson.name.required': 'Skriv inn namnet på kontaktpersonen.',
    'application.contactPerson.email.required': 'Skriv inn e-postadressa til kontaktpersonen.',
    'application.contactPerson.email.invalid': 'E-postadressa er ikkje gyldig.',
    'application.contactPerson.phone.required': 'Skriv inn telefonnummeret til kontaktpersonen.',
    'application.contactPerson.phone.invalid':
      'Skriv inn eit norsk telefonnummer med 8 siffer, gjerne med +47 framfor.',
    'application.needSource.required': 'Vel kvar behovet kjem frå.',
    'application.matter.kind.required': 'Vel kva saka gjeld.',
    'application.affectedServiceId.required': 'Vel kva for ei eksisterande teneste saka gjeld.',
    'application.affectedServiceId.invalid': 'Tenesta er ikkje gyldig.',
    'application.digifinGrant.amountNok.required':
      'Oppgi kor mykje DigiFin-midlar de søkjer om, i kroner.',
    'application.digifinGrant.amountNok.invalid': 'Beløpet må vere eit heilt tal kroner større enn 0.',
    'application.digifinGrant.amountNok.tooBig': 'Beløpet kan vere høgst {max} kroner.',
    'application.participatingMunicipalities.required': 'Lista over deltakande kommunar manglar.',
    'application.participatingMunicipalities.invalid': 'Deltakande kommunar må oppgjevast som ei liste.',
    'application.participatingMunicipalities.name.required': 'Skriv inn namnet på kommunen.',
    'application.participatingMunicipalities.tooMany': 'Det kan vere høgst {max} deltakande kommunar.',
    'application.participatingMunicipalities.duplicate': 'Denne kommunen er alt ført opp.',
    'application.preferredLanguage.required': 'Vel kva språk du vil få svar på.',
    'application.option.organisationKind.kommune': 'Kommune',
    'application.option.organisationKind.fylkeskommune': 'Fylkeskommune',
    'application.option.organisationKind.ks': 'KS',
    'application.option.organisationKind.kommunalt_selskap': 'Kommunalt selskap',
    'application.option.needSource.samstyring_dialog':
      'Årleg dialog gjennom samstyringsstrukturen, medrekna regionale digitaliseringsnettverk',
    'application.option.needSource.dif_forvaltning_brukerrad':
      'Forvaltingsprosessane til DIF, medrekna dialog med brukarråd',
    'application.option.needSource.statlige_virksomheter': 'Dialog med statlege verksemder',
    'application.option.needSource.direkte_innspill': 'Direkte innspel frå kommunesektoren',
    'application.option.needSource.nasjonale_felleslosninger': 'Endring i nasjonale fellesløysingar',
    'application.option.needSource.leverandordialog': 'Dialog med leverandørar',
    'application.option.matterKind.new_delivery_area': 'Nytt leveranseområde',
    'application.option.matterKind.new_service': 'Ny teneste',
    'application.option.matterKind.new_project': 'Nytt prosjekt',
    'application.option.matterKind.significant_further_development':
      'Vesentleg vidareutvikling av ei eksisterande teneste',
    'application.option.matterKind.functionality_change':
      'Endring i funksjonalitet i ei eksisterande teneste',
  },
  en: {
    'application.body.invalid': 'The application must be sent as a JSON object.',
    'application.section.required': 'This part of the form must be filled in.',
    'application.section.invalid': 'This part of the form has the wrong shape.',
    'application.text.invalidType': 'This field must be text.',
    'application.text.tooLong': 'The text can have at most {max} characters.',
    'application.text.controlCharacters': 'The text contains invalid control characters.',
    'application.text.unpairedSurrogate':
      'The text contains a broken character (half of a Unicode pair). Type or paste the text again.',
    'application.choice.required': 'Please choose an answer.',
    'application.choice.invalid': 'Choose one of the allowed answers.',
    'application.title.required': 'Enter a title.',
    'application.needDescription.required': 'Describe the need.',
    'application.applicant.name.required': 'Enter the name of the organisation.',
    'application.applicant.kind.required': 'Choose what kind of organisation is applying.',
    'application.organisationNumber.required': 'Enter the organisation number.',
    'application.organisationNumber.format': 'The organisation number must have 9 digits.',
    'application.organisationNumber.invalid':
      'The organisation number is not valid. Check that all digits are correct.',
    'application.contactPerson.name.required': 'Enter the name of the contact person.',
    'application.contactPerson.email.required': "Enter the contact person's email address.",
    'application.contactPerson.email.invalid': 'The email address is not valid.',
    'application.contactPerson.phone.required': "Enter the contact person's phone number.",
    'application.contactPerson.phone.invalid':
      'Enter a Norwegian phone number with 8 digits, optionally starting with +47.',
    'application.needSource.required': 'Choose where the need comes from.',
    'application.matter.kind.required': 'Choose what the matter concerns.',
    'application.affectedServiceId.required': 'Choose which existing service the matter concerns.',
    'application.affectedServiceId.invalid': 'The service is not valid.',
    'application.digifinGrant.amountNok.required':
      'State how much DigiFin funding you are applying for, in Norwegian kroner.',
    'application.digifinGrant.amountNok.invalid':
      'The amount must be a whole number of kroner greater than 0.',
    'application.digifinGrant.amountNok.tooBig': 'The amount can be at most {max} kroner.',
    'application.participatingMunicipalities.required': 'The list of participating municipalities is missing.',
    'application.participatingMunicipalities.invalid': 'Participating municipalities must be given as a list.',
    'application.participatingMunicipalities.name.required': 'Enter the name of the municipality.',
    'application.participatingMunicipalities.tooMany':
      'There can be at most {max} participating municipalities.',
    'application.participatingMunicipalities.duplicate': 'This municipality is already listed.',
    'application.preferredLanguage.required': 'Choose the language you want replies in.',
    'application.option.organisationKind.kommune': 'Municipality',
    'application.option.organisationKind.fylkeskommune': 'County authority',
    'application.option.organisationKind.ks': 'KS',
    'application.option.organisationKind.kommunalt_selskap': 'Municipally owned company',
    'application.option.needSource.samstyring_dialog':
      'Annual dialogue through the co-governance structure, including regional digitalisation networks',
    'application.option.needSource.dif_forvaltning_brukerrad':
      "DIF's service management, including dialogue with user councils",
    'application.option.needSource.statlige_virksomheter': 'Dialogue with state agencies',
    'application.option.needSource.direkte_innspill': 'Direct input from the municipal sector',
    'application.option.needSource.nasjonale_felleslosninger': 'Changes in national common solutions',
    'application.option.needSource.leverandordialog': 'Dialogue with suppliers',
    'application.option.matterKind.new_delivery_area': 'New delivery area',
    'application.option.matterKind.new_service': 'New service',
    'application.option.matterKind.new_project': 'New project',
    'application.option.matterKind.significant_further_development':
      'Significant further development of an existing service',
    'application.option.matterKind.functionality_change':
      'Change of functionality in an existing service',
  },
});
