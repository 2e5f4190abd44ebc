/**
 * The one home of what a free text may contain, shared by the application schema, the action
 * pages' comments and the secretariat's and applicant's reasons. Each check scans for a single
 * forbidden code unit (no alternation per character), so its cost is linear and it cannot
 * exhaust the regex engine's stack on long input; callers bound the length first.
 */

// No C0/C1 control characters (Unicode Cc), and no bidi embedding/override/isolate controls,
// which could make a title read differently in an approver's e-mail. Multi-line text keeps
// tab and line feed.
const CONTROL_SINGLE_LINE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_MULTI_LINE = /[^\P{Cc}\t\n]|[\u202a-\u202e\u2066-\u2069]/u;

// Without the u flag the pattern sees UTF-16 code units: a high surrogate not followed by a
// low one, or a low one not preceded by a high one. Such a string is not Unicode text (it
// cannot be encoded as UTF-8 in e-mails, the journal or DynamoDB without replacement).
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnpairedSurrogate(text: string): boolean {
  return UNPAIRED_SURROGATE.test(text);
}

export function hasControlCharacters(text: string, multiline: boolean): boolean {
  return (multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text);
}

/** What is wrong with a free text's characters, if anything; the unpaired surrogate first. */
export type TextProblem = 'unpairedSurrogate' | 'controlCharacters';

export function textProblem(text: string, multiline: boolean): TextProblem | undefined {
  if (hasUnpairedSurrogate(text)) return 'unpairedSurrogate';
  if (hasControlCharacters(text, multiline)) return 'controlCharacters';
  return undefined;
}
