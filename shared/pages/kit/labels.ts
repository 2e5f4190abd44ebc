import type { Choice, Language, RequestKind } from '../../kernel/ids';
import { choiceLabel } from '../../email/labels';
import { t } from '../../i18n';

/**
 * A choice as the answering member reads it. In a vote, `no_comment` is the abstention
 * (shared/domain/process.ts: the member takes part but votes for nothing), so it is worded
 * as such; elsewhere the shared wording for choices applies (one wording in pages and e-mails).
 */
export function answerLabel(choice: Choice, ask: RequestKind, lang: Language): string {
  if (choice === 'no_comment' && (ask === 'decision' || ask === 'recommendation')) {
    return t(lang, 'pages.action.choice.abstain');
  }
  // The escalation step's one choice sends the unanswered step out again.
  if (ask === 'escalation' && choice === 'confirm') return t(lang, 'pages.action.choice.resend');
  return choiceLabel(choice, lang);
}
