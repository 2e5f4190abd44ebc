import { MAX_COMMENT_LENGTH } from '../../domain/case';
import type { CurrentLink } from '../../domain/step';
import { textProblem } from '../../domain/text';
import type { Choice, Language } from '../../kernel/ids';
import type { SecretsPort } from '../../ports/secrets';
import { type NextStep, type RecordActionDeps, recordAction, retryRefusedAction } from '../../use-cases/record-action';
import {
  type ActionContext,
  type ActionRequest,
  actionRequest,
  type LinkProblem,
  resolveActionLink,
  type ShowActionDeps,
  showAction,
} from '../../use-cases/show-action';
import { csrfMatches, csrfToken, type HmacSha256Hex, originAllowed } from '../kit/csrf';
import { type PageLanguage, pickLanguage } from '../kit/language';
import type { PageResult } from '../kit/page-result';
import { actionFormPage } from './form-page';
import { actionReceiptPage, LINK_PROBLEM_STATUS, linkProblemPage } from './result-pages';
import type { ActionFormView, FormError, FormField, FormValues } from './view';

/**
 * The pages behind an e-mailed action link (GET and POST /handling/{token}): presentations of
 * the show-action and record-action use cases. The page's own checks are made here (the
 * form's CSRF value bound to the link, the post's origin, the form's fields); the use case
 * records only a verified, valid answer.
 */

export interface ActionCsrfDeps {
  secrets: SecretsPort;
  hmacSha256Hex: HmacSha256Hex;
}

export type ShowActionPageDeps = ShowActionDeps & ActionCsrfDeps;

export type ActionPageDeps = RecordActionDeps &
  ActionCsrfDeps & {
    /** Origin of the configured public base URL: the only origin allowed to post the form. */
    allowedOrigin: string;
  };

/** What happened, for the log: codes and field names only, never the token or what was written. */
export type ActionOutcome =
  | { kind: 'shown' }
  | { kind: 'refused'; problem: LinkProblem }
  | { kind: 'rejected'; fields: FormField[] }
  | { kind: 'recorded'; next: NextStep };

export interface ActionPageResult extends PageResult {
  /** An explicit choice, else the recipient's language, else the browser's. */
  lang: Language;
  outcome: ActionOutcome;
}

export interface ActionPageInput {
  rawToken: string;
  signals: PageLanguage;
}

export interface PostedAction extends ActionPageInput {
  /** The Origin header, when the browser sent one. */
  origin: string | undefined;
  form: { choice?: string | null; comment?: string | null; csrf?: string | null };
}

const FORM_EXPIRED: FormError = { field: 'csrf', key: 'pages.action.errors.formExpired' };

/** GET /handling/{token}: 200 the confirmation page, or 404 / 409 / 410. Changes nothing. */
export async function showActionPage(deps: ShowActionPageDeps, input: ActionPageInput): Promise<ActionPageResult> {
  const result = await showAction(deps, input.rawToken);
  const lang = pickLanguage(input.signals, result.recipientLanguage);
  if (result.kind === 'problem') return problemPage(result.problem, lang, result.newerLink);
  const view = await formView(deps, result.request, result.tokenHash);
  return { status: 200, body: actionFormPage({ view, lang }), cookies: [], lang, outcome: { kind: 'shown' } };
}

/**
 * POST /handling/{token} (choice, comment?, csrf): 200 the receipt; 400 the form again with
 * an error summary (a bad choice, comment or CSRF value, or a foreign origin; nothing stored);
 * 404 / 409 / 410 as for GET.
 */
export async function postActionPage(deps: ActionPageDeps, input: PostedAction): Promise<ActionPageResult> {
  const now = deps.clock.now();
  const link = await resolveActionLink(deps, input.rawToken, now);
  const tokenHash = link.ok ? link.context.tokenHash : link.tokenHash;
  const verified = tokenHash !== undefined && (await postVerified(deps, tokenHash, input));
  if (!link.ok) {
    if (verified) await retryRefusedAction(deps, link, now);
    return problemPage(link.problem, pickLanguage(input.signals, link.token?.language), link.newerLink);
  }
  const { context } = link;
  const lang = pickLanguage(input.signals, context.token.language);
  const values = formValues(input.form);
  const errors = verified ? validate(context, values) : [FORM_EXPIRED];
  if (errors.length > 0) {
    const view = await formView(deps, await actionRequest(deps, context), context.tokenHash);
    const body = actionFormPage({ view, lang, errors, values });
    return { status: 400, body, cookies: [], lang, outcome: { kind: 'rejected', fields: errors.map((e) => e.field) } };
  }
  const comment = normaliseComment(values.comment);
  const answer = { choice: values.choice as Choice, ...(comment ? { comment } : {}) };
  const result = await recordAction(deps, context, answer, now);
  if (result.kind === 'problem') return problemPage(result.problem, lang);
  const body = actionReceiptPage(result.receipt, lang);
  return { status: 200, body, cookies: [], lang, outcome: { kind: 'recorded', next: result.receipt.next } };
}

function problemPage(problem: LinkProblem, lang: Language, newerLink?: CurrentLink): ActionPageResult {
  const body = linkProblemPage(problem, lang, newerLink);
  return { status: LINK_PROBLEM_STATUS[problem], body, cookies: [], lang, outcome: { kind: 'refused', problem } };
}

async function formView(deps: ActionCsrfDeps, request: ActionRequest, tokenHash: string): Promise<ActionFormView> {
  const csrf = csrfToken(deps.hmacSha256Hex, await deps.secrets.getActionKey(), tokenHash);
  return { ...request, csrf, commentMax: MAX_COMMENT_LENGTH };
}

/**
 * Whether the post came from the link's own page. Under Referrer-Policy no-referrer browsers
 * send `Origin: null` for the form post; the HMAC CSRF value is the real check, a foreign
 * origin is refused outright.
 */
async function postVerified(deps: ActionPageDeps, tokenHash: string, input: PostedAction): Promise<boolean> {
  if (!originAllowed(input.origin, deps.allowedOrigin)) return false;
  return csrfMatches(deps.hmacSha256Hex, await deps.secrets.getActionKey(), tokenHash, input.form.csrf);
}

function formValues(form: PostedAction['form']): FormValues {
  return {
    ...(typeof form.choice === 'string' && form.choice !== '' ? { choice: form.choice } : {}),
    ...(typeof form.comment === 'string' ? { comment: form.comment } : {}),
  };
}

/** NFC, CRLF → LF, trimmed; empty means no comment. */
function normaliseComment(comment: string | undefined): string | undefined {
  const text = comment?.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : text;
}

function validate(context: ActionContext, values: FormValues): FormError[] {
  const errors: FormError[] = [];
  if (values.choice === undefined) errors.push({ field: 'choice', key: 'pages.action.errors.choiceRequired' });
  else if (!(context.token.allowedChoices as readonly string[]).includes(values.choice)) {
    errors.push({ field: 'choice', key: 'pages.action.errors.choiceNotAllowed' });
  }
  const comment = normaliseComment(values.comment);
  if (comment !== undefined && comment.length > MAX_COMMENT_LENGTH) {
    errors.push({ field: 'comment', key: 'pages.action.errors.commentTooLong', params: { max: MAX_COMMENT_LENGTH } });
  } else if (comment !== undefined) {
    // As application texts (shared/domain/text.ts): multi-line, no other control characters.
    const problem = textProblem(comment, true);
    if (problem === 'unpairedSurrogate') errors.push({ field: 'comment', key: 'error.field.unpairedSurrogate' });
    if (problem === 'controlCharacters') errors.push({ field: 'comment', key: 'pages.action.errors.commentInvalid' });
  }
  return errors;
}
