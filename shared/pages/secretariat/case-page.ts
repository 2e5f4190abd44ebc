import { MAX_COMMENT_LENGTH } from '../../domain/case';
import { type Language, NIVAAER } from '../../kernel/ids';
import { formatCompactDateTime, formatDateTime, formatList } from '../../email/format';
import { html, type SafeHtml } from '../../email/html';
import { bodyName } from '../../email/labels';
import { t } from '../../i18n';
import type { SecretariatCaseView, WaitingUnitView } from '../../use-cases/show-secretariat-case';
import { statementsSection, stepsSection } from '../case/status-page';
import { errorSummary, fieldId, hiddenInputs, type PageFieldError, radioGroup, radioId, textArea } from '../kit/widgets';
import { paths } from '../../config/routes';
import { SECRETARIAT_CSRF_FIELD, secretariatDocument } from './chrome';

/**
 * GET /sekretariat/sak/{caseId}: one case as the secretariat sees it: the facts and
 * contact person, the triage form while the case waits for it (confirm or override the nivå
 * with a reason), who has not answered yet with a reminder button per body, the steps and
 * statements, and the full audit trail.
 */
export const TRIAGE_NIVAA_FIELD = 'nivaa';
export const TRIAGE_REASON_FIELD = 'reason';

export interface CasePageInput {
  lang: Language;
  view: SecretariatCaseView;
  now: string;
  user: string;
  csrf: string;
  /** The outcome of the action just taken (after its redirect), for the status message. */
  notice?: { text: string; color: 'success' | 'warning' };
  /** The triage form as posted, when it is shown again with errors. */
  triage?: { nivaa?: string; reason?: string; errors: readonly PageFieldError[] };
}

const h2 = (id: string, text: string): SafeHtml => html`<h2 class="ds-heading" data-size="sm" id="${id}">${text}</h2>`;

function facts(input: CasePageInput): SafeHtml {
  const { lang, view } = input;
  const s = view.status;
  const rows: Array<[string, string]> = [
    [t(lang, 'pages.case.fact.organisation'), `${s.organisation.name} (${s.organisation.organisationNumber})`],
    [t(lang, 'secretariat.case.contact'), `${view.contact.name}, ${view.contact.email}, ${view.contact.phone}`],
    [t(lang, 'pages.case.fact.status'), s.statusText],
    [t(lang, 'pages.case.fact.nivaa'), t(lang, 'common.nivaa', { nivaa: s.nivaa })],
    [t(lang, 'pages.case.fact.submitted'), formatDateTime(s.submittedAt, lang)],
    [t(lang, 'pages.case.fact.updated'), formatDateTime(s.updatedAt, lang)],
  ];
  return html`<dl class="app-facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function proposal(input: CasePageInput): SafeHtml {
  const { lang, view } = input;
  const p = view.status.proposal;
  const o = view.status.nivaaOverride;
  return html`${h2('proposal-heading', t(lang, 'pages.case.proposal.heading'))}
<p class="ds-paragraph">${t(lang, 'pages.case.proposal.nivaa', { nivaa: t(lang, 'common.nivaa', { nivaa: p.nivaa }) })}
${t(lang, 'secretariat.case.decidingBody', { body: bodyName(p.decidingBody, lang) })}</p>
<ul class="ds-list">${p.reasons.map((r) => html`<li>${r.text}</li>`)}</ul>
${o ? html`<p class="ds-paragraph">${t(lang, 'pages.case.proposal.override', { from: t(lang, 'common.nivaa', { nivaa: o.from }), to: t(lang, 'common.nivaa', { nivaa: o.to }), reason: o.reason })}</p>` : ''}`;
}

/** An escalated step: one button sends it out again; the nivå stays as it is. */
function escalationForm(input: CasePageInput, nivaa: number): SafeHtml {
  const { lang, view } = input;
  return html`<section aria-labelledby="triage-heading">
${h2('triage-heading', t(lang, 'secretariat.escalation.heading'))}
<p class="ds-paragraph">${t(lang, 'secretariat.escalation.intro')}</p>
<form method="post" action="${paths.secretariatTriage(view.status.caseId)}" class="app-form" novalidate>
${hiddenInputs({ [SECRETARIAT_CSRF_FIELD]: input.csrf, [TRIAGE_NIVAA_FIELD]: String(nivaa), [TRIAGE_REASON_FIELD]: '' })}
<button class="ds-button" data-variant="primary" type="submit" id="triage-submit">${t(lang, 'secretariat.escalation.submit')}</button>
</form>
</section>`;
}

function triageForm(input: CasePageInput): SafeHtml | string {
  const { lang, view } = input;
  if (view.triage === null) return '';
  if (view.triage.escalation) return escalationForm(input, view.triage.nivaa);
  const posted = input.triage;
  const errors = posted?.errors ?? [];
  // Only the nivåer whose path the planner can plan for this case; the others say why not.
  const options = view.triage.choices.map((n) => ({
    value: String(n),
    label:
      n === view.triage?.nivaa
        ? t(lang, 'secretariat.triage.keep', { nivaa: n })
        : t(lang, 'secretariat.triage.change', { nivaa: n }),
  }));
  return html`<section aria-labelledby="triage-heading">
${h2('triage-heading', t(lang, 'secretariat.triage.heading'))}
<p class="ds-paragraph">${view.triage.needsConfirmation ? t(lang, 'secretariat.triage.needsConfirmation') : t(lang, 'secretariat.triage.intro')}</p>
<form method="post" action="${paths.secretariatTriage(view.status.caseId)}" class="app-form" novalidate>
${hiddenInputs({ [SECRETARIAT_CSRF_FIELD]: input.csrf })}
${radioGroup({
  name: TRIAGE_NIVAA_FIELD,
  legend: t(lang, 'secretariat.triage.nivaa'),
  // Why a nivå is not offered, read out with the choices (aria-describedby).
  hint: view.triage.unavailable.length > 0 ? view.triage.unavailable.map((u) => u.text).join(' ') : undefined,
  values: { [TRIAGE_NIVAA_FIELD]: posted?.nivaa ?? String(view.triage.nivaa) },
  errors,
  options,
})}
${textArea({
  name: TRIAGE_REASON_FIELD,
  label: t(lang, 'secretariat.triage.reason'),
  hint: t(lang, 'secretariat.triage.reasonHint', { max: MAX_COMMENT_LENGTH }),
  values: { [TRIAGE_REASON_FIELD]: posted?.reason },
  errors,
  rows: 3,
  maxlength: MAX_COMMENT_LENGTH,
})}
<button class="ds-button" data-variant="primary" type="submit" id="triage-submit">${t(lang, 'secretariat.triage.submit')}</button>
</form>
</section>`;
}

/** While the workflow is stopped: one button starts it again (resume-case). */
function resumeForm(input: CasePageInput): SafeHtml | string {
  const { lang, view } = input;
  if (!view.workflowStopped) return '';
  return html`<section aria-labelledby="resume-heading">
${h2('resume-heading', t(lang, 'secretariat.resume.heading'))}
<p class="ds-paragraph">${t(lang, 'secretariat.resume.intro')}</p>
<form method="post" action="${paths.secretariatResume(view.status.caseId)}" class="app-form" novalidate>
${hiddenInputs({ [SECRETARIAT_CSRF_FIELD]: input.csrf })}
<button class="ds-button" data-variant="primary" type="submit" id="resume-submit">${t(lang, 'secretariat.resume.submit')}</button>
</form>
</section>`;
}

function waitingRow(input: CasePageInput, unit: WaitingUnitView): SafeHtml {
  const { lang, view } = input;
  const body = bodyName(unit.bodyId, lang);
  const passed = unit.deadline < input.now;
  const pending = unit.pending.length === 0 ? t(lang, 'secretariat.waiting.nobody') : formatList(unit.pending, lang);
  return html`<tr>
<th scope="row">${body}</th>
<td><form method="post" action="${paths.secretariatRemind(view.status.caseId)}">
${hiddenInputs({ [SECRETARIAT_CSRF_FIELD]: input.csrf, stepId: unit.stepId, unitId: unit.unitId })}
<button class="ds-button" data-variant="secondary" data-size="sm" type="submit"${unit.pending.length === 0 ? html` disabled` : ''}>${t(lang, 'secretariat.waiting.remind', { body })}</button>
</form></td>
<td>${unit.stepText}</td>
<td>${t(lang, 'secretariat.waiting.answered', { answered: unit.answered, recipients: unit.recipients })}</td>
<td>${pending}</td>
<td>${formatCompactDateTime(unit.deadline, lang)}${passed ? html` <span class="ds-tag" data-color="danger">${t(lang, 'secretariat.list.overdue')}</span>` : ''}</td>
<td>${unit.remindersLeft}</td>
</tr>`;
}

function waiting(input: CasePageInput): SafeHtml {
  const { lang, view } = input;
  if (view.waiting.length === 0) {
    return html`${h2('waiting-heading', t(lang, 'secretariat.waiting.heading'))}<p class="ds-paragraph">${t(lang, 'secretariat.waiting.none')}</p>`;
  }
  const headers = (['body', 'action', 'step', 'answers', 'pending', 'deadline', 'remindersLeft'] as const).map(
    (key) => html`<th scope="col">${t(lang, `secretariat.waiting.${key}`)}</th>`,
  );
  return html`${h2('waiting-heading', t(lang, 'secretariat.waiting.heading'))}
<p class="ds-paragraph">${t(lang, 'secretariat.waiting.intro')}</p>
<div class="app-table-scroll" role="region" aria-labelledby="waiting-caption" tabindex="0"><table class="ds-table" id="waiting">
<caption id="waiting-caption">${t(lang, 'secretariat.waiting.caption')}</caption>
<thead><tr>${headers}</tr></thead>
<tbody>${view.waiting.map((u) => waitingRow(input, u))}</tbody>
</table></div>`;
}

function audit(input: CasePageInput): SafeHtml {
  const { lang, view } = input;
  const rows = view.audit.map(
    (e) => html`<tr><td>${formatCompactDateTime(e.at, lang)}</td><td>${e.typeText}</td>
<td>${e.actorText}${e.actorId ? html` (${e.actorId})` : ''}</td><td>${e.details.join('; ')}</td><td class="app-pre-line">${e.comment ?? ''}</td></tr>`,
  );
  const headers = (['date', 'event', 'actor', 'details', 'comment'] as const).map(
    (key) => html`<th scope="col">${t(lang, `secretariat.audit.${key}`)}</th>`,
  );
  return html`${h2('audit-heading', t(lang, 'secretariat.audit.heading'))}
<div class="app-table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0"><table class="ds-table" id="audit">
<caption id="audit-caption">${t(lang, 'secretariat.audit.caption')}</caption>
<thead><tr>${headers}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** SES said these e-mails did not arrive: the member must be reached another way. */
function undeliverable(input: CasePageInput): SafeHtml | string {
  const { lang, view } = input;
  if (view.undeliverable.length === 0) return '';
  const items = view.undeliverable.map(
    (u) => html`<li>${t(lang, 'secretariat.undeliverable.item', { name: u.memberName, date: formatDateTime(u.at, lang) })}</li>`,
  );
  return html`<div class="ds-alert" data-color="warning" id="undeliverable"><ul class="ds-list">${items}</ul></div>`;
}

function outcome(input: CasePageInput): SafeHtml | string {
  const o = input.view.status.outcome;
  if (!o) return '';
  const { lang } = input;
  const color = o.status === 'approved' ? 'success' : o.status === 'refused' ? 'danger' : 'info';
  return html`<div class="ds-alert" data-color="${color}"><p class="ds-paragraph">${t(lang, 'pages.case.outcome.text', { status: o.statusText, date: formatDateTime(o.at, lang) })}
${o.bodyId ? t(lang, 'pages.case.outcome.by', { body: bodyName(o.bodyId, lang) }) : ''}</p></div>`;
}

export function secretariatCasePage(input: CasePageInput): string {
  const { lang, view } = input;
  const s = view.status;
  const heading = t(lang, 'secretariat.case.heading', { caseNumber: s.caseNumber, title: s.title });
  const errors = input.triage?.errors ?? [];
  // The summary links to the first radio button the form offers.
  const firstChoice = view.triage?.choices[0] ?? NIVAAER[0];
  const summary = errorSummary(
    t(lang, 'secretariat.triage.errorsHeading'),
    errors.map((e) => ({
      href: e.field === TRIAGE_NIVAA_FIELD ? `#${radioId(TRIAGE_NIVAA_FIELD, String(firstChoice))}` : `#${fieldId(e.field)}`,
      text: e.text,
    })),
  );
  const main = html`<p class="ds-paragraph"><a class="ds-link" href="${paths.secretariat()}">${t(lang, 'secretariat.case.back')}</a></p>
<h1 class="ds-heading" data-size="lg">${heading}</h1>
${input.notice ? html`<div class="ds-alert" data-color="${input.notice.color}" role="status"><p class="ds-paragraph" id="notice">${input.notice.text}</p></div>` : ''}
${outcome(input)}
${undeliverable(input)}
${facts(input)}
${resumeForm(input)}
${triageForm(input)}
${h2('need-heading', t(lang, 'secretariat.case.need'))}
<p class="ds-paragraph app-pre-line">${view.description}</p>
${proposal(input)}
${waiting(input)}
${stepsSection(s, lang)}
${statementsSection(s.statements, lang)}
${audit(input)}
<p class="ds-paragraph"><a class="ds-link" href="${paths.caseStatus(s.caseId)}">${t(lang, 'secretariat.case.applicantPage')}</a></p>`;
  return secretariatDocument({ lang, title: heading, user: input.user, csrf: input.csrf, current: 'case', summary, main });
}
