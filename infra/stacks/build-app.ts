import { App, type AppProps, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeployConfig } from '../config';
import { AppStack } from './app-stack';
import { DataStack } from './data-stack';

const CROSS_STACK_REFERENCES = '@aws-cdk/core:defaultCrossStackReferences';

/** Stack names (the local runtime finds the templates by them). */
export const STACK_NAMES = { data: 'Beslutningsflyt-Data', app: 'Beslutningsflyt-App' } as const;

export interface BeslutningsflytApp {
  readonly app: App;
  readonly data: DataStack;
  readonly application: AppStack;
}

/**
 * Builds the whole CDK app. AWS Solutions checks (cdk-nag) run at synthesis as a CDK policy
 * validation plugin; an unacknowledged finding fails `cdk synth`.
 */
export function buildApp(props: AppProps = {}): BeslutningsflytApp {
  const app = new App(props);
  // Strong cross-stack references: CloudFormation refuses to remove the table's export while
  // the app stack still uses it (the data stack must outlive everything that reads it).
  if (app.node.tryGetContext(CROSS_STACK_REFERENCES) === undefined) {
    app.node.setContext(CROSS_STACK_REFERENCES, 'strong');
  }
  const config = readDeployConfig(app.node);
  const env: Environment = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1',
  };
  const data = new DataStack(app, STACK_NAMES.data, {
    env,
    description: 'Beslutningsflyt: case table (retained, point-in-time recovery)',
  });
  const application = new AppStack(app, STACK_NAMES.app, {
    env,
    description: 'Beslutningsflyt: functions, workflow, HTTP API, email and secrets',
    table: data.table,
    config,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, application };
}
