/**
 * Local Step Functions engine: the JSONata subset of ASL the project's workflow uses, persisted in
 * DynamoDB after every transition, served over the Step Functions JSON API.
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
export { createInvokerResolver, functionNameOf, type Invoker, type InvokerResolver } from './lambda';
export type { ExecutionStatus } from './records';
export type { DynamoSettings } from './store';
