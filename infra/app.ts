/**
 * CDK entry point (cdk.json "app"). Settings: infra/config.ts; stacks: infra/stacks/.
 * The CDK CLI synthesizes the app when this process exits.
 */
import { buildApp } from './stacks/build-app';

buildApp();
