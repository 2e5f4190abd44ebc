import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/adapters/crypto';
import { makeHandler as makeGetCaseStatus } from '../../functions/get-case-status';
import { makeHandler as makeShowForm } from '../../functions/show-form';
import { makeHandler as makeSubmitApplication } from '../../functions/submit-application';
import { makeHandler as makeSubmitForm } from '../../functions/submit-form';
import { makeHandler as makeWithdraw } from '../../functions/withdraw-case';
import { formBody } from '../../functions/http/request';
import { hasUnpairedSurrogate } from '../../shared/domain/text';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http/limits';
import { PROBLEM_CONTENT_TYPE } from '../../shared/http/problem';
import { t } from '../../shared/i18n';
import { makeLinks } from '../../shared/ports/links';
import { CASE_ID, storeCase } from '../support/case-api-setup';
import { fakePorts } from '../support/fakes';
import { exampleApplication } from '../support/fixtures/application';
import { call as callPage, getEvent, postEvent, singleDeciderLink, snapshot } from '../support/action-link-setup';
import { httpEvent, jsonEvent } from '../support/http-events';
import { formPost, pageDeps, validFields } from '../support/page-headers';

const ROUTE = 'POST /api/applications';

function api() {
  const ports = fakePorts();
  const handler = makeSubmitApplication({ ...ports, links: makeLinks('https://flyt.example.org'), sha256Hex });
  return { ports, handler };
}

const parsed = (body: unknown) => JSON.parse(String(body)) as Record<string, unknown>;

describe('JSON API bodies', () => {
  it.each([
    ['text/plain', 'a cross-site form can send it without a preflight'],
    ['application/x-www-form-urlencoded', 'a plain HTML form'],
    ['multipart/form-data; boundary=x', 'a file upload form'],
    ['application/json; charset=latin1', 'another charset'],
    ['', 'no content type at all'],
  ])('refuses Content-Type %j (%s) with 415 problem+json and creates no case', async (contentType) => {
    const { ports, handler } = api();
    const headers: Record<string, string> = { 'accept-language': 'en', ...(contentType ? { 'content-type': contentType } : {}) };
    const res = await handler(httpEvent(ROUTE, '/api/applications', { body: JSON.stringify(exampleApplication()), headers }));
    expect(res.statusCode).toBe(415);
    expect(res.headers?.['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(parsed(res.body)).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      type: 'https://beslutningsflyt.ks.no/problems/unsupported-media-type',
      title: t('en', 'error.unsupported_media_type.title'),
      detail: t('en', 'error.unsupported_media_type.detail', { expected: 'application/json' }),
    });
    expect(ports.cases.all()).toEqual([]);
    expect(ports.workflow.executions.size).toBe(0);
  });

  it('accepts application/json with a utf-8 charset parameter', async () => {
    const { handler } = api();
    const body = JSON.stringify(exampleApplication());
    const res = await handler(httpEvent(ROUTE, '/api/applications', { body, headers: { 'content-type': 'Application/JSON; charset="UTF-8"' } }));
    expect(res.statusCode).toBe(201);
  });

  it('refuses a text/plain withdrawal: the case stays open', async () => {
    const ports = fakePorts();
    const stored = await storeCase(ports, ['triage']);
    const handler = makeWithdraw(ports);
    const path = `/api/cases/${CASE_ID}/withdraw`;
    const res = await handler({
      ...httpEvent('POST /api/cases/{caseId}/withdraw', path, { body: '{}', headers: { 'content-type': 'text/plain' } }),
      pathParameters: { caseId: CASE_ID },
    });
    expect(res.statusCode).toBe(415);
    expect(await ports.cases.get(CASE_ID)).toEqual(stored);
  });

  it('answers a body over the limit with 413 problem+json before parsing it, in the request language', async () => {
    const { ports, handler } = api();
    // ~9 MB of need description: under API Gateway's 10 MB, far over our own limit.
    const application = { ...exampleApplication(), needDescription: `${'a\n'.repeat(4_500_000)}\u0007` };
    const res = await handler(jsonEvent(ROUTE, '/api/applications', application, { 'accept-language': 'nn' }));
    expect(res.statusCode).toBe(413);
    expect(res.headers?.['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(parsed(res.body)).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      detail: t('nn', 'error.payload_too_large.detail', { max: MAX_REQUEST_BODY_BYTES }),
    });
    expect(ports.cases.all()).toEqual([]);
  });

  it('answers a too-long need description under the body limit with 400 (not 500)', async () => {
    const { handler } = api();
    const application = { ...exampleApplication(), needDescription: `${'a\n'.repeat(60_000)}\u0007` };
    const res = await handler(jsonEvent(ROUTE, '/api/applications', application));
    expect(res.statusCode).toBe(400);
    expect(parsed(res.body).errors).toEqual([expect.objectContaining({ pointer: '/needDescription', code: 'application.text.tooLong' })]);
  });

  it('rejects a lone surrogate with 400 and a localized message', async () => {
    const { ports, handler } = api();
    const res = await handler(
      httpEvent(ROUTE, '/api/applications', {
        body: JSON.stringify(exampleApplication()).replace('"title":"', '"title":"\\ud800'),
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(parsed(res.body).errors).toEqual([
      { pointer: '/title', code: 'application.text.unpairedSurrogate', message: t('en', 'application.text.unpairedSurrogate') },
    ]);
    expect(ports.cases.all()).toEqual([]);
  });

  it('rejects a lone surrogate in a withdrawal reason and keeps the case', async () => {
    const ports = fakePorts();
    const stored = await storeCase(ports, ['triage']);
    const res = await makeWithdraw(ports)({
      ...httpEvent('POST /api/cases/{caseId}/withdraw', '/x', {
        body: '{"reason":"Halv \\udc00"}',
        headers: { 'content-type': 'application/json' },
      }),
      pathParameters: { caseId: CASE_ID },
    });
    expect(res.statusCode).toBe(400);
    expect(parsed(res.body).errors).toEqual([expect.objectContaining({ pointer: '/reason', code: 'error.field.unpairedSurrogate' })]);
    expect(await ports.cases.get(CASE_ID)).toEqual(stored);
  });
});

describe('page form bodies', () => {
  it('refuses a form post that is not x-www-form-urlencoded with a 415 page, storing nothing', async () => {
    const deps = pageDeps();
    const handler = makeSubmitForm(deps);
    const event = formPost('POST /', '/', validFields(), { origin: 'https://beslutningsflyt.example.org' });
    const res = await handler({ ...event, headers: { ...event.headers, 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain(t('nb', 'error.unsupported_media_type.title'));
    expect(deps.cases.all()).toEqual([]);
  });

  it('refuses an oversized form post with a 413 page', async () => {
    const deps = pageDeps();
    const res = await makeSubmitForm(deps)(formPost('POST /', '/', validFields({ needDescription: 'x'.repeat(MAX_REQUEST_BODY_BYTES) })));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain(t('nb', 'error.payload_too_large.title'));
    expect(deps.cases.all()).toEqual([]);
  });

  it('refuses a text/plain answer on an action link and records nothing', async () => {
    const s = await singleDeciderLink();
    const before = await snapshot(s.ports);
    const event = postEvent(s.raw, { choice: 'approve', csrf: 'x' });
    const res = await callPage(s.record, { ...event, headers: { ...event.headers, 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(await snapshot(s.ports)).toBe(before);
    expect(s.ports.workflow.completions).toEqual([]);
  });
});

describe('form fields', () => {
  it('decode to well-formed text: an encoded lone surrogate becomes replacement characters', () => {
    const event = httpEvent('POST /', '/', {
      body: 'comment=%ED%A0%80x&raw=\ud800',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    const form = formBody(event);
    expect(form.get('comment')).toBe('\ufffd\ufffd\ufffdx');
    expect(hasUnpairedSurrogate(form.get('raw') ?? '')).toBe(false);
  });
});

describe('HEAD and OPTIONS', () => {
  it('answers HEAD on a page like GET, without a body', async () => {
    const handler = makeShowForm(pageDeps());
    const get = await handler(httpEvent('GET /', '/'));
    const head = await handler(httpEvent('HEAD /', '/'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers).toEqual(get.headers);
  });

  it('answers HEAD on an action link without consuming or marking it', async () => {
    const s = await singleDeciderLink();
    const before = await snapshot(s.ports);
    const event = getEvent(s.raw);
    const head = await s.show({ ...event, routeKey: 'HEAD /handling/{token}', requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method: 'HEAD' } } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(await snapshot(s.ports)).toBe(before);
    expect((await s.show(event)).statusCode).toBe(200);
  });

  it('answers HEAD on the JSON API as GET would: 404 for an unknown case, no body', async () => {
    const handler = makeGetCaseStatus(fakePorts());
    const res = await handler({ ...httpEvent('HEAD /api/cases/{caseId}', '/api/cases/x'), pathParameters: { caseId: 'x' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers?.['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.body).toBe('');
  });

  it('answers OPTIONS on the API with 204 and the path methods, running nothing', async () => {
    const { ports, handler } = api();
    const res = await handler(httpEvent('OPTIONS /api/applications', '/api/applications'));
    expect(res.statusCode).toBe(204);
    expect(res.headers?.allow).toBe('POST, OPTIONS');
    expect(res.body).toBe('');
    expect(ports.cases.all()).toEqual([]);
    const status = await makeGetCaseStatus(fakePorts())(httpEvent('OPTIONS /api/cases/{caseId}', '/api/cases/x'));
    expect(status.headers?.allow).toBe('GET, HEAD, OPTIONS');
  });
});
