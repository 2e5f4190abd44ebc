import { type RecordActionDeps, recordAction } from '../shared/use-cases/record-action';
import { actionFormPage } from '../shared/pages/action/form-page';
import { pickLanguage } from '../shared/pages/kit/language';
import { pageResponse } from '../shared/pages/kit/response';
import { actionReceiptPage } from '../shared/pages/action/result-pages';
import { actionLinkDeps } from './adapters/handler-deps';
import { formBody, header, pathParam } from './http/request';
import { errorSummary } from './http/response';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';
import { htmlPage, linkProblemResponse, remember } from './show-action';

/**
 * POST /handling/{token} (form fields choice, comment?, csrf) → 200 receipt page; 400 the
 * form again with an error summary (bad choice, comment or CSRF; nothing stored); 404 / 409
 * / 410 as for GET. Records the answer exactly once (issue 3).
 */
export function makeHandler(deps: Deps<RecordActionDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('record-action', async (event, signals) => {
    const form = formBody(event);
    const result = await recordAction(
      { onSettleError: logSettleError, ...get() },
      {
        rawToken: pathParam(event, 'token') ?? '',
        origin: header(event, 'origin'),
        form: { choice: form.get('choice'), comment: form.get('comment'), csrf: form.get('csrf') },
      },
    );
    const lang = pickLanguage(signals, result.recipientLanguage);
    switch (result.kind) {
      case 'problem':
        return linkProblemResponse(result.problem, lang, signals);
      case 'invalid':
        logger.info('action form rejected', { fields: result.errors.map((e) => e.field) });
        return pageResponse(
          400,
          actionFormPage({ view: result.view, lang, errors: result.errors, values: result.values }),
          lang,
          remember(signals),
        );
      case 'recorded':
        logger.info('action recorded', { next: result.view.next });
        return pageResponse(200, actionReceiptPage(result.view, lang), lang, remember(signals));
    }
  });
}

export const handler = makeHandler(actionLinkDeps);

function logSettleError(what: 'markUsed' | 'sendTaskSuccess', error: unknown): void {
  const level = what === 'markUsed' ? 'info' : 'error';
  logger[level]('action settled partly', { step: what, error: errorSummary(error) });
}
