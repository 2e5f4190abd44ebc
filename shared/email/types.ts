import type {
  BodyId,
  Choice,
  Language,
  Nivaa,
  RequestKind,
  UnitOutcome,
} from '../kernel/ids';
import type { MessageKey, MessageParams } from '../i18n';
import type { Instant } from './format';

/** What every e-mail kind returns; the caller adds `to` and `language` (ports/mailer.ts). */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The case as e-mails describe it. Deliberately a plain object, not the stored Case record,
 * so templates do not change when persistence does. `title` and `organisationName` are
 * applicant input and are always escaped.
 */
export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  title: string;
  organisationName: string;
  nivaa: Nivaa;
}

/** A translated text, bare or with parameters (e.g. a classification reason key). */
export type MessageRef = MessageKey | { key: MessageKey; params?: MessageParams };

/**
 * A step as a path or notice names it: the step's request, where an escalation reads as the
 * secretariat's triage it is. KommIT-rådet's recommendation on DigiFin grants (Eierstrategi
 * ch. 12, last paragraph) is a decision-kind step that e-mails word as its own kind.
 */
export type PathStepKind = Exclude<RequestKind, 'escalation'>;

export interface PathStep {
  kind: PathStepKind;
  bodies: readonly BodyId[];
}

/** Why the recipient gets the e-mail (shown in the footer). */
export type Audience =
  | { kind: 'applicant' }
  | { kind: 'secretariat' }
  | { kind: 'member'; bodyId: BodyId }
  | { kind: 'observer' };

/** A body's answer in a step, for summaries (statements so far, step results). */
export interface BodyResult {
  bodyId: BodyId;
  outcome: UnitOutcome;
  /** Free text from the body (applicant-visible statements); escaped, shortened. */
  comment?: string;
}

export interface EmailBase {
  /** Public base URL of the deployment (config PUBLIC_BASE_URL), never user input. */
  baseUrl: string;
}

export type { BodyId, Choice, Instant, Language };
