import { describe, expect, it } from 'vitest';
import { makeHandler as makeShowForm } from '../../../functions/show-form';
import { makeHandler as makeSubmitForm } from '../../../functions/submit-form';
import { FIELD_ORDER } from '../../../shared/pages/form/application-fields';
import { fieldId } from '../../../shared/pages/kit/widgets';
import { httpEvent } from '../../support/http-events';
import { BASE_URL, expectPageHeaders, formPost, hiddenValue, ids, pageDeps, setCookies, summaryLinks, validFields } from '../../support/page-headers';

async function openForm(deps = pageDeps(), query?: Record<string, string>) {
  const response = await makeShowForm(deps)(httpEvent('GET /', '/', query ? { queryStringParameters: query } : {}));
  const nonce = setCookies(response).form_nonce ?? '';
  return {
    deps,
    response,
    cookies: [`form_nonce=${nonce}`],
    csrf: hiddenValue(response.body, 'csrf'),
    submission: hiddenValue(response.body, 'submission'),
  };
}

async function submit(form: Awaited<ReturnType<typeof openForm>>, fields: Record<string, string>, origin?: string) {
  const event = formPost('POST /', '/', { csrf: form.csrf, submission: form.submission, ...fields }, {
    cookies: form.cookies,
    ...(origin === undefined ? {} : { origin }),
  });
  return makeSubmitForm(form.deps)(event);
}

describe('GET / (application form)', () => {
  it('renders every field with a label or legend, in bokmål by default, with the page headers and a nonce cookie', async () => {
    const { response } = await openForm();
    expect(response.statusCode).toBe(200);
    expectPageHeaders(response);
    expect(response.body).toContain('<html lang="nb">');
    expect(response.body.match(/<h1[\s>]/g)).toHaveLength(1);
    const cookie = (response.cookies ?? []).find((c) => c.startsWith('form_nonce='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    for (const name of FIELD_ORDER) {
      const id = fieldId(name);
      // A text control has <label for=id>; a radio group is a fieldset with this id and a legend.
      const labelled = response.body.includes(`<label class="ds-label" for="${id}">`);
      const group = new RegExp(`<fieldset class="ds-fieldset" id="${id}"[^>]*>\\s*<legend`).test(response.body);
      expect(labelled || group, name).toBe(true);
    }
    expect(response.body).toContain('aria-describedby="f-title-hint"');
  });

  it('switches language with ?lang= and remembers it in the lang cookie', async () => {
    const { response } = await openForm(pageDeps(), { lang: 'nn' });
    expect(response.body).toContain('<html lang="nn">');
    expect(response.body).toContain('Meld inn behov eller søk om DigiFin-midlar');
    expect(setCookies(response).lang).toBe('nn');
  });

  it('reuses a valid nonce cookie instead of setting a new one', async () => {
    const first = await openForm();
    const again = await makeShowForm(first.deps)(httpEvent('GET /', '/', { cookies: first.cookies }));
    expect(setCookies(again).form_nonce).toBeUndefined();
    expect(hiddenValue(again.body, 'csrf')).toBe(first.csrf);
  });
});

describe('POST / (application form sent)', () => {
  it('stores the case from the form fields, starts its workflow and shows the receipt', async () => {
    const form = await openForm();
    const response = await submit(form, validFields());
    expect(response.statusCode).toBe(200);
    expectPageHeaders(response);
    const [stored] = form.deps.cases.all();
    expect(stored?.application).toMatchObject({
      applicant: { name: 'Oslo kommune', kind: 'kommune', organisationNumber: '958935420' },
      contactPerson: { phone: '+4740000000' },
      matter: { kind: 'functionality_change', affectedServiceId: 'svarut', withinAgreedServicePrice: true },
      financing: { digifinGrant: { requested: false } },
      participatingMunicipalities: [
        { name: 'Bergen kommune', organisationNumber: '964338531' },
        { name: 'Trondheim kommune' },
      ],
    });
    expect(stored?.proposal.nivaa).toBe(3);
    expect(form.deps.workflow.executionsOf(stored?.caseId ?? '')).toEqual([`${stored?.caseNumber.replace('/', '-')}-g1`]);
    const body = response.body;
    expect(body).toContain(stored?.caseNumber ?? 'missing');
    expect(body).toContain(`<dd>${stored?.application.title ?? 'missing'}</dd>`);
    expect(body).toContain('Nivå 3');
    expect(body).toContain('Funksjonalitetsendringer innenfor avtalt tjenestepris er nivå 3');
    expect(body).toContain('Høring i brukerrådet (nivå 3)');
    expect(body).toContain('Beslutning hos daglig leder (nivå 3)');
    expect(body).toContain(`href="${BASE_URL}/sak/${stored?.caseId}"`);
  });

  it('gives the same case when the same form is sent twice (reload, double click)', async () => {
    const form = await openForm();
    await submit(form, validFields());
    const second = await submit(form, validFields());
    expect(second.statusCode).toBe(200);
    expect(form.deps.cases.all()).toHaveLength(1);
  });

  it('shows the form again with an error summary and inline errors, and stores nothing', async () => {
    const form = await openForm();
    const response = await submit(form, validFields({ title: '', 'contactPerson.email': 'not-an-email', needSource: '' }));
    expect(response.statusCode).toBe(400);
    expect(form.deps.cases.all()).toEqual([]);
    const body = response.body;
    expect(summaryLinks(body)).toEqual(['f-title', 'f-contactPerson-email', 'f-needSource-samstyring_dialog']);
    for (const target of summaryLinks(body)) expect(ids(body).has(target), target).toBe(true);
    expect(body).toContain('Skriv inn en tittel.');
    expect(body).toContain('E-postadressen er ikke gyldig.');
    expect(body).toMatch(/id="f-title"[^>]*aria-describedby="f-title-hint f-title-error" aria-invalid="true"/);
    expect(body).toContain('id="f-contactPerson-email-error"');
    // What the user typed is kept.
    expect(body).toContain('value="not-an-email"');
    expect(body).toContain('role="alert"');
  });

  it('escapes what the user typed when showing the form again', async () => {
    const form = await openForm();
    const response = await submit(form, validFields({ title: '<script>alert(1)</script>', 'applicant.organisationNumber': '123' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('points errors in the municipalities list at their line', async () => {
    const form = await openForm();
    const response = await submit(form, validFields({ participatingMunicipalities: 'Bergen kommune\n\nTrondheim kommune, 12345' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Linje 3: Organisasjonsnummeret må ha 9 siffer.');
    expect(summaryLinks(response.body)).toEqual(['f-participatingMunicipalities']);
  });

  it('ignores fields that do not apply to the chosen kind of matter', async () => {
    const form = await openForm();
    const response = await submit(
      form,
      validFields({ 'matter.kind': 'new_service', 'financing.digifinGrant.requested': 'yes', 'financing.digifinGrant.amountNok': '1 500 000' }),
    );
    expect(response.statusCode).toBe(200);
    expect(form.deps.cases.all()[0]?.application.matter).toEqual({ kind: 'new_service' });
    expect(form.deps.cases.all()[0]?.application.financing.digifinGrant).toEqual({ requested: true, amountNok: 1_500_000 });
  });

  it('refuses a post without the form token, with a foreign token, or from another origin (403, nothing stored)', async () => {
    const form = await openForm();
    const other = await openForm(form.deps);
    const attempts = [
      await submit({ ...form, csrf: '' }, validFields()),
      await submit({ ...form, csrf: other.csrf }, validFields()),
      await submit({ ...form, cookies: [] }, validFields()),
      await submit(form, validFields(), 'https://evil.example'),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Vi kunne ikke bekrefte at skjemaet kom fra denne siden.');
    }
    expect(form.deps.cases.all()).toEqual([]);
    // The Origin "null" that browsers send under Referrer-Policy: no-referrer is accepted.
    expect((await submit(form, validFields(), 'null')).statusCode).toBe(200);
  });

  it('reports a reused form with different content and gives the form a fresh key', async () => {
    const form = await openForm();
    await submit(form, validFields());
    const response = await submit(form, validFields({ title: 'Noe annet' }));
    expect(response.statusCode).toBe(409);
    expect(hiddenValue(response.body, 'submission')).not.toBe(form.submission);
    expect(form.deps.cases.all()).toHaveLength(1);
  });

  it('answers in English when the form is posted with ?lang=en', async () => {
    const form = await openForm();
    const event = formPost('POST /', '/', { csrf: form.csrf, submission: form.submission, ...validFields({ title: '' }) }, {
      cookies: form.cookies,
      query: { lang: 'en' },
    });
    const response = await makeSubmitForm(form.deps)(event);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Enter a title.');
  });
});
