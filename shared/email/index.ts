/** E-mail composition (pure): each kind is (input, language) → { subject, text, html }. */
export {
  type ActionRequestEmailInput,
  consultationRequestEmail,
  type DecisionRequestEmailInput,
  decisionRequestEmail,
  recommendationRequestEmail,
} from './kinds/action-request';
export { type AmendmentRequestEmailInput, amendmentRequestEmail } from './kinds/amendment';
export { type DeadlinePassedEmailInput, deadlinePassedEmail } from './kinds/deadline-passed';
export { type FinalOutcomeEmailInput, type FinalOutcomeStatus, finalOutcomeEmail } from './kinds/final-outcome';
export { type EscalationEmailInput, escalationEmail, type NewCaseEmailInput, newCaseEmail } from './kinds/new-case';
export { type ReceiptEmailInput, receiptEmail } from './kinds/receipt';
export { type ReminderEmailInput, reminderEmail } from './kinds/reminder';
export {
  type StepEndedEmailInput,
  type StepStartedEmailInput,
  stepEndedEmail,
  stepStartedEmail,
} from './kinds/step-notification';
export { type WorkflowFailureEmailInput, workflowFailureEmail } from './kinds/workflow-failure';
export { type EmailUndeliverableEmailInput, emailUndeliverableEmail } from './kinds/email-undeliverable';
export { type CaseWithdrawnEmailInput, caseWithdrawnEmail } from './kinds/case-withdrawn';
export { EMAIL_TIME_ZONE, formatDate, formatDateTime, type Instant } from './format';
export {
  InvalidRecipientError,
  isValidRecipient,
  MAX_SUBJECT_LENGTH,
  parseRecipient,
  sanitizeSubject,
} from './headers';
export { escapeHtml, html, raw, SafeHtml } from './html';
export type {
  Audience,
  BodyResult,
  CaseSummary,
  EmailBase,
  MessageRef,
  PathStep,
  PathStepKind,
  RenderedEmail,
} from './types';
