import { Duration } from 'aws-cdk-lib';
import { FUNCTIONS } from '../../shared/config/deployment';
import type { FunctionName } from '../constructs/app-function';

/**
 * What each handler may touch: the single place to read (and review) least privilege.
 * Every function gets TABLE_NAME, PUBLIC_BASE_URL, SECONDS_PER_DAY and SECRETARIAT_EMAIL;
 * the rest of its environment follows from these grants (AppFunction pairs each grant with
 * its variable):
 *   table          → TABLE_NAME (read: GetItem/Query/Scan…; readWrite adds Put/Update/Delete;
 *                    none: no table and no TABLE_NAME, for handlers that touch no data)
 *   startWorkflow  → STATE_MACHINE_ARN (states:StartExecution)
 *   completeTasks  → STATE_MACHINE_ARN (states:SendTaskSuccess/Failure/Heartbeat)
 *   actionKey      → ACTION_KEY_SECRET_ARN (secretsmanager:GetSecretValue on that secret)
 *   email          → SENDER_EMAIL, SES_CONFIGURATION_SET (ses:SendEmail from that address)
 */
export interface FunctionAccess {
  readonly description: string;
  readonly table: 'read' | 'readWrite' | 'none';
  readonly startWorkflow?: true;
  readonly completeTasks?: true;
  readonly actionKey?: true;
  readonly email?: true;
  /** → SECRETARIAT_LOGIN and COGNITO_* (the hosted UI's client; no IAM permission). */
  readonly secretariatSignIn?: true;
  readonly timeout?: Duration;
}

export const FUNCTION_ACCESS: Record<FunctionName, FunctionAccess> = {
  [FUNCTIONS.submitApplication]: {
    description: 'POST /api/applications: validate, store the case, start its workflow',
    table: 'readWrite',
    startWorkflow: true,
    // Receipt to the applicant with links to follow, amend or withdraw the case.
    actionKey: true,
    email: true,
  },
  [FUNCTIONS.getCaseStatus]: {
    description: 'GET /api/cases/{caseId}: current state of a case',
    table: 'read',
  },
  [FUNCTIONS.withdrawCase]: {
    description: 'POST /api/cases/{caseId}/withdraw: applicant withdraws the case',
    table: 'readWrite',
    // Fails the waiting units with Beslutningsflyt.CaseWithdrawn.
    completeTasks: true,
    actionKey: true,
  },
  [FUNCTIONS.amendApplication]: {
    description: 'POST /api/cases/{caseId}/amendment: applicant answers a return',
    table: 'readWrite',
    completeTasks: true,
    actionKey: true,
  },
  [FUNCTIONS.showAction]: {
    description: 'GET /handling/{token}: confirmation page, never changes anything',
    table: 'read',
    actionKey: true,
  },
  [FUNCTIONS.recordAction]: {
    description: 'POST /handling/{token}: records a statement, vote or decision once',
    table: 'readWrite',
    completeTasks: true,
    actionKey: true,
  },
  [FUNCTIONS.listCases]: {
    description: 'GET /api/secretariat/cases: secretariat case list',
    table: 'read',
  },
  [FUNCTIONS.triageCase]: {
    description: 'POST /api/secretariat/cases/{caseId}/triage: confirm or override the nivå',
    table: 'readWrite',
    completeTasks: true,
  },
  [FUNCTIONS.resumeCase]: {
    description: 'POST /api/secretariat/cases/{caseId}/resume: restart a stopped case workflow',
    table: 'readWrite',
    // Starts the case's next workflow generation.
    startWorkflow: true,
  },
  [FUNCTIONS.getJournal]: {
    description: 'GET /api/journal: public journal without personal data',
    table: 'read',
  },
  [FUNCTIONS.advanceCase]: {
    description: 'Workflow: plans the next step from the governance configuration',
    table: 'readWrite',
    // Tells applicant and bodies the final outcome.
    email: true,
    timeout: Duration.seconds(30),
  },
  [FUNCTIONS.startStepUnit]: {
    description: 'Workflow: stores the task token, sends action links for one body',
    table: 'readWrite',
    // Completes its own task at once when the outcome is already certain (contract.ts).
    completeTasks: true,
    actionKey: true,
    email: true,
    timeout: Duration.seconds(60),
  },
  [FUNCTIONS.handleUnitTimeout]: {
    description: 'Workflow: reminder or no-answer rule when a wait times out',
    table: 'readWrite',
    actionKey: true,
    email: true,
    timeout: Duration.seconds(60),
  },
  [FUNCTIONS.notifyFailure]: {
    description: 'Workflow: tells the secretariat that a case workflow stopped',
    table: 'readWrite',
    email: true,
    timeout: Duration.seconds(30),
  },
  [FUNCTIONS.recordWorkflowStopped]: {
    description: 'EventBridge: records a stopped case workflow and tells the secretariat',
    table: 'readWrite',
    email: true,
    timeout: Duration.seconds(30),
  },
  [FUNCTIONS.showForm]: {
    description: 'GET /: the application form page, never changes anything',
    // Sign-out records the ended session (one conditional put) so its cookie is refused at once.
    table: 'readWrite',
    // HMAC key for the form's CSRF token.
    actionKey: true,
  },
  [FUNCTIONS.submitForm]: {
    description: 'POST /: the application form posted; stores the case, starts its workflow, receipt page',
    table: 'readWrite',
    startWorkflow: true,
    actionKey: true,
  },
  [FUNCTIONS.showCasePage]: {
    description: 'GET /sak/{caseId}[/endre|/trekk]: applicant status page, amendment form, withdrawal confirmation',
    table: 'read',
    actionKey: true,
  },
  [FUNCTIONS.casePageAction]: {
    description: 'POST /sak/{caseId}/endre|trekk: applicant amends or withdraws the case from the pages',
    table: 'readWrite',
    completeTasks: true,
    actionKey: true,
  },
  [FUNCTIONS.showJournal]: {
    description: 'GET /journal: public journal page without personal data',
    table: 'read',
  },
  [FUNCTIONS.showSecretariatPage]: {
    description: 'GET /sekretariat[/sak/{caseId}]: the secretariat\'s case lists and case page (signed in)',
    table: 'read',
    // HMAC key of the session cookie and the forms' CSRF tokens.
    actionKey: true,
  },
  [FUNCTIONS.secretariatPageAction]: {
    description: 'POST /sekretariat/sak/{caseId}/triage|purring|start-saksflyt: triage, reminders, resume from the pages',
    table: 'readWrite',
    // Triage completes the waiting triage task.
    completeTasks: true,
    // Resume starts the case's next workflow generation.
    startWorkflow: true,
    // A reminder stores fresh action-link tokens (hashed with the key) and e-mails them.
    actionKey: true,
    email: true,
  },
  [FUNCTIONS.signInSecretariat]: {
    description: '/sekretariat/innlogging, /innlogging/ferdig, /utlogging: secretariat sign-in and sign-out',
    // Reads nothing; TABLE_NAME because functions/config.ts requires it of every function.
    table: 'read',
    // HMAC key of the session and sign-in attempt cookies.
    actionKey: true,
    secretariatSignIn: true,
  },
  [FUNCTIONS.recordEmailEvent]: {
    description: 'EventBridge: SES says an e-mail bounced, was rejected or complained about, or is delayed',
    // Appends the audit event (one conditional write) and reads the roster's secretariat.
    table: 'readWrite',
    // Tells the secretariat once (the once-mailer's sent-marker is a table item).
    email: true,
    timeout: Duration.seconds(30),
  },
  [FUNCTIONS.serveAsset]: {
    description: 'GET /assets/{file}: the pages\' stylesheet, bundled into the function',
    table: 'none',
  },
};

/** The handlers the state machine invokes itself (they must not depend on its token). */
export const WORKFLOW_TASK_FUNCTIONS: readonly FunctionName[] = [
  FUNCTIONS.advanceCase,
  FUNCTIONS.startStepUnit,
  FUNCTIONS.handleUnitTimeout,
  FUNCTIONS.notifyFailure,
];
