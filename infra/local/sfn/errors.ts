import { AwsApiError } from '../aws-api-error';

/** Error names defined by the Amazon States Language that this engine raises or matches. */
export const STATES_ERRORS = {
  all: 'States.ALL',
  taskFailed: 'States.TaskFailed',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  noChoiceMatched: 'States.NoChoiceMatched',
  queryEvaluationError: 'States.QueryEvaluationError',
  runtime: 'States.Runtime',
  /** Terminal: States.ALL (and States.TaskFailed) never match it; only naming it does. */
  dataLimitExceeded: 'States.DataLimitExceeded',
} as const;

export interface DefinitionProblem {
  /** Location in the definition, e.g. `States.RunStep.ItemProcessor.States.AwaitUnit.Parameters`. */
  path: string;
  message: string;
}

function describe(problems: DefinitionProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}

/** The definition uses a feature outside the subset this engine implements (fail at start-up). */
export class UnsupportedFeatureError extends Error {
  override readonly name = 'UnsupportedFeatureError';
  constructor(
    readonly problems: DefinitionProblem[],
    options?: ErrorOptions,
  ) {
    super(`State machine definition uses features the local engine does not support:\n${describe(problems)}`, options);
  }
}

/** The definition is malformed (missing targets, wrong types, bad JSONata syntax…). */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  constructor(
    readonly problems: DefinitionProblem[],
    options?: ErrorOptions,
  ) {
    super(`Invalid state machine definition:\n${describe(problems)}`, options);
  }
}

/**
 * A runtime error inside an execution (what ASL calls an error name plus cause). It is matched by
 * Retry/Catch; it is not a JavaScript failure of the engine.
 */
export class StatesError extends Error {
  override readonly name = 'StatesError';
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
  }
}

/** An error of the Step Functions API, serialized as `{ __type: code, message }` with HTTP 400. */
export class SfnApiError extends AwsApiError {
  override readonly name = 'SfnApiError';
}

/**
 * The execution would record more history events than AWS allows; it ends FAILED (see
 * emitEvent). Not a StatesError: no Retry or Catch can handle it.
 */
export class HistoryLimitExceededError extends Error {
  override readonly name = 'HistoryLimitExceededError';
  constructor(readonly maxEvents: number) {
    super(`The execution reached the maximum number of events in its history (${maxEvents})`);
  }
}

/** A DynamoDB write lost its condition: another engine owns the execution now. */
export class OwnershipLostError extends Error {
  override readonly name = 'OwnershipLostError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
