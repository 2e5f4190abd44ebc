import { t } from '../i18n';
import type { EmailContent } from './content';
import { singleLine } from './headers';
import { bodyName } from './labels';

export function greeting(content: EmailContent): string {
  const name = content.recipientName === undefined ? '' : singleLine(content.recipientName);
  return name === ''
    ? t(content.lang, 'email.greeting.anonymous')
    : t(content.lang, 'email.greeting.named', { name });
}

/** "Why you got this e-mail" (footer). */
export function footerReason(content: EmailContent): string {
  const { audience, lang } = content;
  switch (audience.kind) {
    case 'applicant':
      return t(lang, 'email.footer.reason.applicant');
    case 'secretariat':
      return t(lang, 'email.footer.reason.secretariat');
    case 'member':
      return t(lang, 'email.footer.reason.member', { body: bodyName(audience.bodyId, lang) });
    case 'observer':
      return t(lang, 'email.footer.reason.observer');
  }
}
