import { defineCatalog } from '../define-catalog';

/**
 * Error texts. `error.<code>.title|detail` per problem code (shared/errors.ts ErrorCode),
 * `error.field.*` for per-field validation codes, `error.body.*` for unreadable request bodies.
 * Details never contain internal information; they tell the user what to do next.
 */
export const errorMessages = defineCatalog({
  nb: {
    'error.validation.title': 'Ugyldige opplysninger',
    'error.validation.detail': 'Ett eller flere felt er ikke fylt ut riktig. Ingenting er lagret.',
    'error.not_found.title': 'Ikke funnet',
    'error.not_found.detail': 'Vi fant ikke det du ba om.',
    'error.not_found.case': 'Vi fant ingen sak med denne adressen.',
    'error.not_found.link': 'Vi kjenner ikke igjen denne lenken.',
    'error.conflict.title': 'Kan ikke utføres nå',
    'error.conflict.detail': 'Forespørselen er i konflikt med sakens nåværende tilstand. Ingenting er endret.',
    'error.conflict.version':
      'Saken ble endret av noen andre i mellomtiden. Last siden på nytt og prøv igjen.',
    'error.conflict.alreadyDecided': 'Dette er allerede avgjort. Ingenting er endret.',
    'error.conflict.stepClosed': 'Dette trinnet i saken er avsluttet. Ingenting er endret.',
    'error.gone.title': 'Lenken er utløpt',
    'error.gone.detail':
      'Lenken er ikke lenger gyldig. Ta kontakt med sekretariatet hvis du fortsatt trenger å gjøre noe i saken.',
    'error.illegal_transition.title': 'Ikke tillatt nå',
    'error.illegal_transition.detail':
      'Saken har status «{from}» og kan ikke gå over til «{to}». Ingenting er endret.',
    'error.idempotency_conflict.title': 'Nøkkelen er allerede brukt',
    'error.idempotency_conflict.detail':
      'Idempotency-Key er allerede brukt for en annen forespørsel. Bruk en ny nøkkel for en ny søknad.',
    'error.unauthorized.title': 'Mangler tilgang',
    'error.unauthorized.detail': 'Du må bruke en gyldig lenke eller logge inn for å gjøre dette.',
    'error.internal.title': 'Noe gikk galt',
    'error.internal.detail':
      'Det oppstod en uventet feil hos oss. Prøv igjen senere, eller kontakt sekretariatet hvis feilen varer.',
    'error.field.required': 'Feltet må fylles ut.',
    'error.field.invalidType': 'Feltet har feil type.',
    'error.field.tooShort': 'Må ha minst {min} tegn.',
    'error.field.tooLong': 'Kan ha høyst {max} tegn.',
    'error.field.tooSmall': 'Må være minst {min}.',
    'error.field.tooBig': 'Kan være høyst {max}.',
    'error.field.tooSmallExclusive': 'Må være større enn {min}.',
    'error.field.tooBigExclusive': 'Må være mindre enn {max}.',
    'error.field.tooFewItems': 'Velg minst {min}.',
    'error.field.tooManyItems': 'Velg høyst {max}.',
    'error.field.invalidFormat': 'Feltet har feil format.',
    'error.field.invalidValue': 'Verdien er ikke et av de tillatte valgene.',
    'error.field.unknownKey': 'Feltet er ukjent og kan ikke sendes inn.',
    'error.field.invalid': 'Feltet er ugyldig.',
    'error.unsupported_media_type.title': 'Feil innholdstype',
    'error.unsupported_media_type.detail':
      'Innholdet må sendes som {expected}. Ingenting er lagret.',
    'error.payload_too_large.title': 'For stort innhold',
    'error.payload_too_large.detail': 'Innholdet er større enn {max} byte. Ingenting er lagret.',
    'error.field.unpairedSurrogate':
      'Teksten inneholder et ødelagt tegn (en halv Unicode-kode). Skriv inn eller lim inn teksten på nytt.',
    'error.body.malformedJson': 'Innholdet er ikke gyldig JSON.',
  },
  nn: {
    'error.validation.title': 'Ugyldige opplysningar',
    'error.validation.detail': 'Eitt eller fleire felt er ikkje fylte ut rett. Ingenting er lagra.',
    'error.not_found.title': 'Ikkje funne',
    'error.not_found.detail': 'Vi fann ikkje det du bad om.',
    'error.not_found.case': 'Vi fann inga sak med denne adressa.',
    'error.not_found.link': 'Vi kjenner ikkje att denne lenkja.',
    'error.conflict.title': 'Kan ikkje gjerast no',
    'error.conflict.detail': 'Førespurnaden er i konflikt med tilstanden saka er i no. Ingenting er endra.',
    'error.conflict.version':
      'Saka vart endra av nokon andre i mellomtida. Last sida på nytt og prøv igjen.',
    'error.conflict.alreadyDecided': 'Dette er alt avgjort. Ingenting er endra.',
    'error.conflict.stepClosed': 'Dette steget i saka er avslutta. Ingenting er endra.',
    'error.gone.title': 'Lenkja har gått ut',
    'error.gone.detail':
      'Lenkja er ikkje lenger gyldig. Ta kontakt med sekretariatet om du framleis treng å gjere noko i saka.',
    'error.illegal_transition.title': 'Ikkje tillate no',
    'error.illegal_transition.detail':
      'Saka har status «{from}» og kan ikkje gå over til «{to}». Ingenting er endra.',
    'error.idempotency_conflict.title': 'Nøkkelen er alt brukt',
    'error.idempotency_conflict.detail':
      'Idempotency-Key er alt brukt for ein annan førespurnad. Bruk ein ny nøkkel for ein ny søknad.',
    'error.unauthorized.title': 'Manglar tilgang',
    'error.unauthorized.detail': 'Du må bruke ei gyldig lenkje eller logge inn for å gjere dette.',
    'error.internal.title': 'Noko gjekk gale',
    'error.internal.detail':
      'Det oppstod ein uventa feil hos oss. Prøv igjen seinare, eller kontakt sekretariatet om feilen held fram.',
    'error.field.required': 'Feltet må fyllast ut.',
    'error.field.invalidType': 'Feltet har feil type.',
    'error.field.tooShort': 'Må ha minst {min} teikn.',
    'error.field.tooLong': 'Kan ha høgst {max} teikn.',
    'error.field.tooSmall': 'Må vere minst {min}.',
    'error.field.tooBig': 'Kan vere høgst {max}.',
    'error.field.tooSmallExclusive': 'Må vere større enn {min}.',
    'error.field.tooBigExclusive': 'Må vere mindre enn {max}.',
    'error.field.tooFewItems': 'Vel minst {min}.',
    'error.field.tooManyItems': 'Vel høgst {max}.',
    'error.field.invalidFormat': 'Feltet har feil format.',
    'error.field.invalidValue': 'Verdien er ikkje eitt av dei tillatne vala.',
    'error.field.unknownKey': 'Feltet er ukjent og kan ikkje sendast inn.',
    'error.field.invalid': 'Feltet er ugyldig.',
    'error.unsupported_media_type.title': 'Feil innhaldstype',
    'error.unsupported_media_type.detail':
      'Innhaldet må sendast som {expected}. Ingenting er lagra.',
    'error.payload_too_large.title': 'For stort innhald',
    'error.payload_too_large.detail': 'Innhaldet er større enn {max} byte. Ingenting er lagra.',
    'error.field.unpairedSurrogate':
      'Teksten inneheld eit øydelagt teikn (ein halv Unicode-kode). Skriv inn eller lim inn teksten på nytt.',
    'error.body.malformedJson': 'Innhaldet er ikkje gyldig JSON.',
  },
  en: {
    'error.validation.title': 'Invalid input',
    'error.validation.detail': 'One or more fields are not filled in correctly. Nothing was saved.',
    'error.not_found.title': 'Not found',
    'error.not_found.detail': 'We could not find what you asked for.',
    'error.not_found.case': 'We found no case at this address.',
    'error.not_found.link': 'We do not recognise this link.',
    'error.conflict.title': 'Cannot be done now',
    'error.conflict.detail': 'The request conflicts with the current state of the case. Nothing was changed.',
    'error.conflict.version':
      'Someone else changed the case in the meantime. Reload the page and try again.',
    'error.conflict.alreadyDecided': 'This has already been decided. Nothing was changed.',
    'error.conflict.stepClosed': 'This step of the case is closed. Nothing was changed.',
    'error.gone.title': 'Link expired',
    'error.gone.detail':
      'This link is no longer valid. Contact the secretariat if you still need to act on the case.',
    'error.illegal_transition.title': 'Not allowed now',
    'error.illegal_transition.detail':
      'The case has status “{from}” and cannot move to “{to}”. Nothing was changed.',
    'error.idempotency_conflict.title': 'Key already used',
    'error.idempotency_conflict.detail':
      'The Idempotency-Key has already been used for a different request. Use a new key for a new application.',
    'error.unauthorized.title': 'Authentication required',
    'error.unauthorized.detail': 'Use a valid link or sign in to do this.',
    'error.internal.title': 'Something went wrong',
    'error.internal.detail':
      'An unexpected error occurred on our side. Please try again later, or contact the secretariat if the problem persists.',
    'error.field.required': 'This field is required.',
    'error.field.invalidType': 'This field has the wrong type.',
    'error.field.tooShort': 'Must be at least {min} characters.',
    'error.field.tooLong': 'Must be at most {max} characters.',
    'error.field.tooSmall': 'Must be at least {min}.',
    'error.field.tooBig': 'Must be at most {max}.',
    'error.field.tooSmallExclusive': 'Must be greater than {min}.',
    'error.field.tooBigExclusive': 'Must be less than {max}.',
    'error.field.tooFewItems': 'Choose at least {min}.',
    'error.field.tooManyItems': 'Choose at most {max}.',
    'error.field.invalidFormat': 'This field has the wrong format.',
    'error.field.invalidValue': 'This value is not one of the allowed choices.',
    'error.field.unknownKey': 'This field is not recognised and cannot be submitted.',
    'error.field.invalid': 'This field is invalid.',
    'error.unsupported_media_type.title': 'Unsupported content type',
    'error.unsupported_media_type.detail':
      'The request body must be sent as {expected}. Nothing was saved.',
    'error.payload_too_large.title': 'Request body too large',
    'error.payload_too_large.detail': 'The request body is larger than {max} bytes. Nothing was saved.',
    'error.field.unpairedSurrogate':
      'The text contains a broken character (half of a Unicode pair). Type or paste the text again.',
    'error.body.malformedJson': 'The request body is not valid JSON.',
  },
});
