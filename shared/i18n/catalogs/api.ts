import { defineCatalog } from '../define-catalog';

/** Messages of the HTTP API and handlers (not of one domain area). */
export const apiMessages = defineCatalog({
  nb: {
    'api.idempotencyKey.invalid':
      'Idempotency-Key må være 1–255 synlige ASCII-tegn uten mellomrom.',
    'api.caseId.invalid': 'Saksnummeret i lenken er ikke gyldig.',
  },
  nn: {
    'api.idempotencyKey.invalid':
      'Idempotency-Key må vere 1–255 synlege ASCII-teikn utan mellomrom.',
    'api.caseId.invalid': 'Saksnummeret i lenkja er ikkje gyldig.',
  },
  en: {
    'api.idempotencyKey.invalid': 'Idempotency-Key must be 1–255 visible ASCII characters without spaces.',
    'api.caseId.invalid': 'The case reference in the link is not valid.',
  },
});
