/** Deployment constants shared by the CDK app, the adapters and the local runtime. */

/**
 * Handler files in functions/ (one per file, `export const handler = makeHandler(deps)`).
 * The CDK app creates one AppFunction per entry; the local runtime maps ARNs back to them.
 */
export const FUNCTIONS = {
  submitApplication: 'submit-application',
  getCaseStatus: 'get-case-status',
  withdrawCase: 'withdraw-case',
  amendApplication: 'amend-application',
  showAction: 'show-action',
  recordAction: 'record-action',
  listCases: 'list-cases',
  triageCase: 'triage-case',
  resumeCase: 'resume-case',
  getJournal: 'get-journal',
  advanceCase: 'advance-case',
  startStepUnit: 'start-step-unit',
  handleUnitTimeout: 'handle-unit-timeout',
  notifyFailure: 'notify-failure',
  recordWorkflowStopped: 'record-workflow-stopped',
  // The applicant's pages: form, receipt, case status, amendment, withdrawal, journal.
  showForm: 'show-form',
  submitForm: 'submit-form',
  showCasePage: 'show-case-page',
  casePageAction: 'case-page-action',
  showJournal: 'show-journal',
  serveAsset: 'serve-asset',
  // The secretariat's pages: work queues, a case with triage and reminders, sign-in.
  showSecretariatPage: 'show-secretariat-page',
  secretariatPageAction: 'secretariat-page-action',
  signInSecretariat: 'sign-in-secretariat',
  // SES bounce/complaint/reject/delay events (EventBridge) → audit trail and secretariat.
  recordEmailEvent: 'record-email-event',
} as const;

/**
 * DynamoDB single-table design (infra/stacks/data-stack.ts creates it; adapters in
 * functions/adapters/ use it). String keys `pk`/`sk`; every state change is ONE conditional
 * single-item write guarded by a numeric `version` (the local database has no transactions).
 *   CASE#<caseId> / CASE                 the case (status, nivå, application, audit events list)
 *   CASE#<caseId> / STEP#<nnn>           a step with its units, votes/statements and task tokens
 *   TOKEN#<hmac-sha256(token)> / TOKEN        action link: caseId, stepId, unitId, memberId, choices, expiry
 *   COUNTER#<year> / COUNTER             case-number counter (atomic ADD)
 *   IDEMPOTENCY#<key> / IDEMPOTENCY      submit idempotency record (body hash, caseId)
 *   EXEC#... / ...                       local Step Functions engine state (local only)
 * GSIs: gsi1 (gsi1pk = STATUS#<status>, gsi1sk = updatedAt#caseId)  secretariat list by status
 *       gsi2 (gsi2pk = OPEN_STEPS,      gsi2sk = deadline#caseId#stepId)   open steps by deadline
 *       gsi3 (gsi3pk = JOURNAL,         gsi3sk = submittedAt#caseNumber) public journal; the
 *            case id never appears in it (it is the key to the status page), so gsi3 projects
 *            only the `journal` attribute (functions/adapters/table-layout.ts GSI_DEFINITIONS).
 * `ttl` (epoch seconds, Number) is the TTL attribute: idempotency records and old action tokens.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  gsi: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;
