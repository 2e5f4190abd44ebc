import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PAGE_STYLESHEET_FILE } from '../shared/pages/kit/layout';
import { withRouteMethods } from './http/methods';
import { header, pathParam } from './http/request';
import { errorSummary } from './http/response';
import { logger } from './logger';

/**
 * GET /assets/{file}: the pages' one stylesheet (shared/pages/kit/layout.ts PAGE_STYLESHEET),
 * self-hosted so the CSP can say style-src 'self': Designsystemet's theme and components
 * (@digdir/designsystemet-css) followed by the app's own rules. In the Lambda bundle esbuild
 * inlines the CSS files as text (AppFunction's `.css` loader); from source (local runtime,
 * tests) they are read from node_modules and shared/. No table, no secrets, no AWS calls.
 */
export interface AssetFile {
  contentType: string;
  body: string;
  etag: string;
}

export type AssetLoader = () => Promise<ReadonlyMap<string, AssetFile>>;

const STYLESHEET_NAME = PAGE_STYLESHEET_FILE;
const requireHere = createRequire(import.meta.url);

/** From the file next to the source, else from the bundle (where the path does not exist). */
async function cssText(bundled: () => Promise<{ default: unknown }>, file: () => string): Promise<string> {
  try {
    return await readFile(file(), 'utf8');
  } catch {
    const text = (await bundled()).default;
    if (typeof text !== 'string' || text === '') throw new Error('Stylesheet missing from the bundle');
    return text;
  }
}

export const loadAssets: AssetLoader = async () => {
  const parts = await Promise.all([
    cssText(
      () => import('@digdir/designsystemet-css/theme.css'),
      () => requireHere.resolve('@digdir/designsystemet-css/theme.css'),
    ),
    cssText(
      () => import('@digdir/designsystemet-css/index.css'),
      () => requireHere.resolve('@digdir/designsystemet-css/index.css'),
    ),
    cssText(
      () => import('../shared/pages/assets/app.css'),
      () => fileURLToPath(new URL('../shared/pages/assets/app.css', import.meta.url)),
    ),
  ]);
  const body = parts.join('\n');
  return new Map([[STYLESHEET_NAME, { contentType: 'text/css; charset=utf-8', body, etag: etagOf(body) }]]);
};

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 27)}"`;
}

interface AssetResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const COMMON = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' };

export function makeHandler(load: AssetLoader) {
  let assets: Promise<ReadonlyMap<string, AssetFile>> | undefined;
  return withRouteMethods(async (event: APIGatewayProxyEventV2): Promise<AssetResponse> => {
    try {
      assets ??= load();
      const file = (await assets).get(pathParam(event, 'file') ?? '');
      if (!file) {
        return { statusCode: 404, headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: 'Not found' };
      }
      // Unversioned URL: browsers revalidate hourly, and a 304 costs no body.
      const headers = { ...COMMON, 'content-type': file.contentType, 'cache-control': 'public, max-age=3600', etag: file.etag };
      if (header(event, 'if-none-match') === file.etag) return { statusCode: 304, headers, body: '' };
      return { statusCode: 200, headers, body: file.body };
    } catch (error) {
      assets = undefined; // try again on the next request
      logger.error('asset failed', { error: errorSummary(error) });
      return { statusCode: 500, headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: 'Internal error' };
    }
  });
}

export const handler = makeHandler(loadAssets);
