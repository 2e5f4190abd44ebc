import type { Language } from '../../kernel/ids';
import { ValidationError } from '../../errors';
import { formatDate } from '../../email/format';
import { html } from '../../email/html';
import { t } from '../../i18n';
import { type GetJournalDeps, getJournal, type JournalPage } from '../../use-cases/get-journal';
import { renderDocument } from '../kit/layout';

/**
 * The public journal, /journal (Eierstrategi ch. 3 "mer offentlighet"): a table of
 * every case without personal data, newest first, paged by the use case's opaque cursor.
 */
export function journalPage(page: JournalPage, lang: Language, notice?: string): string {
  const heading = t(lang, 'pages.journal.heading');
  const rows = page.items.map(
    (row) => html`<tr>
<th scope="row">${row.caseNumber}</th><td>${row.title}</td><td>${row.organisationName}</td>
<td>${t(lang, 'common.nivaa', { nivaa: row.nivaa })}</td><td>${row.statusText}</td>
<td>${formatDate(row.submittedAt, lang)}</td><td>${formatDate(row.closedAt ?? row.updatedAt, lang)}</td>
</tr>`,
  );
  const table =
    page.items.length === 0
      ? html`<p class="ds-paragraph">${t(lang, 'pages.journal.empty')}</p>`
      : html`<div class="app-table-scroll" role="region" aria-labelledby="journal-caption" tabindex="0"><table class="ds-table" data-zebra="true">
<caption id="journal-caption">${t(lang, 'pages.journal.caption')}</caption>
<thead><tr>
<th scope="col">${t(lang, 'pages.journal.caseNumber')}</th><th scope="col">${t(lang, 'pages.journal.title')}</th>
<th scope="col">${t(lang, 'pages.journal.organisation')}</th><th scope="col">${t(lang, 'pages.journal.nivaa')}</th>
<th scope="col">${t(lang, 'pages.journal.status')}</th><th scope="col">${t(lang, 'pages.journal.submitted')}</th>
<th scope="col">${t(lang, 'pages.journal.updated')}</th>
</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  const next = page.nextCursor
    ? html`<nav aria-label="${t(lang, 'pages.journal.pagination')}"><ul class="ds-list app-pager">
<li><a class="ds-link" href="/journal">${t(lang, 'pages.journal.first')}</a></li>
<li><a class="ds-link" href="/journal?cursor=${encodeURIComponent(page.nextCursor)}" rel="next">${t(lang, 'pages.journal.next')}</a></li>
</ul></nav>`
    : '';
  const main = html`<h1 class="ds-heading" data-size="lg">${heading}</h1>
${notice ? html`<div class="ds-alert" data-color="warning"><p class="ds-paragraph">${notice}</p></div>` : ''}
<p class="ds-paragraph">${t(lang, 'pages.journal.intro')}</p>
${table}
${next}
<p class="ds-paragraph"><a class="ds-link" href="/">${t(lang, 'pages.journal.formLink')}</a></p>`;
  return renderDocument({ lang, title: heading, main });
}

/** GET /journal?cursor=: 200; a broken cursor shows the first page with a notice (400). */
export async function showJournal(
  deps: GetJournalDeps,
  input: { cursor: string | undefined; lang: Language },
): Promise<{ status: number; body: string }> {
  const { lang } = input;
  try {
    const page = await getJournal(deps, { query: input.cursor === undefined ? {} : { cursor: input.cursor }, lang });
    return { status: 200, body: journalPage(page, lang) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const first = await getJournal(deps, { query: {}, lang });
    return { status: 400, body: journalPage(first, lang, t(lang, 'pages.journal.badPage')) };
  }
}
