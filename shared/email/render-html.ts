import { t } from '../i18n';
import type { Block, EmailContent, Fact } from './content';
import { multiLine, singleLine } from './headers';
import { html, type SafeHtml } from './html';
import { footerReason, greeting } from './render-common';

/**
 * HTML part: a single-column table layout with inline styles (what mail clients render
 * reliably), the lang attribute for screen readers, a hidden preheader, and colours with
 * at least 4.5:1 contrast (WCAG 2.1 AA).
 */
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT = `${FONT}font-size:16px;line-height:1.5;color:#1e2b3c;`;
const P = 'margin:0 0 16px;';

function facts(items: readonly Fact[]): SafeHtml {
  const rows = items.map(
    (f) => html`<tr>
<th scope="row" align="left" valign="top" style="${TEXT}padding:4px 16px 4px 0;font-weight:bold;white-space:nowrap;">${singleLine(f.label)}</th>
<td valign="top" style="${TEXT}padding:4px 0;">${singleLine(f.value)}</td>
</tr>`,
  );
  return html`<table cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">${rows}</table>`;
}

function lines(text: string): SafeHtml[] {
  return multiLine(text)
    .split('\n')
    .map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
}

function block(b: Block, lang: EmailContent['lang']): SafeHtml {
  switch (b.type) {
    case 'paragraph':
      return html`<p style="${P}">${singleLine(b.text)}</p>`;
    case 'facts':
      return facts(b.items);
    case 'list':
      return html`<p style="margin:0 0 8px;">${singleLine(b.intro)}</p>
<ul style="margin:0 0 16px;padding-left:24px;">${b.items.map((item) => html`<li style="margin:0 0 4px;">${singleLine(item)}</li>`)}</ul>`;
    case 'quote':
      return html`<p style="margin:0 0 4px;font-weight:bold;">${singleLine(b.label)}</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #6b7785;background-color:#f4f5f6;">${lines(b.text)}</blockquote>`;
    case 'action':
      return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
<tr><td style="background-color:#0062ba;border-radius:4px;">
<a href="${b.url}" style="${FONT}display:inline-block;padding:12px 24px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;">${singleLine(b.label)}</a>
</td></tr></table>
<p style="${P}"><strong>${t(lang, 'email.action.safeNote')}</strong></p>
<p style="margin:0 0 4px;font-size:14px;">${t(lang, 'email.action.fallback')}</p>
<p style="${P}font-size:14px;word-break:break-all;"><a href="${b.url}" style="color:#0062ba;">${b.url}</a></p>
${b.personal ? html`<p style="${P}font-size:14px;">${t(lang, 'email.action.personal')}</p>` : ''}`;
    case 'link':
      return html`<p style="${P}"><a href="${b.url}" style="color:#0062ba;font-weight:bold;">${singleLine(b.label)}</a><br>
<span style="font-size:14px;word-break:break-all;">${b.url}</span></p>
${b.note ? html`<p style="${P}font-size:14px;">${singleLine(b.note)}</p>` : ''}`;
  }
}

export function renderHtml(content: EmailContent, subject: string): string {
  const { lang } = content;
  const doc = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f6;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${singleLine(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
<tr><td style="${FONT}padding:16px 32px;background-color:#1e2b3c;color:#ffffff;font-size:18px;font-weight:bold;">${t(lang, 'common.appName')}</td></tr>
<tr><td style="${TEXT}padding:32px;">
<h1 style="${FONT}margin:0 0 16px;font-size:24px;line-height:1.3;color:#1e2b3c;">${singleLine(content.heading)}</h1>
<p style="${P}">${greeting(content)}</p>
${content.blocks.map((b) => block(b, lang))}
</td></tr>
<tr><td style="${FONT}padding:16px 32px 24px;border-top:1px solid #c6cbd1;font-size:14px;line-height:1.5;color:#4b5563;">
<p style="margin:0 0 8px;">${footerReason(content)}</p>
<p style="margin:0 0 8px;">${t(lang, 'email.footer.automatic')}</p>
<p style="margin:0;">${t(lang, 'email.footer.sender')}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return doc.value;
}
