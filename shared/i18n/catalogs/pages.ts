import { defineCatalog } from '../define-catalog';

/**
 * Texts of the server-rendered pages (shared/pages/). Plain text only: the page templates
 * escape every value and build the markup. `{title}`, `{organisation}` and comments are
 * applicant or member input.
 */
export const pageMessages = defineCatalog({
  nb: {
    'pages.documentTitle': '{page} – Beslutningsflyt',
    'pages.skipLink': 'Hopp til hovedinnholdet',
    'pages.language.nav': 'Språk',
    'pages.language.nb': 'Bokmål',
    'pages.language.nn': 'Nynorsk',
    'pages.language.en': 'English',
    'pages.action.heading.triage': 'Vurder nivået i sak {caseNumber}',
    'pages.action.heading.consultation': 'Gi uttalelse i sak {caseNumber}',
    'pages.action.heading.decision': 'Ta stilling i sak {caseNumber}',
    'pages.action.heading.recommendation': 'Gi innstilling i sak {caseNumber}',
    'pages.action.heading.amendment': 'Gi mer informasjon i sak {caseNumber}',
    'pages.action.intro':
      'Du svarer for organet ditt. Les gjennom saken, velg svaret ditt og send det inn før fristen.',
    'pages.action.safeNote':
      'Ingenting er registrert ennå. Svaret blir registrert først når du trykker «Send svaret».',
    'pages.action.factsHeading': 'Om saken',
    'pages.action.fact.caseNumber': 'Saksnummer',
    'pages.action.fact.title': 'Tittel',
    'pages.action.fact.organisation': 'Søker',
    'pages.action.fact.nivaa': 'Nivå',
    'pages.action.fact.body': 'Organ',
    'pages.action.fact.asked': 'Dette blir du bedt om',
    'pages.action.fact.deadline': 'Frist',
    'pages.action.asked.triage': 'Å bekrefte nivået saken skal behandles på',
    'pages.action.asked.consultation': 'En uttalelse fra organet (høring)',
    'pages.action.asked.decision': 'En beslutning i saken',
    'pages.action.asked.recommendation': 'En innstilling om DigiFin-midler',
    'pages.action.asked.amendment': 'Mer informasjon fra søkeren',
    'pages.action.statements.heading': 'Uttalelser så langt',
    'pages.action.statements.none': 'Det har ikke kommet inn noen uttalelser.',
    'pages.action.statements.caption': 'Uttalelser fra høringen',
    'pages.action.statements.body': 'Organ',
    'pages.action.statements.answer': 'Svar',
    'pages.action.statements.comment': 'Merknad',
    'pages.action.formHeading': 'Ditt svar',
    'pages.action.choice.legend': 'Velg svaret ditt',
    'pages.action.choice.abstain': 'Avstå fra å stemme',
    'pages.action.choice.resend': 'Send trinnet ut på nytt',
    'pages.action.heading.escalation': 'Send et trinn uten svar ut på nytt i sak {caseNumber}',
    'pages.action.asked.escalation': 'Å sende et trinn som ingen svarte på innen fristen, ut på nytt med ny frist',
    'pages.action.comment.label': 'Merknad (valgfritt)',
    'pages.action.comment.hint': 'Høyst {max} tegn. Merknaden blir en del av saken.',
    'pages.action.submit': 'Send svaret',
    'pages.action.errors.heading': 'Svaret ble ikke sendt. Rett opp dette:',
    'pages.action.errors.choiceRequired': 'Velg ett av svarene.',
    'pages.action.errors.choiceNotAllowed': 'Velg ett av svarene på denne siden.',
    'pages.action.errors.commentTooLong': 'Merknaden kan ha høyst {max} tegn.',
    'pages.action.errors.commentInvalid': 'Merknaden inneholder tegn som ikke er tillatt.',
    'pages.action.errors.formExpired':
      'Vi kunne ikke bekrefte at svaret kom fra dette skjemaet. Send svaret på nytt fra denne siden.',
    'pages.receipt.heading': 'Takk — svaret ditt er registrert',
    'pages.receipt.yourAnswer': 'Ditt svar',
    'pages.receipt.yourComment': 'Din merknad',
    'pages.receipt.next.statement':
      'Uttalelsen blir lagt ved saken og vist til dem som skal ta stilling til den.',
    'pages.receipt.next.decided':
      'Organet har nå tatt stilling. Saken går videre, og søkeren og sekretariatet får beskjed.',
    'pages.receipt.next.pending':
      'Organet tar stilling når nok medlemmer har svart, eller når fristen {deadline} er ute. Du trenger ikke gjøre noe mer.',
    'pages.receipt.close': 'Du kan nå lukke denne siden.',
    'pages.problem.invalid.heading': 'Vi kjenner ikke igjen lenken',
    'pages.problem.invalid.body':
      'Lenken er ugyldig eller ufullstendig. Kopier hele adressen fra e-posten, eller ta kontakt med sekretariatet.',
    'pages.problem.expired.heading': 'Lenken har gått ut',
    'pages.problem.expired.body':
      'Fristen for å bruke denne lenken er ute, og ingenting er registrert. Ta kontakt med sekretariatet hvis du fortsatt vil svare.',
    'pages.problem.answered.heading': 'Du har allerede svart',
    'pages.problem.answered.body':
      'Svaret ditt i denne saken er registrert fra før, og det kan ikke endres her. Ingenting er endret nå.',
    'pages.problem.closed.heading': 'Saken er allerede avgjort',
    'pages.problem.closed.body':
      'Dette trinnet i saken er avsluttet, så det kan ikke lenger svares her. Ingenting er endret.',
    'pages.problem.superseded.heading': 'Det finnes en nyere lenke',
    'pages.problem.superseded.body':
      'Du har fått en nyere e-post om denne saken. Bruk lenken i den nyeste e-posten. Ingenting er endret.',
    'pages.problem.superseded.newer':
      'En nyere lenke ble sendt til deg {sentAt} i e-posten «{subject}». Bruk lenken i den e-posten. Ingenting er registrert her.',
    'pages.problem.caseFinal.heading': 'Saken er avsluttet',
    'pages.problem.caseFinal.body':
      'Saken er ferdig behandlet eller trukket, så det kan ikke lenger svares her. Ingenting er endret.',
    'pages.problem.internal.heading': 'Noe gikk galt',
    'pages.problem.internal.body':
      'Vi kunne ikke fullføre forespørselen. Prøv igjen om litt. Hvis feilen varer, ta kontakt med sekretariatet.',
  },
  nn: {
    'pages.documentTitle': '{page} – Beslutningsflyt',
    'pages.skipLink': 'Hopp til hovudinnhaldet',
    'pages.language.nav': 'Språk',
    'pages.language.nb': 'Bokmål',
    'pages.language.nn': 'Nynorsk',
    'pages.language.en': 'English',
    'pages.action.heading.triage': 'Vurder nivået i sak {caseNumber}',
    'pages.action.heading.consultation': 'Gi fråsegn i sak {caseNumber}',
    'pages.action.heading.decision': 'Ta stilling i sak {caseNumber}',
    'pages.action.heading.recommendation': 'Gi tilråding i sak {caseNumber}',
    'pages.action.heading.amendment': 'Gi meir informasjon i sak {caseNumber}',
    'pages.action.intro':
      'Du svarar for organet ditt. Les gjennom saka, vel svaret ditt og send det inn før fristen.',
    'pages.action.safeNote':
      'Ingenting er registrert enno. Svaret blir registrert først når du trykkjer «Send svaret».',
    'pages.action.factsHeading': 'Om saka',
    'pages.action.fact.caseNumber': 'Saksnummer',
    'pages.action.fact.title': 'Tittel',
    'pages.action.fact.organisation': 'Søkjar',
    'pages.action.fact.nivaa': 'Nivå',
    'pages.action.fact.body': 'Organ',
    'pages.action.fact.asked': 'Dette blir du beden om',
    'pages.action.fact.deadline': 'Frist',
    'pages.action.asked.triage': 'Å stadfeste nivået saka skal handsamast på',
    'pages.action.asked.consultation': 'Ei fråsegn frå organet (høyring)',
    'pages.action.asked.decision': 'Ei avgjerd i saka',
    'pages.action.asked.recommendation': 'Ei tilråding om DigiFin-midlar',
    'pages.action.asked.amendment': 'Meir informasjon frå søkjaren',
    'pages.action.statements.heading': 'Fråsegner så langt',
    'pages.action.statements.none': 'Det har ikkje kome inn nokon fråsegner.',
    'pages.action.statements.caption': 'Fråsegner frå høyringa',
    'pages.action.statements.body': 'Organ',
    'pages.action.statements.answer': 'Svar',
    'pages.action.statements.comment': 'Merknad',
    'pages.action.formHeading': 'Svaret ditt',
    'pages.action.choice.legend': 'Vel svaret ditt',
    'pages.action.choice.abstain': 'Avstå frå å røyste',
    'pages.action.choice.resend': 'Send steget ut på nytt',
    'pages.action.heading.escalation': 'Send eit steg utan svar ut på nytt i sak {caseNumber}',
    'pages.action.asked.escalation': 'Å sende eit steg som ingen svarte på innan fristen, ut på nytt med ny frist',
    'pages.action.comment.label': 'Merknad (valfritt)',
    'pages.action.comment.hint': 'Høgst {max} teikn. Merknaden blir ein del av saka.',
    'pages.action.submit': 'Send svaret',
    'pages.action.errors.heading': 'Svaret vart ikkje sendt. Rett opp dette:',
    'pages.action.errors.choiceRequired': 'Vel eitt av svara.',
    'pages.action.errors.choiceNotAllowed': 'Vel eitt av svara på denne sida.',
    'pages.action.errors.commentTooLong': 'Merknaden kan ha høgst {max} teikn.',
    'pages.action.errors.commentInvalid': 'Merknaden inneheld teikn som ikkje er tillatne.',
    'pages.action.errors.formExpired':
      'Vi kunne ikkje stadfeste at svaret kom frå dette skjemaet. Send svaret på nytt frå denne sida.',
    'pages.receipt.heading': 'Takk — svaret ditt er registrert',
    'pages.receipt.yourAnswer': 'Svaret ditt',
    'pages.receipt.yourComment': 'Merknaden din',
    'pages.receipt.next.statement':
      'Fråsegna blir lagd ved saka og vist til dei som skal ta stilling til henne.',
    'pages.receipt.next.decided':
      'Organet har no teke stilling. Saka går vidare, og søkjaren og sekretariatet får melding.',
    'pages.receipt.next.pending':
      'Organet tek stilling når nok medlemmer har svara, eller når fristen {deadline} er ute. Du treng ikkje gjere noko meir.',
    'pages.receipt.close': 'Du kan no lukke denne sida.',
    'pages.problem.invalid.heading': 'Vi kjenner ikkje att lenkja',
    'pages.problem.invalid.body':
      'Lenkja er ugyldig eller ufullstendig. Kopier heile adressa frå e-posten, eller ta kontakt med sekretariatet.',
    'pages.problem.expired.heading': 'Lenkja har gått ut',
    'pages.problem.expired.body':
      'Fristen for å bruke denne lenkja er ute, og ingenting er registrert. Ta kontakt med sekretariatet om du framleis vil svare.',
    'pages.problem.answered.heading': 'Du har alt svara',
    'pages.problem.answered.body':
      'Svaret ditt i denne saka er registrert frå før, og det kan ikkje endrast her. Ingenting er endra no.',
    'pages.problem.closed.heading': 'Saka er alt avgjord',
    'pages.problem.closed.body':
      'Dette steget i saka er avslutta, så det kan ikkje lenger svarast her. Ingenting er endra.',
    'pages.problem.superseded.heading': 'Det finst ei nyare lenkje',
    'pages.problem.superseded.body':
      'Du har fått ein nyare e-post om denne saka. Bruk lenkja i den nyaste e-posten. Ingenting er endra.',
    'pages.problem.superseded.newer':
      'Ei nyare lenkje vart send til deg {sentAt} i e-posten «{subject}». Bruk lenkja i den e-posten. Ingenting er registrert her.',
    'pages.problem.caseFinal.heading': 'Saka er avslutta',
    'pages.problem.caseFinal.body':
      'Saka er ferdig handsama eller trekt, så det kan ikkje lenger svarast her. Ingenting er endra.',
    'pages.problem.internal.heading': 'Noko gjekk gale',
    'pages.problem.internal.body':
      'Vi kunne ikkje fullføre førespurnaden. Prøv igjen om litt. Om feilen held fram, ta kontakt med sekretariatet.',
  },
  en: {
    'pages.documentTitle': '{page} – Beslutningsflyt',
    'pages.skipLink': 'Skip to main content',
    'pages.language.nav': 'Language',
    'pages.language.nb': 'Bokmål',
    'pages.language.nn': 'Nynorsk',
    'pages.language.en': 'English',
    'pages.action.heading.triage': 'Review the level of case {caseNumber}',
    'pages.action.heading.consultation': 'Give a statement on case {caseNumber}',
    'pages.action.heading.decision': 'Decide on case {caseNumber}',
    'pages.action.heading.recommendation': 'Give a recommendation on case {caseNumber}',
    'pages.action.heading.amendment': 'Give more information on case {caseNumber}',
    'pages.action.intro':
      'You answer on behalf of your body. Read through the case, choose your answer and send it before the deadline.',
    'pages.action.safeNote':
      'Nothing has been recorded yet. Your answer is only recorded when you press “Send answer”.',
    'pages.action.factsHeading': 'About the case',
    'pages.action.fact.caseNumber': 'Case number',
    'pages.action.fact.title': 'Title',
    'pages.action.fact.organisation': 'Applicant',
    'pages.action.fact.nivaa': 'Level',
    'pages.action.fact.body': 'Body',
    'pages.action.fact.asked': 'You are asked for',
    'pages.action.fact.deadline': 'Deadline',
    'pages.action.asked.triage': 'Confirmation of the level the case is handled at',
    'pages.action.asked.consultation': 'A statement from the body (consultation)',
    'pages.action.asked.decision': 'A decision on the case',
    'pages.action.asked.recommendation': 'A recommendation on DigiFin funding',
    'pages.action.asked.amendment': 'More information from the applicant',
    'pages.action.statements.heading': 'Statements so far',
    'pages.action.statements.none': 'No statements have been received.',
    'pages.action.statements.caption': 'Statements from the consultation',
    'pages.action.statements.body': 'Body',
    'pages.action.statements.answer': 'Answer',
    'pages.action.statements.comment': 'Comment',
    'pages.action.formHeading': 'Your answer',
    'pages.action.choice.legend': 'Choose your answer',
    'pages.action.choice.abstain': 'Abstain from voting',
    'pages.action.choice.resend': 'Send the step out again',
    'pages.action.heading.escalation': 'Send an unanswered step out again in case {caseNumber}',
    'pages.action.asked.escalation': 'To send a step nobody answered by its deadline out again, with a new deadline',
    'pages.action.comment.label': 'Comment (optional)',
    'pages.action.comment.hint': 'At most {max} characters. The comment becomes part of the case.',
    'pages.action.submit': 'Send answer',
    'pages.action.errors.heading': 'Your answer was not sent. Please correct the following:',
    'pages.action.errors.choiceRequired': 'Choose one of the answers.',
    'pages.action.errors.choiceNotAllowed': 'Choose one of the answers on this page.',
    'pages.action.errors.commentTooLong': 'The comment can have at most {max} characters.',
    'pages.action.errors.commentInvalid': 'The comment contains characters that are not allowed.',
    'pages.action.errors.formExpired':
      'We could not confirm that the answer came from this form. Send your answer again from this page.',
    'pages.receipt.heading': 'Thank you — your answer has been recorded',
    'pages.receipt.yourAnswer': 'Your answer',
    'pages.receipt.yourComment': 'Your comment',
    'pages.receipt.next.statement':
      'The statement is added to the case and shown to those who will decide on it.',
    'pages.receipt.next.decided':
      'The body has now reached its answer. The case moves on, and the applicant and the secretariat will be told.',
    'pages.receipt.next.pending':
      'The body reaches its answer when enough members have answered, or when the deadline {deadline} has passed. You do not need to do anything more.',
    'pages.receipt.close': 'You can close this page now.',
    'pages.problem.invalid.heading': 'We do not recognise this link',
    'pages.problem.invalid.body':
      'The link is invalid or incomplete. Copy the whole address from the e-mail, or contact the secretariat.',
    'pages.problem.expired.heading': 'The link has expired',
    'pages.problem.expired.body':
      'The time for using this link has run out, and nothing has been recorded. Contact the secretariat if you still want to answer.',
    'pages.problem.answered.heading': 'You have already answered',
    'pages.problem.answered.body':
      'Your answer in this case was recorded earlier and cannot be changed here. Nothing has been changed now.',
    'pages.problem.closed.heading': 'The case has already been decided',
    'pages.problem.closed.body':
      'This step of the case is closed, so it can no longer be answered here. Nothing has been changed.',
    'pages.problem.superseded.heading': 'There is a newer link',
    'pages.problem.superseded.body':
      'You have received a newer e-mail about this case. Use the link in the most recent e-mail. Nothing has been changed.',
    'pages.problem.superseded.newer':
      'A newer link was sent to you on {sentAt} in the e-mail “{subject}”. Use the link in that e-mail. Nothing has been recorded here.',
    'pages.problem.caseFinal.heading': 'The case is closed',
    'pages.problem.caseFinal.body':
      'The case has been decided or withdrawn, so it can no longer be answered here. Nothing has been changed.',
    'pages.problem.internal.heading': 'Something went wrong',
    'pages.problem.internal.body':
      'We could not complete the request. Please try again shortly. If the problem persists, contact the secretariat.',
  },
});
