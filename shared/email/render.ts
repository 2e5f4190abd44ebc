import type { EmailContent } from './content';
import { sanitizeSubject } from './headers';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import type { RenderedEmail } from './types';

export function renderEmail(content: EmailContent): RenderedEmail {
  const subject = sanitizeSubject(content.subject);
  return { subject, text: renderText(content), html: renderHtml(content, subject) };
}
