import { z } from 'zod';
import { type Case, UtcTimestampSchema } from '../domain/case';
import { stepLabel } from '../email/labels';
import {
  type BodyId,
  type CaseStatus,
  CaseStatusSchema,
  type Language,
  type Nivaa,
  type StepKind,
} from '../kernel/ids';
import type { StepRecord } from '../domain/step';
import { ValidationError } from '../errors';
import type { CaseRepository } from '../ports/case-repository';
import type { Page, PageRequest } from '../ports/page';
import type { StepRepository } from '../ports/step-repository';
import { PageQuerySchema, statusText } from './get-journal';

export interface ListCasesDeps {
  cases: CaseRepository;
  steps: StepRepository;
}

/**
 * The secretariat's default queue: every open status, triage first (the secretariat receives
 * every new case and confirms its nivå), then cases still entering triage, running
 * steps, and cases waiting for the applicant.
 */
export const OPEN_STATUS_ORDER: readonly CaseStatus[] = ['triage', 'submitted', 'consultation', 'decision', 'returned'];

/** `view=deadline` lists open steps up to `before`; without it, all of them. */
const NO_DEADLINE_BOUND = '9999-12-31T23:59:59.999Z';

export const ListCasesQuerySchema = PageQuerySchema.extend({
  view: z.enum(['status', 'deadline']).default('status'),
  status: CaseStatusSchema.optional(),
  before: UtcTimestampSchema.optional(),
});

export interface CurrentStepSummary {
  stepId: string;
  kind: StepKind;
  kindText: string;
  /** Bodies the step still waits for. */
  bodies: BodyId[];
  deadline: string;
}

export interface CaseRow {
  caseId: string;
  caseNumber: string;
  title: string;
  organisation: string;
  nivaa: Nivaa;
  status: CaseStatus;
  statusText: string;
  needsConfirmation: boolean;
  /** Deadline of the current step, if one is running. */
  deadline: string | null;
  currentStep: CurrentStepSummary | null;
  updatedAt: string;
}

export interface CaseList {
  view: 'status' | 'deadline';
  items: CaseRow[];
  nextCursor?: string;
}

/**
 * GET /api/secretariat/cases: cases by status (default: all open statuses, triage first,
 * least recently updated first within a status), or with `view=deadline` the open steps by
 * deadline (chasing late answers). Paged with an opaque cursor.
 */
export async function listCases(
  deps: ListCasesDeps,
  input: { query: Readonly<Record<string, string | undefined>>; lang: Language },
): Promise<CaseList> {
  const parsed = ListCasesQuerySchema.safeParse(input.query);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, input.query);
  const q = parsed.data;
  const page: PageRequest = q.cursor === undefined ? { limit: q.limit } : { limit: q.limit, cursor: q.cursor };
  if (q.view === 'deadline') {
    if (q.status !== undefined) {
      throw new ValidationError([{ pointer: '/status', code: 'api.list.statusWithDeadlineView' }]);
    }
    const steps = await deps.steps.listOpenByDeadline(new Date(q.before ?? NO_DEADLINE_BOUND), page);
    const rows = await Promise.all(
      steps.items.map(async (step) => {
        const c = await deps.cases.get(step.caseId);
        return c && caseRow(c, step, input.lang);
      }),
    );
    return withCursor({ view: 'deadline', items: rows.filter((r) => r !== undefined) }, steps.nextCursor);
  }
  const cases = await listByStatuses(deps.cases, q.status === undefined ? OPEN_STATUS_ORDER : [q.status], page);
  const rows = await Promise.all(
    cases.items.map(async (c) => {
      const open = (await deps.steps.listByCase(c.caseId)).filter((s) => s.status === 'open');
      return caseRow(c, open[open.length - 1], input.lang);
    }),
  );
  return withCursor({ view: 'status', items: rows }, cases.nextCursor);
}

function withCursor(list: CaseList, nextCursor: string | undefined): CaseList {
  return nextCursor === undefined ? list : { ...list, nextCursor };
}

function caseRow(c: Case, step: StepRecord | undefined, lang: Language): CaseRow {
  const currentStep = step && {
    stepId: step.stepId,
    kind: step.kind,
    kindText: stepLabel(step.kind, lang),
    bodies: step.units.filter((u) => u.status === 'open').map((u) => u.bodyId),
    deadline: step.deadline,
  };
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    title: c.application.title,
    organisation: c.application.applicant.name,
    nivaa: c.nivaa,
    status: c.status,
    statusText: statusText(lang, c.status),
    needsConfirmation: c.proposal.needsConfirmation,
    deadline: currentStep?.deadline ?? null,
    currentStep: currentStep ?? null,
    updatedAt: c.updatedAt,
  };
}

/**
 * Pages through several statuses one after another. The cursor is `<status>~<repository
 * cursor>` (an empty repository cursor means "from the start of that status").
 */
async function listByStatuses(
  cases: CaseRepository,
  statuses: readonly CaseStatus[],
  page: PageRequest,
): Promise<Page<Case>> {
  let { index, inner } =
    page.cursor === undefined ? { index: 0, inner: undefined } : decodeCursor(page.cursor, statuses);
  const items: Case[] = [];
  for (; index < statuses.length; index++) {
    const status = statuses[index]!;
    const remaining = page.limit - items.length;
    if (remaining === 0) {
      // The page is full: point the cursor at the next status that still has cases, if any.
      const peek = await cases.listByStatus(status, { limit: 1 });
      if (peek.items.length > 0) return { items, nextCursor: `${status}~` };
      continue;
    }
    const request = inner === undefined ? { limit: remaining } : { limit: remaining, cursor: inner };
    const got = await cases.listByStatus(status, request);
    inner = undefined;
    items.push(...got.items);
    if (got.nextCursor !== undefined) return { items, nextCursor: `${status}~${got.nextCursor}` };
  }
  return { items };
}

const CURSOR_PATTERN = /^([a-z]+)~([A-Za-z0-9_-]*)$/;

function decodeCursor(
  cursor: string,
  statuses: readonly CaseStatus[],
): { index: number; inner: string | undefined } {
  const match = CURSOR_PATTERN.exec(cursor);
  const status = CaseStatusSchema.safeParse(match?.[1]);
  const index = status.success ? statuses.indexOf(status.data) : -1;
  if (!match || index < 0) throw new ValidationError([{ pointer: '/cursor', code: 'error.field.invalidFormat' }]);
  return { index, inner: match[2] === '' ? undefined : match[2] };
}
