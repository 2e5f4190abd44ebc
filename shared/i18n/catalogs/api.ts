import { defineCatalog } from '../define-catalog';

/** Messages of the HTTP API and handlers (not of one domain area). */
export const apiMessages = defineCatalog({
  nb: {
    'api.resume.notStopped': 'Saksflyten har ikke stoppet, eller saken er avsluttet. Ingenting er endret.',
    'api.idempotencyKey.inProgress': 'En forespørsel med denne Idempotency-Key er under arbeid. Prøv igjen om litt.',
    'api.idempotencyKey.invalid':
      'Idempotency-Key må være 1–255 synlige ASCII-tegn uten mellomrom.',
    'api.caseId.invalid': 'Saksnummeret i lenken er ikke gyldig.',
    'api.withdraw.closed': 'Saken er allerede avsluttet og kan ikke trekkes. Ingenting er endret.',
    'api.triage.notAwaiting':
      'Saken venter ikke på vurdering i sekretariatet, eller den er allerede vurdert. Ingenting er endret.',
    'api.amendment.notAwaiting':
      'Saken venter ikke på endringer fra søkeren, eller endringen er allerede sendt inn. Ingenting er endret.',
    'api.list.statusWithDeadlineView': 'Status kan ikke kombineres med visningen etter frist.',
    'api.triage.noOverrideInEscalation':
      'Nivået kan bare endres når saken vurderes første gang, ikke når et trinn uten svar sendes ut på nytt.',
  },
  nn: {
    'api.resume.notStopped': 'Saksflyta har ikkje stoppa, eller saka er avslutta. Ingenting er endra.',
    'api.idempotencyKey.inProgress': 'Ein førespurnad med denne Idempotency-Key er under arbeid. Prøv igjen om litt.',
    'api.idempotencyKey.invalid':
      'Idempotency-Key må vere 1–255 synlege ASCII-teikn utan mellomrom.',
    'api.caseId.invalid': 'Saksnummeret i lenkja er ikkje gyldig.',
    'api.withdraw.closed': 'Saka er alt avslutta og kan ikkje trekkjast. Ingenting er endra.',
    'api.triage.notAwaiting':
      'Saka ventar ikkje på vurdering i sekretariatet, eller ho er alt vurdert. Ingenting er endra.',
    'api.amendment.notAwaiting':
      'Saka ventar ikkje på endringar frå søkjaren, eller endringa er alt send inn. Ingenting er endra.',
    'api.list.statusWithDeadlineView': 'Status kan ikkje kombinerast med visinga etter frist.',
    'api.triage.noOverrideInEscalation':
      'Nivået kan berre endrast når saka blir vurdert første gong, ikkje når eit steg utan svar blir sendt ut på nytt.',
  },
  en: {
    'api.resume.notStopped': 'The case workflow has not stopped, or the case is closed. Nothing was changed.',
    'api.idempotencyKey.inProgress': 'A request with this Idempotency-Key is in progress. Try again shortly.',
    'api.idempotencyKey.invalid': 'Idempotency-Key must be 1–255 visible ASCII characters without spaces.',
    'api.caseId.invalid': 'The case reference in the link is not valid.',
    'api.withdraw.closed': 'The case is already closed and cannot be withdrawn. Nothing was changed.',
    'api.triage.notAwaiting':
      'The case is not awaiting review by the secretariat, or it has already been reviewed. Nothing was changed.',
    'api.amendment.notAwaiting':
      'The case is not awaiting changes from the applicant, or they have already been submitted. Nothing was changed.',
    'api.list.statusWithDeadlineView': 'Status cannot be combined with the by-deadline view.',
    'api.triage.noOverrideInEscalation':
      'The level can only be changed when the case is first reviewed, not when an unanswered step is sent out again.',
  },
});
