import { MAX_COMMENT_LENGTH } from '../../domain/case';
import { parseApplication } from '../../domain/application';
import { isFinalStatus } from '../../domain/lifecycle';
import type { Language } from '../../kernel/ids';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { t } from '../../i18n';
import { type AmendApplicationDeps, amendApplication } from '../../use-cases/amend-application';
import { loadCase } from '../../use-cases/case-access';
import { type GetCaseStatusDeps, getCaseStatus } from '../../use-cases/get-case-status';
import { type WithdrawCaseDeps, withdrawCase } from '../../use-cases/withdraw-case';
import { applicationFormValues, applicationInput, formValues } from '../form/application-fields';
import { type FormPageDeps, type PostedPage, pageErrors, serviceOptions } from '../form/flows';
import { applicationFormPage } from '../form/form-page';
import { type FormPurpose, formGuard, guardMatches, PAGE_CSRF_FIELD, type PageCsrfDeps } from '../kit/page-csrf';
import type { PageResult } from '../kit/page-result';
import type { FormValues, PageFieldError } from '../kit/widgets';
import { statusPage } from './status-page';
import { caseNoticePage, caseNotFoundPage, WITHDRAW_REASON_FIELD, withdrawConfirmPage } from './withdraw-page';

/**
 * The applicant's case pages (issue 5): the status page and, behind the same unguessable id,
 * the amendment form and the withdrawal confirmation. They present the get-case-status,
 * amend-application and withdraw-case use cases; the rules stay there.
 */
export type CasePageDeps = GetCaseStatusDeps & PageCsrfDeps;
/** The case's pages behind its status page: /sak/{caseId}/endre and /sak/{caseId}/trekk. */
export type CaseSubPage = 'endre' | 'trekk';
export type CaseActionDeps = AmendApplicationDeps & WithdrawCaseDeps & FormPageDeps;

export interface CasePageInput {
  caseId: string | undefined;
  page: CaseSubPage | undefined;
  lang: Language;
  cookieNonce: string | undefined;
}

const page = (status: number, body: string, cookies: string[] = []): PageResult => ({ status, body, cookies });

/** A malformed or unknown id gets the same 404 page (the API's rule: ids are never confirmed). */
async function orNotFound(lang: Language, render: () => Promise<PageResult>): Promise<PageResult> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof NotFoundError) return page(404, caseNotFoundPage(lang));
    throw error;
  }
}

const purposeOf = (sub: CaseSubPage, caseId: string): FormPurpose =>
  sub === 'endre' ? `amend:${caseId}` : `withdraw:${caseId}`;

/** GET /sak/{caseId}, /sak/{caseId}/endre and /sak/{caseId}/trekk. Changes nothing. */
export async function showCasePage(deps: CasePageDeps, input: CasePageInput): Promise<PageResult> {
  const { lang } = input;
  return orNotFound(lang, async () => {
    if (input.page === undefined) {
      const view = await getCaseStatus(deps, { caseId: input.caseId, lang });
      return page(200, statusPage(view, lang));
    }
    const c = await loadCase(deps.cases, input.caseId);
    const params = { caseNumber: c.caseNumber };
    if (input.page === 'endre' && c.status !== 'returned') {
      return page(200, caseNoticePage(lang, c.caseId, { heading: 'web.amend.notAwaiting.heading', body: 'web.amend.notAwaiting.body' }, params));
    }
    if (input.page === 'trekk' && isFinalStatus(c.status)) {
      return page(200, caseNoticePage(lang, c.caseId, { heading: 'web.withdraw.closed.heading', body: 'web.withdraw.closed.body' }, params));
    }
    const guard = await formGuard(deps, purposeOf(input.page, c.caseId), input.cookieNonce);
    const body =
      input.page === 'endre'
        ? amendForm(lang, c.caseNumber, guard.token, applicationFormValues(c.application), [])
        : withdrawConfirmPage({ lang, caseId: c.caseId, caseNumber: c.caseNumber, csrf: guard.token });
    return page(200, body, guard.cookies);
  });
}

function amendForm(lang: Language, caseNumber: string, csrf: string, values: FormValues, errors: PageFieldError[]) {
  return applicationFormPage({ lang, mode: { kind: 'amend', caseNumber }, csrf, values, errors, services: serviceOptions() });
}

/**
 * POST /sak/{caseId}/endre → 200 done; 400 the form with errors; 403 failed CSRF check;
 * 409 the case does not wait for an amendment. POST /sak/{caseId}/trekk → 200 withdrawn;
 * 400 reason too long; 403 failed CSRF check; 409 already final. 404 for an unknown case.
 */
export async function postCasePage(
  deps: CaseActionDeps,
  input: PostedPage & { caseId: string | undefined; page: CaseSubPage },
): Promise<PageResult> {
  const { lang, form } = input;
  return orNotFound(lang, async () => {
    const c = await loadCase(deps.cases, input.caseId);
    const purpose = purposeOf(input.page, c.caseId);
    const ok = await guardMatches(deps, purpose, {
      cookieNonce: input.cookieNonce,
      token: form.get(PAGE_CSRF_FIELD),
      origin: input.origin,
    });
    const again = async (errors: PageFieldError[], status: number, values: FormValues, reason?: string) => {
      const guard = await formGuard(deps, purpose, input.cookieNonce);
      const body =
        input.page === 'endre'
          ? amendForm(lang, c.caseNumber, guard.token, values, errors)
          : withdrawConfirmPage({ lang, caseId: c.caseId, caseNumber: c.caseNumber, csrf: guard.token, errors, ...(reason === undefined ? {} : { reason }) });
      return page(status, body, guard.cookies);
    };
    const expired = [{ field: 'form', text: t(lang, 'web.form.errors.expired') }];
    const params = { caseNumber: c.caseNumber };

    if (input.page === 'endre') {
      const values = formValues(form);
      if (!ok) return again(expired, 403, values);
      const body = applicationInput(values);
      const parsed = parseApplication(body);
      if (!parsed.ok) return again(pageErrors(parsed.errors, values, lang), 400, values);
      try {
        await amendApplication(deps, { caseId: c.caseId, body, lang });
      } catch (error) {
        if (error instanceof ConflictError) {
          return page(409, caseNoticePage(lang, c.caseId, { heading: 'web.amend.notAwaiting.heading', body: 'web.amend.notAwaiting.body' }, params));
        }
        throw error;
      }
      return page(200, caseNoticePage(lang, c.caseId, { heading: 'web.amend.done.heading', body: 'web.amend.done.body' }, params, 'success'));
    }

    const reason = form.get(WITHDRAW_REASON_FIELD) ?? '';
    if (!ok) return again(expired, 403, {}, reason);
    try {
      await withdrawCase(deps, { caseId: c.caseId, body: reason.trim() === '' ? {} : { reason }, lang });
    } catch (error) {
      if (error instanceof ValidationError) {
        const text = t(lang, 'web.withdraw.errors.reasonTooLong', { max: MAX_COMMENT_LENGTH });
        return again([{ field: WITHDRAW_REASON_FIELD, text }], 400, {}, reason);
      }
      if (error instanceof ConflictError) {
        return page(409, caseNoticePage(lang, c.caseId, { heading: 'web.withdraw.closed.heading', body: 'web.withdraw.closed.body' }, params));
      }
      throw error;
    }
    return page(200, caseNoticePage(lang, c.caseId, { heading: 'web.withdraw.done.heading', body: 'web.withdraw.done.body' }, params, 'success'));
  });
}
