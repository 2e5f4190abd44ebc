import { Validations } from 'aws-cdk-lib';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/stacks/build-app';

const noBundling = { context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false };

/** Every acknowledgement recorded in the tree (Validations.of(...).acknowledge). */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports zero unacknowledged findings for the whole app', () => {
    const { app } = buildApp(noBundling);
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only specific findings, each with a specific reason', () => {
    const { app } = buildApp(noBundling);
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
    }
    // IAM5 is only ever acknowledged for a named finding, never for the whole rule.
    expect(acks.filter((a) => a.id === 'AwsSolutions-IAM5')).toEqual([]);
  });

  it('runs at synthesis and fails it on a finding', () => {
    const { app, data } = buildApp(noBundling);
    // A table without point-in-time recovery (AwsSolutions-DDB3).
    new Table(data, 'Careless', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
