import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/config/deployment';
import { ALARM_THRESHOLDS, STOPPED_EXECUTION_STATUSES } from '../../infra/constructs/operations';
import { type Json, propOf, resourcesOfType, type Synthesized, synthesizeApp } from '../support/synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesizeApp({ operationsEmail: 'drift@kommune.example.org' });
});

type AlarmProps = {
  Namespace?: string;
  MetricName?: string;
  Threshold: number;
  ComparisonOperator: string;
  Dimensions?: { Name: string; Value: Json }[];
  AlarmActions: Json[];
  TreatMissingData: string;
  Statistic?: string;
  Period?: number;
};
const alarms = (): AlarmProps[] =>
  resourcesOfType(s.appResources, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties as unknown as AlarmProps);
const topicId = (): string => {
  const [topic] = resourcesOfType(s.appResources, 'AWS::SNS::Topic');
  if (!topic) throw new Error('no SNS topic');
  return topic[0];
};
const alarmsOn = (namespace: string, metric: string) =>
  alarms().filter((a) => a.Namespace === namespace && a.MetricName === metric);

describe('operations topic', () => {
  it('is encrypted with a rotated customer-managed key that CloudWatch and EventBridge may use, and TLS-only', () => {
    const [, topic] = resourcesOfType(s.appResources, 'AWS::SNS::Topic')[0]!;
    const keyRef = propOf<{ 'Fn::GetAtt': [string, string] }>(topic, 'KmsMasterKeyId')['Fn::GetAtt'][0];
    const key = s.appResources[keyRef];
    expect(key?.Type).toBe('AWS::KMS::Key');
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    const principals = JSON.stringify(key?.Properties?.KeyPolicy);
    expect(principals).toContain('cloudwatch.amazonaws.com');
    expect(principals).toContain('events.amazonaws.com');
    s.appTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('mails the operationsEmail setting (and nobody when it is not set)', () => {
    s.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@kommune.example.org',
      TopicArn: { Ref: topicId() },
    });
    const without = synthesizeApp();
    expect(resourcesOfType(without.appResources, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('is told by EventBridge of every execution that failed, timed out or was aborted, without its data', () => {
    const rules = resourcesOfType(s.appResources, 'AWS::Events::Rule').map(([, r]) => r.Properties ?? {});
    const rule = rules.find((r) => JSON.stringify(r.EventPattern).includes('Step Functions Execution Status Change'));
    expect(rule?.EventPattern).toMatchObject({
      source: ['aws.states'],
      detail: { status: [...STOPPED_EXECUTION_STATUSES] },
    });
    const targets = rule?.Targets as { Arn: Json; InputTransformer?: { InputTemplate: string; InputPathsMap: Record<string, string> } }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]?.Arn).toEqual({ Ref: topicId() });
    const paths = Object.values(targets[0]?.InputTransformer?.InputPathsMap ?? {});
    expect(paths).toEqual(expect.arrayContaining(['$.detail.status', '$.detail.name']));
    expect(paths.some((p) => /input|output/i.test(p))).toBe(false);
  });
});

describe('stopped executions are recorded on their case', () => {
  it('a second rule on the same events invokes record-workflow-stopped, with retries', () => {
    const fn = resourcesOfType(s.appResources, 'AWS::Lambda::Function').find(([, r]) =>
      JSON.stringify(r.Properties?.Tags).includes(`functions/${FUNCTIONS.recordWorkflowStopped}.ts`),
    );
    expect(fn).toBeDefined();
    s.appTemplate.hasResourceProperties(
      'AWS::Events::Rule',
      Match.objectLike({
        EventPattern: Match.objectLike({
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: Match.objectLike({ status: [...STOPPED_EXECUTION_STATUSES] }),
        }),
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [fn?.[0], 'Arn'] },
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
          }),
        ],
      }),
    );
    s.appTemplate.hasResourceProperties(
      'AWS::Lambda::Permission',
      Match.objectLike({ Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fn?.[0], 'Arn'] } }),
    );
  });
});

describe('alarms', () => {
  it('every alarm notifies the operations topic and treats missing data as nothing happened', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId() }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'])('%s of the case workflow ≥ 1 in 5 minutes', (metric) => {
    const [alarm, ...more] = alarmsOn('AWS/States', metric);
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ Threshold: ALARM_THRESHOLDS.executionsStopped, Statistic: 'Sum', Period: 300 });
    expect(alarm?.Dimensions?.[0]?.Name).toBe('StateMachineArn');
  });

  it.each([
    ['Errors', ALARM_THRESHOLDS.lambdaErrors],
    ['Throttles', ALARM_THRESHOLDS.lambdaThrottles],
  ])('Lambda %s: one alarm per function', (metric, threshold) => {
    const found = alarmsOn('AWS/Lambda', metric);
    expect(found).toHaveLength(Object.values(FUNCTIONS).length);
    for (const alarm of found) {
      expect(alarm).toMatchObject({ Threshold: threshold, Statistic: 'Sum', Period: 300 });
      expect(alarm.Dimensions?.map((d) => d.Name)).toEqual(['FunctionName']);
    }
    const functions = new Set(found.map((a) => JSON.stringify(a.Dimensions?.[0]?.Value)));
    expect(functions.size).toBe(found.length);
  });

  it('HTTP API 5xx on the stage', () => {
    const [alarm, ...more] = alarmsOn('AWS/ApiGateway', '5xx');
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ Threshold: ALARM_THRESHOLDS.api5xx, Statistic: 'Sum' });
    expect(alarm?.Dimensions?.map((d) => d.Name).sort()).toEqual(['ApiId', 'Stage']);
  });

  it.each([
    ['Reputation.BounceRate', ALARM_THRESHOLDS.sesBounceRate],
    ['Reputation.ComplaintRate', ALARM_THRESHOLDS.sesComplaintRate],
  ])('SES %s at the review level', (metric, threshold) => {
    const [alarm, ...more] = alarmsOn('AWS/SES', metric);
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ Threshold: threshold, Statistic: 'Maximum', Period: 3600 });
  });
});

describe('dashboard', () => {
  it('one dashboard with the workflow, handler, API and e-mail graphs', () => {
    const dashboards = resourcesOfType(s.appResources, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.[1].Properties?.DashboardBody);
    for (const title of ['Case workflows', 'Handler errors', 'HTTP API', 'E-mail reputation']) expect(body).toContain(title);
  });
});
