import { type ActionPageDeps, postActionPage } from '../shared/pages/action/flows';
import { actionLinkDeps } from './adapters/handler-deps';
import { actionPageResponse, htmlPage } from './http/html-page';
import { formBody, header, pathParam } from './http/request';
import { errorSummary } from './http/response';
import { type Deps, resolveDeps } from './lazy';
import { logger } from './logger';

/**
 * POST /handling/{token} (form fields choice, comment?, csrf) → 200 receipt page; 400 the
 * form again with an error summary (bad choice, comment or CSRF; nothing stored); 404 / 409
 * / 410 as for GET. Records the answer exactly once.
 */
export function makeHandler(deps: Deps<ActionPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('record-action', async (event, signals) => {
    const form = formBody(event);
    const result = await postActionPage(
      { onSettleError: logSettleError, ...get() },
      {
        rawToken: pathParam(event, 'token') ?? '',
        signals,
        origin: header(event, 'origin'),
        form: { choice: form.get('choice'), comment: form.get('comment'), csrf: form.get('csrf') },
      },
    );
    return actionPageResponse(result, signals);
  });
}

export const handler = makeHandler(actionLinkDeps);

function logSettleError(what: 'markUsed' | 'sendTaskSuccess', error: unknown): void {
  const level = what === 'markUsed' ? 'info' : 'error';
  logger[level]('action settled partly', { step: what, error: errorSummary(error) });
}
