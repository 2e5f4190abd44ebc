import { CASE_STATUSES, type CaseStatus, type Language } from '../../kernel/ids';
import { formatCompactDateTime, formatList } from '../../email/format';
import { html, type SafeHtml } from '../../email/html';
import { bodyName } from '../../email/labels';
import { t } from '../../i18n';
import { statusText } from '../../use-cases/get-journal';
import type { CaseList, CaseRow } from '../../use-cases/list-cases';
import { select } from '../kit/widgets';
import { paths } from '../../config/routes';
import { secretariatDocument } from './chrome';

/**
 * GET /sekretariat: the secretariat's work queue, cases by status and by deadline.
 * By status: every open case, those waiting for triage first; or one chosen status, final
 * ones included. By deadline: the running steps, the earliest deadline first, overdue ones
 * marked. Both come from the list-cases use case (the JSON API's own).
 */
export interface OverviewInput {
  lang: Language;
  list: CaseList;
  status: CaseStatus | undefined;
  /** The request's time: deadlines before it are marked as passed. */
  now: string;
  user: string;
  csrf: string;
  /** A notice, e.g. that a broken page link showed the first page instead. */
  notice?: string;
}

function deadlineCell(row: CaseRow, input: OverviewInput): SafeHtml | string {
  if (row.deadline === null) return '';
  const passed = row.deadline < input.now;
  return html`${formatCompactDateTime(row.deadline, input.lang)}${passed ? html` <span class="ds-tag" data-color="danger">${t(input.lang, 'secretariat.list.overdue')}</span>` : ''}`;
}

function rowOf(row: CaseRow, input: OverviewInput): SafeHtml {
  const { lang } = input;
  const waiting = row.currentStep
    ? `${row.currentStep.kindText}: ${formatList(
        row.currentStep.bodies.map((b) => bodyName(b, lang)),
        lang,
      )}`
    : '';
  const confirm =
    row.status === 'triage' && row.needsConfirmation
      ? html` <span class="ds-tag" data-color="warning">${t(lang, 'secretariat.list.needsConfirmation')}</span>`
      : '';
  return html`<tr>
<th scope="row"><a class="ds-link" href="${paths.secretariatCase(row.caseId)}">${row.caseNumber}</a></th>
<td>${row.title}</td><td>${row.organisation}</td><td>${t(lang, 'common.nivaa', { nivaa: row.nivaa })}</td>
<td>${row.statusText}${confirm}</td><td>${waiting}</td><td>${deadlineCell(row, input)}</td>
<td>${formatCompactDateTime(row.updatedAt, lang)}</td>
</tr>`;
}

function table(input: OverviewInput): SafeHtml {
  const { lang, list } = input;
  if (list.items.length === 0) return html`<p class="ds-paragraph" id="no-cases">${t(lang, 'secretariat.list.empty')}</p>`;
  const caption = list.view === 'deadline' ? t(lang, 'secretariat.list.captionDeadline') : t(lang, 'secretariat.list.captionStatus');
  const headers = (['caseNumber', 'title', 'organisation', 'nivaa', 'status', 'waiting', 'deadline', 'updated'] as const).map(
    (key) => html`<th scope="col">${t(lang, `secretariat.list.${key}`)}</th>`,
  );
  return html`<div class="app-table-scroll" role="region" aria-labelledby="cases-caption" tabindex="0"><table class="ds-table" data-zebra="true" id="cases">
<caption id="cases-caption">${caption}</caption>
<thead><tr>${headers}</tr></thead>
<tbody>${list.items.map((row) => rowOf(row, input))}</tbody>
</table></div>`;
}

function statusFilter(input: OverviewInput): SafeHtml | string {
  const { lang } = input;
  if (input.list.view === 'deadline') return '';
  const options = [
    { value: '', label: t(lang, 'secretariat.list.allOpen') },
    ...CASE_STATUSES.map((s) => ({ value: s, label: statusText(lang, s) })),
  ];
  return html`<form method="get" action="${paths.secretariat()}" class="app-filter">
${select({ name: 'status', label: t(lang, 'secretariat.list.filter'), values: { status: input.status ?? '' }, errors: [], options })}
<button class="ds-button" data-variant="secondary" type="submit">${t(lang, 'secretariat.list.show')}</button>
</form>`;
}

function pager(input: OverviewInput): SafeHtml | string {
  const { lang, list } = input;
  if (list.nextCursor === undefined) return '';
  const params = new URLSearchParams();
  if (list.view === 'deadline') params.set('view', 'deadline');
  if (input.status !== undefined) params.set('status', input.status);
  const first = `${paths.secretariat()}${params.size > 0 ? `?${params}` : ''}`;
  params.set('cursor', list.nextCursor);
  return html`<nav aria-label="${t(lang, 'secretariat.list.pagination')}"><ul class="ds-list app-pager">
<li><a class="ds-link" href="${first}">${t(lang, 'secretariat.list.first')}</a></li>
<li><a class="ds-link" href="${paths.secretariat()}?${params.toString()}" rel="next">${t(lang, 'secretariat.list.next')}</a></li>
</ul></nav>`;
}

export function overviewPage(input: OverviewInput): string {
  const { lang } = input;
  const heading = input.list.view === 'deadline' ? t(lang, 'secretariat.list.headingDeadline') : t(lang, 'secretariat.list.headingStatus');
  const intro = input.list.view === 'deadline' ? t(lang, 'secretariat.list.introDeadline') : t(lang, 'secretariat.list.introStatus');
  const main = html`<h1 class="ds-heading" data-size="lg">${heading}</h1>
${input.notice ? html`<div class="ds-alert" data-color="warning"><p class="ds-paragraph">${input.notice}</p></div>` : ''}
<p class="ds-paragraph">${intro}</p>
${statusFilter(input)}
${table(input)}
${pager(input)}`;
  return secretariatDocument({
    lang,
    title: heading,
    user: input.user,
    csrf: input.csrf,
    current: input.list.view,
    main,
  });
}
