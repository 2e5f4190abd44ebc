import { z } from 'zod';
import { parseApplication } from '../domain/application';
import { type Case, createCase } from '../domain/case';
import { formatCaseNumber } from '../domain/case-number';
import { currentWorkflow } from '../domain/case-workflow';
import { classify } from '../domain/classification';
import { NivaaSchema } from '../kernel/ids';
import { ConflictError, IdempotencyConflictError, ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Clock } from '../ports/clock';
import { IDEMPOTENCY_LEASE_SECONDS, type IdempotencyStore } from '../ports/idempotency-store';
import type { IdGenerator } from '../ports/ids';
import type { Links } from '../ports/links';
import type { WorkflowPort } from '../ports/workflow';
import { canonicalJson } from '../util/canonical-json';

export interface SubmitApplicationDeps {
  cases: CaseRepository;
  idempotency: IdempotencyStore;
  workflow: WorkflowPort;
  ids: IdGenerator;
  clock: Clock;
  links: Links;
  sha256Hex(text: string): string;
}

export interface SubmitApplicationInput {
  body: unknown;
  /** The Idempotency-Key header, if the client sent one. */
  idempotencyKey?: string | undefined;
}

/** The 201 body; also what the idempotency record stores and a repeat of the request replays. */
export const SubmitApplicationResultSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  nivaa: NivaaSchema,
  statusUrl: z.string(),
});
export type SubmitApplicationResult = z.infer<typeof SubmitApplicationResultSchema>;

export interface SubmittedApplication {
  response: SubmitApplicationResult;
  /** The stored case's title and classification proposal (the form's receipt shows them). */
  title: string;
  proposal: Case['proposal'];
}

/** Printable ASCII, as recommended for Idempotency-Key values; bounded so it fits a key. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Intake (POST /api/applications and the form): validate, classify (Eierstrategi ch. 12), assign
 * the case number, store the case and start its workflow. Every write is idempotent on the
 * case id, so a retry with the same Idempotency-Key after a failure half-way finishes the job
 * instead of creating a second case; nothing accepted is lost.
 */
export async function submitApplication(
  deps: SubmitApplicationDeps,
  input: SubmitApplicationInput,
): Promise<SubmittedApplication> {
  const key = input.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError([{ pointer: '', code: 'api.idempotencyKey.invalid' }]);
  }
  const parsed = parseApplication(input.body);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const application = parsed.value;

  let caseId = deps.ids.newCaseId();
  let existing: Case | undefined;
  if (key !== undefined) {
    const bodyHash = deps.sha256Hex(canonicalJson(input.body));
    const claim = await deps.idempotency.claim({ key, bodyHash, caseId, now: deps.clock.now() });
    if (claim.status === 'existing') {
      if (claim.bodyHash !== bodyHash) {
        throw new IdempotencyConflictError('Idempotency-Key reused with a different body');
      }
      // A finished request: answer as the first time did. A record without a (valid) response
      // is one that stopped half-way: finish the job under the claimed case id.
      const replay = SubmitApplicationResultSchema.safeParse(claim.response);
      // Same body, so the same title and (deterministic) classification as the stored case.
      if (replay.success) return { response: replay.data, title: application.title, proposal: classify(application) };
      caseId = claim.caseId;
      existing = await deps.cases.get(caseId);
      // No case yet: the first request is still creating it (only it may allocate a case number,
      // or the public journal gets gaps), or it stopped half-way and its lease has run out.
      if (!existing && !(await takeOver(deps, key, claim.claimedAt))) {
        throw new ConflictError('A request with this Idempotency-Key is in progress', {
          messageKey: 'api.idempotencyKey.inProgress',
        });
      }
    }
  }

  const stored = existing ?? (await createNewCase(deps, caseId, application));
  // StartExecution is idempotent on the execution name (case number and generation, never
  // the secret case id): safe on every retry.
  await deps.workflow.startExecution({ caseId: stored.caseId, name: currentWorkflow(stored).executionName });
  const response: SubmitApplicationResult = {
    caseId: stored.caseId,
    caseNumber: stored.caseNumber,
    nivaa: stored.proposal.nivaa,
    statusUrl: deps.links.caseStatus(stored.caseId),
  };
  if (key !== undefined) await deps.idempotency.complete(key, { ...response });
  return { response, title: stored.application.title, proposal: stored.proposal };
}

async function takeOver(deps: SubmitApplicationDeps, key: string, claimedAt: string): Promise<boolean> {
  const now = deps.clock.now();
  const leaseEnds = Date.parse(claimedAt) + IDEMPOTENCY_LEASE_SECONDS * 1000;
  return now.getTime() >= leaseEnds && (await deps.idempotency.renewClaim(key, claimedAt, now));
}

async function createNewCase(
  deps: SubmitApplicationDeps,
  caseId: string,
  application: Case['application'],
): Promise<Case> {
  const now = deps.clock.now();
  const seq = await deps.cases.allocateCaseNumber(now.getUTCFullYear());
  const created = createCase({
    caseId,
    caseNumber: formatCaseNumber(now.getUTCFullYear(), seq),
    application,
    proposal: classify(application),
    at: now,
  });
  try {
    await deps.cases.create(created);
    return created;
  } catch (error) {
    // A concurrent retry with the same key created it first: use that one.
    if (error instanceof ConflictError) {
      const existing = await deps.cases.get(caseId);
      if (existing) return existing;
    }
    throw error;
  }
}
