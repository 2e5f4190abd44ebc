/**
 * Local Step Functions engine: the JSONata subset of ASL the project's workflow uses, persisted in
 * DynamoDB after every transition, served over the Step Functions JSON API.
 *
 *   const engine = createEngine({ stateMachines: [{ stateMachineArn, definition }], invokers, dynamo: { client, tableName } });
 *   await engine.start();                        // resumes RUNNING executions, starts the scheduler
 *   const server = await startSfnServer(engine, { port }); // AWS_ENDPOINT_URL_SFN = server.url
 *   …
 *   await server.close(); await engine.stop();
 *
 * Semantics chosen where AWS leaves room (see the conformance tests in test/infra/local/sfn/):
 * - a Lambda that throws fails the task with error = error.name (the Node.js runtime's errorType)
 *   and cause = JSON {errorType, errorMessage, trace}; an unknown function is
 *   Lambda.ResourceNotFoundException;
 * - a JSONata expression that throws or returns nothing is States.QueryEvaluationError; `$` is
 *   not bound (use $states.input);
 * - a Choice rule's own Output/Assign win over the state's; Default uses the state's;
 * - StartExecution is idempotent only while the execution with that name runs with the same
 *   input (AWS Standard rule); otherwise ExecutionAlreadyExists;
 * - a token whose task completed, failed, timed out or was aborted → TaskTimedOut; a string that
 *   is not an engine token → InvalidToken;
 * - Lambda calls in flight at a crash are made again on resume (at-least-once); a call running
 *   past its function's Timeout fails the task with Sandbox.Timedout (the in-process handler is
 *   not stopped; its late result is dropped);
 * - AWS's Standard quotas (limits.ts): 1 year per execution (TIMED_OUT, States.Timeout), 25,000
 *   history events (FAILED, States.Runtime), 256 KiB payloads (States.DataLimitExceeded, which
 *   States.ALL does not catch; ValidationException on the API);
 * - an execution runs the definition it started with (pinned in its record).
 */
export { loadDefinition } from './definition';
export {
  createEngine,
  type Engine,
  type EngineLogger,
  type EngineOptions,
  type ExecutionDescription,
  type HistoryEventOut,
  type StateMachineConfig,
} from './engine';
export { type DefinitionProblem, InvalidDefinitionError, SfnApiError, STATES_ERRORS, UnsupportedFeatureError } from './errors';
export { startSfnServer, type SfnServer } from './http-server';
export { createInvokerResolver, functionNameOf, type Invoker, type InvokerResolver, LAMBDA_TIMEOUT_ERROR } from './lambda';
export { AWS_LIMITS, type SfnLimits } from './limits';
export type { ExecutionStatus } from './records';
export type { DynamoSettings } from './store';
