import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../../shared/domain/case';
import { currentWorkflow, executionNameFor } from '../../../shared/domain/case-workflow';
import { exampleCase } from '../../support/fixtures/records';

describe('workflow execution names', () => {
  it('are the case number and generation, a valid Step Functions name without the case id', () => {
    expect(executionNameFor('2026/0042', 1)).toBe('2026-0042-g1');
    expect(executionNameFor('2026/10000', 3)).toBe('2026-10000-g3');
  });

  it('a new case starts at generation 1', () => {
    const c = exampleCase();
    expect(c.workflow).toEqual({ generation: 1, executionName: executionNameFor(c.caseNumber, 1) });
    expect(c.workflow?.executionName).not.toContain(c.caseId);
  });

  it('a record from before generations still parses and keeps the name it ran under', () => {
    const { workflow: _dropped, ...legacy } = exampleCase();
    const parsed = CaseSchema.parse(legacy);
    expect(currentWorkflow(parsed)).toEqual({ generation: 1, executionName: parsed.caseId });
  });

  it('rejects a generation below 1', () => {
    const c = exampleCase();
    expect(CaseSchema.safeParse({ ...c, workflow: { generation: 0, executionName: 'x' } }).success).toBe(false);
  });
});
