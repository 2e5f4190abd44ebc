import { type Actor, ActorSchema, MAX_COMMENT_LENGTH } from '../../domain/case';
import { CaseStatusSchema, type Language, NivaaSchema } from '../../kernel/ids';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { t } from '../../i18n';
import { type ListCasesDeps, listCases } from '../../use-cases/list-cases';
import { type RemindUnitDeps, remindUnit } from '../../use-cases/remind-unit';
import { type ShowSecretariatCaseDeps, showSecretariatCase, type TriageView } from '../../use-cases/show-secretariat-case';
import { type ResumeCaseDeps, resumeCase } from '../../use-cases/resume-case';
import { type TriageCaseDeps, triageCase } from '../../use-cases/triage-case';
import { noticePage } from '../case/withdraw-page';
import { originAllowed } from '../kit/csrf';
import type { PostedForm } from '../form/application-fields';
import type { PageResult } from '../kit/page-result';
import type { PageFieldError } from '../kit/widgets';
import { type CasePageInput, secretariatCasePage, TRIAGE_NIVAA_FIELD, TRIAGE_REASON_FIELD } from './case-page';
import { paths } from '../../config/routes';
import { SECRETARIAT_CSRF_FIELD, SECRETARIAT_DEADLINES_PATH } from './chrome';
import { overviewPage } from './overview-page';
import { readSession, type SecretariatSession, type SessionDeps, sessionCsrf, sessionCsrfMatches } from './session';

/**
 * The secretariat's pages: presentations of the list-cases, show-secretariat-case,
 * triage-case and remind-unit use cases behind the signed session (session.ts). Without a
 * session every page sends the browser to sign in and nothing changes. Actions answer with
 * 303 to the case page (post/redirect/get: a reload never repeats them).
 */
export type SecretariatPageDeps = ListCasesDeps & ShowSecretariatCaseDeps & SessionDeps;
export type SecretariatActionDeps = SecretariatPageDeps &
  TriageCaseDeps &
  RemindUnitDeps &
  ResumeCaseDeps & {
    /** Origin of the configured public base URL. */
    allowedOrigin: string;
  };

export interface SecretariatRequest {
  lang: Language;
  sessionCookie: string | undefined;
}

export type SecretariatAction = 'triage' | 'remind' | 'resume';

/** What a 409 tells the secretariat, by action. */
const CONFLICT_NOTICES = {
  triage: 'secretariat.notice.notAwaitingTriage',
  remind: 'secretariat.notice.notWaiting',
  resume: 'secretariat.notice.notStopped',
} as const satisfies Record<SecretariatAction, string>;

const page = (status: number, body: string): PageResult => ({ status, body, cookies: [] });
const redirect = (location: string): PageResult => ({ status: 303, body: '', cookies: [], location });

/** Who acted, for the audit trail: the signed-in user's id (never an e-mail address). */
export function actorOf(session: SecretariatSession): Actor {
  const actor = ActorSchema.safeParse({ kind: 'secretariat', id: session.sub });
  return actor.success ? actor.data : { kind: 'secretariat' };
}

async function withSession(
  deps: SessionDeps,
  input: SecretariatRequest,
  returnTo: string,
  render: (session: SecretariatSession, frame: { user: string; csrf: string }) => Promise<PageResult>,
): Promise<PageResult> {
  const session = await readSession(deps, input.sessionCookie);
  if (!session) return redirect(`${paths.secretariatSignIn()}?next=${encodeURIComponent(returnTo)}`);
  return render(session, { user: session.email ?? session.sub, csrf: await sessionCsrf(deps, session) });
}

/** GET /sekretariat?view=status|deadline&status=&cursor= */
export async function showOverview(
  deps: SecretariatPageDeps,
  input: SecretariatRequest & { query: Readonly<Record<string, string | undefined>> },
): Promise<PageResult> {
  const { lang } = input;
  const view = input.query.view === 'deadline' ? 'deadline' : 'status';
  const status = view === 'status' && input.query.status ? input.query.status : undefined;
  const query = { view, ...(status ? { status } : {}), ...(input.query.cursor ? { cursor: input.query.cursor } : {}) };
  const returnTo = view === 'deadline' ? SECRETARIAT_DEADLINES_PATH : paths.secretariat();
  return withSession(deps, input, returnTo, async (_session, frame) => {
    const now = deps.clock.now().toISOString();
    try {
      const list = await listCases(deps, { query, lang });
      const parsedStatus = CaseStatusSchema.safeParse(status);
      return page(200, overviewPage({ lang, list, status: parsedStatus.success ? parsedStatus.data : undefined, now, ...frame }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // A stale or edited link: the first page of the same view, and say so.
      const list = await listCases(deps, { query: { view }, lang });
      return page(400, overviewPage({ lang, list, status: undefined, now, notice: t(lang, 'secretariat.list.badQuery'), ...frame }));
    }
  });
}

function caseNotFound(lang: Language): PageResult {
  return page(
    404,
    noticePage({
      lang,
      heading: t(lang, 'secretariat.case.notFound.heading'),
      body: t(lang, 'secretariat.case.notFound.body'),
      link: { href: paths.secretariat(), text: t(lang, 'secretariat.case.back') },
    }),
  );
}

/** Renders the case page; an unknown or malformed id is the same 404. */
async function renderCase(
  deps: SecretariatPageDeps,
  base: Omit<CasePageInput, 'view' | 'now'> & { caseId: string | undefined },
  status: number,
): Promise<PageResult> {
  try {
    const view = await showSecretariatCase(deps, { caseId: base.caseId, lang: base.lang });
    const { caseId: _, ...rest } = base;
    return page(status, secretariatCasePage({ ...rest, view, now: deps.clock.now().toISOString() }));
  } catch (error) {
    if (error instanceof NotFoundError) return caseNotFound(base.lang);
    throw error;
  }
}

/** The result of the action just done, from the redirect's query (only known values count). */
function doneNotice(lang: Language, query: Readonly<Record<string, string | undefined>>): CasePageInput['notice'] {
  if (query.done === 'triage') return { text: t(lang, 'secretariat.notice.triaged'), color: 'success' };
  if (query.done === 'resume') return { text: t(lang, 'secretariat.notice.resumed'), color: 'success' };
  if (query.done === 'remind' && /^\d{1,4}$/.test(query.sent ?? '')) {
    const count = Number(query.sent);
    return count === 0
      ? { text: t(lang, 'secretariat.notice.remindedNobody'), color: 'warning' }
      : { text: t(lang, 'secretariat.notice.reminded', { count }), color: 'success' };
  }
  return undefined;
}

/** GET /sekretariat/sak/{caseId}[?done=triage|resume|remind&sent=n] */
export async function showCase(
  deps: SecretariatPageDeps,
  input: SecretariatRequest & { caseId: string | undefined; query: Readonly<Record<string, string | undefined>> },
): Promise<PageResult> {
  const { lang } = input;
  const returnTo = input.caseId ? paths.secretariatCase(input.caseId) : paths.secretariat();
  return withSession(deps, input, returnTo, async (_session, frame) => {
    const notice = doneNotice(lang, input.query);
    return renderCase(deps, { lang, caseId: input.caseId, ...frame, ...(notice ? { notice } : {}) }, 200);
  });
}

/**
 * Checks the triage form as the page shows errors (the use case checks it again), including
 * that the nivå is one the form offered: one whose path the planner can plan for the case.
 */
function triageErrors(lang: Language, nivaa: string, reason: string, triage: TriageView): PageFieldError[] {
  const errors: PageFieldError[] = [];
  const parsed = NivaaSchema.safeParse(Number(nivaa));
  const unavailable = parsed.success ? triage.unavailable.find((u) => u.nivaa === parsed.data) : undefined;
  if (nivaa === '' || !parsed.success) {
    errors.push({ field: TRIAGE_NIVAA_FIELD, text: t(lang, 'secretariat.triage.errors.nivaa') });
  } else if (unavailable) {
    errors.push({ field: TRIAGE_NIVAA_FIELD, text: unavailable.text });
  }
  if (parsed.success && parsed.data !== triage.nivaa && reason === '') {
    errors.push({ field: TRIAGE_REASON_FIELD, text: t(lang, 'secretariat.triage.errors.reasonRequired') });
  }
  if (reason.length > MAX_COMMENT_LENGTH) {
    errors.push({ field: TRIAGE_REASON_FIELD, text: t(lang, 'secretariat.triage.errors.reasonTooLong', { max: MAX_COMMENT_LENGTH }) });
  }
  return errors;
}

/**
 * POST /sekretariat/sak/{caseId}/triage (nivaa, reason), /purring (stepId, unitId) and
 * /start-saksflyt (resume a stopped workflow), all with the session's CSRF token. 303 to the case page when done; 400 the page with errors;
 * 403 a failed CSRF or origin check; 409 when the case no longer waits for this; 404 unknown
 * case. Nothing changes unless the whole request is valid.
 */
export async function postCaseAction(
  deps: SecretariatActionDeps,
  input: SecretariatRequest & {
    caseId: string | undefined;
    action: SecretariatAction;
    form: PostedForm;
    origin: string | undefined;
  },
): Promise<PageResult> {
  const { lang, form } = input;
  const caseId = input.caseId;
  const returnTo = caseId ? paths.secretariatCase(caseId) : paths.secretariat();
  return withSession(deps, input, returnTo, async (session, frame) => {
    const base = { lang, caseId, ...frame };
    if (!originAllowed(input.origin, deps.allowedOrigin) || !(await sessionCsrfMatches(deps, session, form.get(SECRETARIAT_CSRF_FIELD)))) {
      return renderCase(deps, { ...base, notice: { text: t(lang, 'secretariat.notice.expired'), color: 'warning' } }, 403);
    }
    const conflict = (error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
      const key = CONFLICT_NOTICES[input.action];
      return renderCase(deps, { ...base, notice: { text: t(lang, key), color: 'warning' } }, 409);
    };
    const done = (query: string) => redirect(`${paths.secretariatCase(caseId ?? '')}?${query}`);

    if (input.action === 'resume') {
      try {
        await resumeCase(deps, { caseId, actor: actorOf(session) });
      } catch (error) {
        if (error instanceof NotFoundError) return caseNotFound(lang);
        return conflict(error);
      }
      return done('done=resume');
    }

    if (input.action === 'triage') {
      const nivaa = (form.get(TRIAGE_NIVAA_FIELD) ?? '').trim();
      const reason = (form.get(TRIAGE_REASON_FIELD) ?? '').trim();
      let triage: TriageView;
      try {
        const view = await showSecretariatCase(deps, { caseId, lang });
        if (view.triage === null) return conflict(new ConflictError('Case does not wait for triage'));
        triage = view.triage;
      } catch (error) {
        if (error instanceof NotFoundError) return caseNotFound(lang);
        throw error;
      }
      const errors = triageErrors(lang, nivaa, reason, triage);
      if (errors.length > 0) return renderCase(deps, { ...base, triage: { nivaa, reason, errors } }, 400);
      try {
        const body = { choice: 'confirm', nivaa: Number(nivaa), ...(reason === '' ? {} : { reason }) };
        await triageCase(deps, { caseId, body, actor: actorOf(session), lang });
      } catch (error) {
        if (error instanceof ValidationError) {
          // The use case's own rules (e.g. no other nivå in an escalation), shown at the field.
          const errors = error.fieldErrors.map((e) => ({
            field: e.pointer === '/reason' ? TRIAGE_REASON_FIELD : TRIAGE_NIVAA_FIELD,
            text: t(lang, e.code, e.params),
          }));
          return renderCase(deps, { ...base, triage: { nivaa, reason, errors } }, 400);
        }
        return conflict(error);
      }
      return done('done=triage');
    }

    try {
      const body = { stepId: form.get('stepId') ?? '', unitId: form.get('unitId') ?? '' };
      const result = await remindUnit(deps, { caseId, body, actor: actorOf(session) });
      return done(`done=remind&sent=${result.sent}`);
    } catch (error) {
      if (error instanceof NotFoundError && error.messageKey === 'error.not_found.case') return caseNotFound(lang);
      if (error instanceof ValidationError || error instanceof NotFoundError) {
        return renderCase(deps, { ...base, notice: { text: t(lang, 'secretariat.notice.unknownUnit'), color: 'warning' } }, 400);
      }
      return conflict(error);
    }
  });
}
