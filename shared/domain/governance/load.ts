import type { z } from 'zod';
import { AppError, toJsonPointer } from '../../errors';
import roster from './roster.json';
import { type Governance, GovernanceSchema } from './schema';

/**
 * An invalid governance configuration. Internal (a deployment error): users see a generic
 * 500; the message and `issues` name every problem for the administrator.
 */
export class GovernanceConfigError extends AppError {
  override readonly name = 'GovernanceConfigError';
  readonly code = 'config';
  readonly status = 500;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(issues: readonly z.core.$ZodIssue[], cause?: unknown) {
    const summary = issues.map((i) => `${toJsonPointer(i.path) || '/'}: ${i.message}`).join('; ');
    super(`Invalid governance configuration: ${summary}`, 'error.internal.detail', { cause });
    this.issues = issues;
  }
}

/** Validates a governance configuration (schema and cross-references) or throws. */
export function parseGovernance(json: unknown): Governance {
  const result = GovernanceSchema.safeParse(json);
  if (!result.success) throw new GovernanceConfigError(result.error.issues, result.error);
  return result.data;
}

/** THE roster the system runs with: shared/domain/governance/roster.json, validated at load. */
export const governance: Governance = parseGovernance(roster);
