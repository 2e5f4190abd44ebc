import { Duration } from 'aws-cdk-lib';
import type { IHttpApi, IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type EventPattern, Rule, RuleTargetInput, EventField } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Execution statuses that end a case's workflow without its final state (never silent). */
export const STOPPED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Thresholds of the operations alarms. SES suspends sending at a 10 % bounce or 0.5 %
 * complaint rate and reviews the account from 5 % / 0.1 % (SES developer guide, "Reputation
 * metrics"): the alarms fire at the review level, while there is still time to act.
 */
export const ALARM_THRESHOLDS = {
  /** Any stopped execution is a case that needs the secretariat or an operator. */
  executionsStopped: 1,
  /** Any handler error or throttle in five minutes (the workflow retries, but someone should know). */
  lambdaErrors: 1,
  lambdaThrottles: 1,
  /** 5XX answers of the HTTP API in five minutes. */
  api5xx: 5,
  sesBounceRate: 0.05,
  sesComplaintRate: 0.001,
} as const;

export interface OperationsProps {
  readonly stateMachine: IStateMachine;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly httpApi: IHttpApi;
  readonly stage: IHttpStage;
  /** Subscribed to the operations topic by e-mail when set (it confirms the subscription once). */
  readonly operationsEmail?: string | undefined;
  /**
   * Records a stopped execution on its case and tells the secretariat
   * (functions/record-workflow-stopped.ts), so the case page offers to resume it.
   */
  readonly recordStopped?: IFunction | undefined;
}

/**
 * Operations: an SNS topic that reaches people even when SES is what fails, alarms on every
 * way a case can stop or an answer can be lost, and one dashboard.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    // A customer-managed key: CloudWatch and EventBridge cannot publish to a topic encrypted
    // with the AWS-managed SNS key (its policy cannot be extended).
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Beslutningsflyt operations topic',
    });
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      key.addToResourcePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          principals: [new ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
        }),
      );
    }
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Beslutningsflyt drift',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.operationsEmail) this.topic.addSubscription(new EmailSubscription(props.operationsEmail));

    const stopped: EventPattern = {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: { status: [...STOPPED_EXECUTION_STATUSES], stateMachineArn: [props.stateMachine.stateMachineArn] },
    };
    // Each stopped execution is reported at once, whatever else is broken (no Lambda, no SES).
    new Rule(this, 'ExecutionStopped', {
      description: 'A case workflow stopped without reaching its final state',
      eventPattern: stopped,
      // The execution name only: the input and output hold personal data.
      targets: [
        new SnsTopic(this.topic, {
          message: RuleTargetInput.fromText(
            `Beslutningsflyt: a case workflow ended as ${EventField.fromPath('$.detail.status')} (execution ${EventField.fromPath('$.detail.name')}, ${EventField.fromPath('$.time')}). The secretariat can resume the case from its case page.`,
          ),
        }),
      ],
    });

    if (props.recordStopped) {
      // A second rule for the same events: the case is marked stopped (the input names it).
      new Rule(this, 'RecordExecutionStopped', {
        description: 'Marks the case of a stopped workflow as stopped and tells the secretariat',
        eventPattern: stopped,
        targets: [new LambdaFunction(props.recordStopped, { retryAttempts: 8, maxEventAge: Duration.hours(24) })],
      });
    }

    const period = Duration.minutes(5);
    const sfn = props.stateMachine;
    this.alarm('ExecutionsFailed', sfn.metricFailed({ period, statistic: 'Sum' }), ALARM_THRESHOLDS.executionsStopped);
    this.alarm('ExecutionsTimedOut', sfn.metricTimedOut({ period, statistic: 'Sum' }), ALARM_THRESHOLDS.executionsStopped);
    this.alarm('ExecutionsAborted', sfn.metricAborted({ period, statistic: 'Sum' }), ALARM_THRESHOLDS.executionsStopped);
    const lambdaWidgets: IMetric[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period, statistic: 'Sum' });
      const throttles = fn.metricThrottles({ period, statistic: 'Sum' });
      this.alarm(`${pascal(name)}Errors`, errors, ALARM_THRESHOLDS.lambdaErrors);
      this.alarm(`${pascal(name)}Throttles`, throttles, ALARM_THRESHOLDS.lambdaThrottles);
      lambdaWidgets.push(errors.with({ label: name }));
    }
    const api5xx = new Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensionsMap: { ApiId: props.httpApi.apiId, Stage: props.stage.stageName },
      period,
      statistic: 'Sum',
    });
    this.alarm('Api5xx', api5xx, ALARM_THRESHOLDS.api5xx);
    const bounceRate = sesMetric('Reputation.BounceRate');
    const complaintRate = sesMetric('Reputation.ComplaintRate');
    this.alarm('SesBounceRate', bounceRate, ALARM_THRESHOLDS.sesBounceRate);
    this.alarm('SesComplaintRate', complaintRate, ALARM_THRESHOLDS.sesComplaintRate);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Beslutningsflyt\nStopped workflows can be resumed by the secretariat from the case page; see the README runbook.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Case workflows',
            left: [
              sfn.metricStarted({ period, statistic: 'Sum' }),
              sfn.metricSucceeded({ period, statistic: 'Sum' }),
              sfn.metricFailed({ period, statistic: 'Sum' }),
              sfn.metricTimedOut({ period, statistic: 'Sum' }),
              sfn.metricAborted({ period, statistic: 'Sum' }),
            ],
            width: 12,
          }),
          new GraphWidget({ title: 'Handler errors', left: lambdaWidgets, width: 12 }),
        ],
        [
          new GraphWidget({
            title: 'HTTP API',
            left: [api5xx],
            width: 12,
          }),
          new GraphWidget({ title: 'E-mail reputation', left: [bounceRate, complaintRate], width: 12 }),
        ],
      ],
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened (no executions, no e-mails): not an alarm.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Beslutningsflyt: ${id}`,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

/** Account-level SES reputation metric (published hourly-ish; maximum over the hour). */
function sesMetric(metricName: string): Metric {
  return new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
