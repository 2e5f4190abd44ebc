import { t } from '../i18n';
import type { Block, EmailContent } from './content';
import { multiLine, singleLine } from './headers';
import { footerReason, greeting } from './render-common';

/** Plain-text part: the same content, readable in any client and by screen readers. */
function block(b: Block, lang: EmailContent['lang']): string {
  switch (b.type) {
    case 'paragraph':
      return singleLine(b.text);
    case 'facts':
      return b.items.map((f) => `${singleLine(f.label)}: ${singleLine(f.value)}`).join('\n');
    case 'list':
      return [singleLine(b.intro), ...b.items.map((item) => `- ${singleLine(item)}`)].join('\n');
    case 'quote':
      return [
        `${singleLine(b.label)}:`,
        ...multiLine(b.text)
          .split('\n')
          .map((line) => `> ${line}`),
      ].join('\n');
    case 'action':
      return [
        `${singleLine(b.label)}:`,
        b.url,
        '',
        t(lang, 'email.action.safeNote'),
        ...(b.personal ? [t(lang, 'email.action.personal')] : []),
      ].join('\n');
    case 'link':
      return [`${singleLine(b.label)}:`, b.url, ...(b.note ? [singleLine(b.note)] : [])].join('\n');
  }
}

export function renderText(content: EmailContent): string {
  const { lang } = content;
  const parts = [
    singleLine(content.heading),
    greeting(content),
    ...content.blocks.map((b) => block(b, lang)),
    [
      '-- ',
      footerReason(content),
      t(lang, 'email.footer.automatic'),
      t(lang, 'email.footer.sender'),
    ].join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}
