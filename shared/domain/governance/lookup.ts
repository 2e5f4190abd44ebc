import type { DecisionRule } from '../decision-rules';
import type { BodyId } from '../../kernel/ids';
import { AppError } from '../../errors';
import { type Governance, type Member, type Service, VOTING_ROLES } from './schema';

/** A body as the workflow sees it: its rule, all members, and who of them votes. */
export interface Council {
  bodyId: BodyId;
  /** null for the secretariat: its steps close on the first answer (process.ts). */
  rule: DecisionRule | null;
  members: readonly Member[];
  /** Members with a vote (chair and members; not deputies or secretaries). */
  voting: readonly Member[];
  chairId: string | undefined;
}

/** The roster has no council for what the case needs (e.g. nivå 3 for an unlisted service). */
export class MissingCouncilError extends AppError {
  override readonly name = 'MissingCouncilError';
  readonly code = 'config';
  readonly status = 500;
  /** The body the roster cannot staff (triage names it when it refuses a nivå). */
  readonly bodyId: BodyId;
  constructor(message: string, bodyId: BodyId) {
    super(message, 'error.internal.detail');
    this.bodyId = bodyId;
  }
}

export function serviceOf(g: Governance, serviceId: string | undefined): Service | undefined {
  return serviceId === undefined ? undefined : g.services.find((s) => s.serviceId === serviceId);
}

/** True when the roster has a brukerråd for the service (nivå 3 can run for it). */
export function hasBrukerrad(g: Governance, serviceId: string | undefined): boolean {
  return serviceOf(g, serviceId) !== undefined;
}

function council(
  g: Governance,
  bodyId: BodyId,
  ruleId: string | null,
  members: readonly Member[],
): Council {
  const rule = ruleId === null ? null : g.decisionRules[ruleId];
  // parseGovernance checked every reference; a hand-built object may not have.
  if (rule === undefined) throw new MissingCouncilError(`Unknown decision rule ${ruleId} for ${bodyId}`, bodyId);
  const voting = members.filter((m) => VOTING_ROLES.includes(m.role));
  return { bodyId, rule, members, voting, chairId: members.find((m) => m.role === 'chair')?.id };
}

/** The council of a body; for 'brukerrad' the one of the case's service. */
export function councilFor(g: Governance, bodyId: BodyId, serviceId?: string): Council {
  if (bodyId === 'sekretariat') return council(g, bodyId, null, g.sekretariat.members);
  if (bodyId === 'brukerrad') {
    const service = serviceOf(g, serviceId);
    if (!service) throw new MissingCouncilError(`No brukerråd in the roster for service ${serviceId ?? '(none)'}`, bodyId);
    return council(g, bodyId, service.brukerrad.decisionRule, service.brukerrad.members);
  }
  const body = g.bodies.find((b) => b.id === bodyId);
  if (!body) throw new MissingCouncilError(`No body ${bodyId} in the roster`, bodyId);
  return council(g, bodyId, body.decisionRule, body.members);
}
