import { z } from 'zod';
import { BodyIdSchema, CaseStatusSchema, StepKindSchema, UnitOutcomeSchema } from '../kernel/ids';

/**
 * The contract between the Step Functions state machine (infra/constructs/case-workflow.ts;
 * the local engine in infra/local/sfn/ runs its synthesized definition) and the task Lambdas:
 * the payloads each task receives and returns, and the state names. The Lambdas named below
 * are handler files in functions/ (FUNCTIONS in shared/config/deployment.ts).
 *
 * Shape of the workflow (one generic, data-driven loop; the steps themselves come from the
 * governance configuration, so a new body or deadline never needs a new state):
 *
 *   Advance (Lambda advance-case)  ──► IsDone (Choice) ──done──► Finished (Succeed)
 *        ▲                                 │
 *        │                              not done
 *        │                                 ▼
 *        └──────────── RunStep (Map over step.units, unlimited concurrency; parallel
 *                       consultations such as nivå 1's Representasjonsrådet and
 *                       samstyringsstrukturen run as parallel iterations)
 *                         ItemProcessor:
 *                           AwaitUnit (lambda:invoke.waitForTaskToken → start-step-unit,
 *                                      TimeoutSeconds = {% $states.input.waitSeconds %})
 *                              Catch States.Timeout ──► UnitTimedOut (Lambda handle-unit-timeout)
 *                                                        ──► RemindOrClose (Choice)
 *                                                              action=wait  ──► AwaitUnit
 *                                                              action=closed ──► UnitDone
 *                              Catch Beslutningsflyt.CaseWithdrawn ──► UnitDone (outcome withdrawn)
 *                           UnitDone (Succeed)
 *
 *   Advance also has Catch States.ALL → NotifyFailure (Lambda notify-failure) → Failed (Fail).
 *   RunStep has the same Catch (a unit failing in an unplanned way must not end a case silently).
 *   Every Lambda task (NotifyFailure too) first retries Lambda service errors and TRANSIENT_ERROR
 *   with backoff; only what is left reaches a Catch.
 *
 * A waiting unit is completed by SendTaskSuccess with a UnitResult from record-action (email
 * link), triage-case (secretariat) or amend-application (applicant); withdraw-case fails it
 * with CASE_WITHDRAWN_ERROR instead. Because the task token changes with every reminder round
 * (each entry into AwaitUnit gets a new one), handlers always read the current token from the
 * step item in DynamoDB; start-step-unit re-checks after storing the token whether the outcome
 * is already certain and then completes the unit itself (a vote that raced a timeout is never
 * lost).
 */

/**
 * Execution input. The case id travels here, not in the execution name: names show in
 * CloudTrail and the console, and the case id is the bearer secret of the applicant's page.
 * The name is the case number and workflow generation (shared/domain/case-workflow.ts), so
 * starting the same generation again never runs a second execution: Step Functions answers
 * with the running one or ExecutionAlreadyExists (which SfnWorkflow reports as already
 * started); a resume starts the next generation.
 */
export const ExecutionInputSchema = z.object({ caseId: z.string().min(1) }).strict();
export type ExecutionInput = z.infer<typeof ExecutionInputSchema>;

/** One body's part of a step: one Map iteration, one task token at a time. */
export const StepUnitSchema = z
  .object({
    caseId: z.string(),
    stepId: z.string(),
    unitId: z.string(),
    bodyId: BodyIdSchema,
    kind: StepKindSchema,
    /** Seconds until the next reminder or, when remindersLeft is 0, the final deadline. */
    waitSeconds: z.number().int().positive(),
    remindersLeft: z.number().int().min(0),
    /** Final deadline, ISO 8601 UTC. */
    deadline: z.string(),
  })
  .strict();
export type StepUnit = z.infer<typeof StepUnitSchema>;

export const UnitResultSchema = z
  .object({
    unitId: z.string(),
    outcome: UnitOutcomeSchema,
  })
  .strict();
export type UnitResult = z.infer<typeof UnitResultSchema>;

/** Payload of the Advance task: the results of the step that just ended (null at start). */
export const AdvanceInputSchema = z
  .object({
    caseId: z.string(),
    completed: z
      .object({ stepId: z.string(), results: z.array(UnitResultSchema) })
      .strict()
      .nullable(),
  })
  .strict();
export type AdvanceInput = z.infer<typeof AdvanceInputSchema>;

export const AdvanceOutputSchema = z.discriminatedUnion('done', [
  z.object({ done: z.literal(true), caseId: z.string(), status: CaseStatusSchema }).strict(),
  z
    .object({
      done: z.literal(false),
      caseId: z.string(),
      step: z
        .object({ stepId: z.string(), kind: StepKindSchema, units: z.array(StepUnitSchema).min(1) })
        .strict(),
    })
    .strict(),
]);
export type AdvanceOutput = z.infer<typeof AdvanceOutputSchema>;

/** Payload of AwaitUnit (start-step-unit). */
export const StartUnitInputSchema = z
  .object({ unit: StepUnitSchema, taskToken: z.string().min(1) })
  .strict();
export type StartUnitInput = z.infer<typeof StartUnitInputSchema>;

/** Payload of UnitTimedOut (handle-unit-timeout): the unit as it was when the wait began. */
export const UnitTimeoutInputSchema = z.object({ unit: StepUnitSchema }).strict();
export type UnitTimeoutInput = z.infer<typeof UnitTimeoutInputSchema>;

export const UnitTimeoutOutputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('wait'), unit: StepUnitSchema }).strict(),
  z.object({ action: z.literal('closed'), result: UnitResultSchema }).strict(),
]);
export type UnitTimeoutOutput = z.infer<typeof UnitTimeoutOutputSchema>;

/**
 * Payload of NotifyFailure: the case whose workflow stopped and the Step Functions error
 * (Advance, or a step's units, failed in a way no rule covers). `cause` may be absent.
 */
export const NotifyFailureInputSchema = z
  .object({ caseId: z.string(), error: z.string(), cause: z.string().optional() })
  .strict();
export type NotifyFailureInput = z.infer<typeof NotifyFailureInputSchema>;

/** Error name a handler uses with SendTaskFailure when a case is withdrawn mid-step. */
export const CASE_WITHDRAWN_ERROR = 'Beslutningsflyt.CaseWithdrawn';

/**
 * Error name a task Lambda fails with when its failure is transient (functions/task.ts): the
 * state machine retries this name with backoff instead of giving up on the case. Every other
 * error keeps its own name and is permanent (Catch → NotifyFailure).
 */
export const TRANSIENT_ERROR = 'Beslutningsflyt.Transient';

/**
 * Error names (the `name` of an AWS SDK v3 service error, or of our own error class) that a
 * later attempt may not meet: throttling, a service briefly unavailable, a timeout, a lost
 * optimistic-concurrency race. The SDK has already retried these a few times within the call;
 * the workflow retries again over minutes. Also matched against Node's network error `code`.
 */
export const TRANSIENT_ERRORS = [
  // Our own: the case changed under us; the use case re-reads on the next attempt.
  'VersionConflictError',
  // DynamoDB
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  // SES v2 (sandbox: 1 message per second) and SES v1 / Step Functions throttling
  'TooManyRequestsException',
  'Throttling',
  'InternalServiceErrorException',
  // Another attempt of the same task is sending that e-mail now (functions/adapters/once-mailer.ts).
  'EmailSendInProgressError',
  // SES v2's own 5XX (InternalFailure): SES answers it when it cannot take the message now.
  'InternalFailure',
  // SDK and network
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
] as const;

/** State names: case-workflow.ts names its states with these; the infra tests check them. */
export const STATE_NAMES = {
  advance: 'Advance',
  isDone: 'IsDone',
  finished: 'Finished',
  runStep: 'RunStep',
  awaitUnit: 'AwaitUnit',
  unitTimedOut: 'UnitTimedOut',
  remindOrClose: 'RemindOrClose',
  unitDone: 'UnitDone',
  notifyFailure: 'NotifyFailure',
  failed: 'Failed',
} as const;
