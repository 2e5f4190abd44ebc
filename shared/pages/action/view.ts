import type { BodyId, Choice, Nivaa, RequestKind } from '../../kernel/ids';
import type { MessageKey, MessageParams } from '../../i18n';

/**
 * What the action pages show (issue 3 and 5, `/handling/{token}`). The use cases build these
 * views from the stored records; the templates only render them.
 */

/** One answer from an earlier consultation step (shown on decision pages). */
export interface ActionStatement {
  bodyId: BodyId;
  choice: Choice;
  /** Member input: always escaped. */
  comment?: string;
}

export interface ActionFormView {
  caseNumber: string;
  title: string;
  organisationName: string;
  nivaa: Nivaa;
  bodyId: BodyId;
  ask: RequestKind;
  /** ISO 8601 UTC: the unit's final deadline. */
  deadline: string;
  /** Statements so far; absent when the page does not show them (consultations). */
  statements?: readonly ActionStatement[];
  /** The choices this recipient's link allows, in display order. */
  choices: readonly Choice[];
  csrf: string;
  commentMax: number;
}

export type FormField = 'choice' | 'comment' | 'csrf';

export interface FormError {
  field: FormField;
  key: MessageKey;
  params?: MessageParams;
}

/** What the user sent, to fill the form again after an error. */
export interface FormValues {
  choice?: string;
  comment?: string;
}

/** What happens next, for the receipt page. */
export type NextStep = 'statement' | 'decided' | 'pending';

export interface ActionReceiptView {
  caseNumber: string;
  title: string;
  ask: RequestKind;
  choice: Choice;
  comment?: string;
  next: NextStep;
  /** ISO 8601 UTC: the unit's final deadline (for "pending"). */
  deadline: string;
}

/** Why a link cannot be used (each has its page and HTTP status). */
export type LinkProblem = 'invalid' | 'expired' | 'answered' | 'closed' | 'superseded' | 'caseFinal';
