import { describe, expect, it } from 'vitest';
import { makeHandler as makeJournal } from '../../../functions/show-journal';
import { loadAssets, makeHandler as makeAsset } from '../../../functions/serve-asset';
import { fakePorts } from '../../support/fakes';
import { exampleCase } from '../../support/fixtures/records';
import { httpEvent } from '../../support/http-events';
import { expectPageHeaders } from '../../support/page-headers';

describe('GET /journal', () => {
  it('lists the cases in a table with a caption, newest first, without personal data', async () => {
    const ports = fakePorts();
    await ports.cases.create(exampleCase({ caseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', seq: 1, title: 'Første <sak>' }));
    await ports.cases.create(exampleCase({ caseId: 'cccccccccccccccccccccccccc', seq: 2, at: '2026-03-03T09:00:00.000Z' }));
    const response = await makeJournal(ports)(httpEvent('GET /journal', '/journal', { queryStringParameters: { lang: 'en' } }));
    expect(response.statusCode).toBe(200);
    expectPageHeaders(response);
    const body = response.body;
    expect(body).toContain('<caption id="journal-caption">Cases, newest first</caption>');
    expect(body).toContain('role="region" aria-labelledby="journal-caption" tabindex="0"');
    expect(body.indexOf('2026/0002')).toBeLessThan(body.indexOf('2026/0001'));
    expect(body).toContain('Første &lt;sak&gt;');
    expect(body).toContain('<th scope="row">2026/0001</th>');
    for (const secret of ['aaaaaaaaaaaaaaaaaaaaaaaaaa', 'kari.eksempel@example.org', 'Kari Eksempel']) {
      expect(body).not.toContain(secret);
    }
  });

  it('pages with a next link and shows the first page with a notice for a broken cursor', async () => {
    const ports = fakePorts();
    for (let seq = 1; seq <= 21; seq++) {
      await ports.cases.create(exampleCase({ caseId: String.fromCharCode(96 + seq).repeat(26), seq }));
    }
    const first = await makeJournal(ports)(httpEvent('GET /journal', '/journal'));
    expect(first.body).toMatch(/href="\/journal\?cursor=[^"]+" rel="next"/);
    const broken = await makeJournal(ports)(httpEvent('GET /journal', '/journal', { queryStringParameters: { cursor: '!!' } }));
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('Lenken til denne siden av journalen er ugyldig');
  });
});

describe('GET /assets/{file}', () => {
  const get = (handler: ReturnType<typeof makeAsset>, file: string, headers: Record<string, string> = {}) =>
    handler(httpEvent('GET /assets/{file}', `/assets/${file}`, { pathParameters: { file }, headers }));

  it('serves Designsystemet (theme and components) and the app rules as one stylesheet, revalidated by ETag', async () => {
    const handler = makeAsset(loadAssets);
    const response = await get(handler, 'app.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('--ds-color-neutral-background-default');
    expect(response.body).toContain('.ds-error-summary');
    expect(response.body).toContain('.app-facts');
    // The app's rules come last so they override Designsystemet's layers.
    expect(response.body.indexOf('.app-facts')).toBeGreaterThan(response.body.indexOf('.ds-error-summary'));
    const etag = response.headers.etag ?? '';
    expect((await get(handler, 'app.css', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('answers 404 for anything else and 500 (then retries) when loading fails', async () => {
    expect((await get(makeAsset(loadAssets), '..%2Fpackage.json')).statusCode).toBe(404);
    let calls = 0;
    const flaky = makeAsset(async () => {
      calls++;
      if (calls === 1) throw new Error('disk');
      return new Map([['app.css', { contentType: 'text/css; charset=utf-8', body: 'x{}', etag: '"e"' }]]);
    });
    expect((await get(flaky, 'app.css')).statusCode).toBe(500);
    expect((await get(flaky, 'app.css')).body).toBe('x{}');
  });
});
