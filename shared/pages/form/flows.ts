import type { Language } from '../../kernel/ids';
import { type FieldError, IdempotencyConflictError, ValidationError } from '../../errors';
import { governance } from '../../domain/governance/load';
import { t } from '../../i18n';
import { type SubmitApplicationDeps, submitApplication } from '../../use-cases/submit-application';
import {
  applicationInput,
  fieldForPointer,
  formValues,
  MUNICIPALITIES_FIELD,
  type PostedForm,
  parseMunicipalities,
} from './application-fields';
import { applicationFormPage, type ServiceOption, SUBMISSION_FIELD } from './form-page';
import { formGuard, guardMatches, PAGE_CSRF_FIELD, type PageCsrfDeps } from '../kit/page-csrf';
import type { PageResult } from '../kit/page-result';
import { receiptPage } from './receipt-page';
import type { FormValues, PageFieldError } from '../kit/widgets';

/**
 * The application form as pages: another presentation of the submit-application use case.
 * Validation is the API's own (the use case's ValidationError); only the presentation of its
 * errors differs.
 */

export interface FormPageDeps extends PageCsrfDeps {
  /** Origin of the configured public base URL. */
  allowedOrigin: string;
}

export interface PostedPage {
  lang: Language;
  form: PostedForm;
  cookieNonce: string | undefined;
  origin: string | undefined;
}

/** The services whose brukerråd the roster knows: the only ones a nivå 3 case can consult. */
export function serviceOptions(): ServiceOption[] {
  return governance.services.map((s) => ({ serviceId: s.serviceId, name: s.name }));
}

/** Idempotency keys the form itself generated (IdGenerator.newToken: base64url). */
const SUBMISSION_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** The use case's field errors as translated page errors, each at its field (and line). */
export function pageErrors(errors: readonly FieldError[], values: FormValues, lang: Language): PageFieldError[] {
  const { lines } = parseMunicipalities(values[MUNICIPALITIES_FIELD]);
  const out: PageFieldError[] = [];
  for (const error of errors) {
    const location = fieldForPointer(error.pointer, lines);
    const message = t(lang, error.code, error.params);
    const text = location.line === undefined ? message : t(lang, 'pages.form.errors.line', { line: location.line, message });
    if (!out.some((e) => e.field === location.field && e.text === text)) out.push({ field: location.field, text });
  }
  return out;
}

export async function showApplicationForm(
  deps: FormPageDeps,
  input: { lang: Language; cookieNonce: string | undefined },
): Promise<PageResult> {
  return formAgain(deps, input.lang, input.cookieNonce, {}, [], 200);
}

async function formAgain(
  deps: FormPageDeps,
  lang: Language,
  cookieNonce: string | undefined,
  values: FormValues,
  errors: PageFieldError[],
  status: number,
  submission: string = deps.ids.newToken(),
): Promise<PageResult> {
  const guard = await formGuard(deps, 'application', cookieNonce);
  const body = applicationFormPage({
    lang,
    mode: { kind: 'new' },
    csrf: guard.token,
    submission,
    values,
    errors,
    services: serviceOptions(),
  });
  return { status, body, cookies: guard.cookies };
}

/**
 * POST /: 200 receipt; 400 the form again with the errors (nothing stored); 403 the form again
 * when the CSRF check fails; 409 when the form's idempotency key was used for other content.
 * Sending the same form twice (reload, double click) gives the same case, not a second one.
 */
export async function submitApplicationForm(
  deps: SubmitApplicationDeps & FormPageDeps,
  input: PostedPage,
): Promise<PageResult> {
  const { lang, form } = input;
  const values = formValues(form);
  const posted = form.get(SUBMISSION_FIELD) ?? undefined;
  const submission = posted !== undefined && SUBMISSION_PATTERN.test(posted) ? posted : undefined;
  const again = (errors: PageFieldError[], status: number, key = submission) =>
    formAgain(deps, lang, input.cookieNonce, values, errors, status, key ?? deps.ids.newToken());

  const guarded = await guardMatches(deps, 'application', {
    cookieNonce: input.cookieNonce,
    token: form.get(PAGE_CSRF_FIELD),
    origin: input.origin,
  });
  if (!guarded) return again([{ field: 'form', text: t(lang, 'pages.form.errors.expired') }], 403);

  try {
    const { response, title, proposal } = await submitApplication(deps, {
      body: applicationInput(values),
      idempotencyKey: submission,
    });
    const page = receiptPage({ caseNumber: response.caseNumber, title, proposal, statusUrl: response.statusUrl }, lang);
    return { status: 200, body: page, cookies: [] };
  } catch (error) {
    if (error instanceof IdempotencyConflictError) {
      // A fresh key: sending this form again makes a new case, as the message says.
      return again([{ field: 'form', text: t(lang, 'pages.form.errors.alreadySent') }], 409, deps.ids.newToken());
    }
    if (error instanceof ValidationError) return again(pageErrors(error.fieldErrors, values, lang), 400);
    throw error;
  }
}
