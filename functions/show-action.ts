import { type ShowActionPageDeps, showActionPage } from '../shared/pages/action/flows';
import { actionLinkDeps } from './adapters/handler-deps';
import { actionPageResponse, htmlPage } from './http/html-page';
import { pathParam } from './http/request';
import { type Deps, resolveDeps } from './lazy';

/**
 * GET /handling/{token} → the confirmation page (200), or 404 unknown link, 410 expired or
 * superseded by a newer e-mailed link, 409 already answered / closed. Never changes anything:
 * mail scanners fetch links before people do.
 */
export function makeHandler(deps: Deps<ShowActionPageDeps>) {
  const get = resolveDeps(deps);
  return htmlPage('show-action', async (event, signals) => {
    const result = await showActionPage(get(), { rawToken: pathParam(event, 'token') ?? '', signals });
    return actionPageResponse(result, signals);
  });
}

export const handler = makeHandler(actionLinkDeps);
