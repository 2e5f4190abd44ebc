import { describe, expect, it } from 'vitest';
import { hashToken } from '../../functions/adapters/crypto';
import { makeHandler as makeTimeout } from '../../functions/handle-unit-timeout';
import { makeHandler as makeRecordHandler } from '../../functions/record-action';
import { makeHandler as makeShowHandler } from '../../functions/show-action';
import { makeHandler as makeStart } from '../../functions/start-step-unit';
import type { ActionPageDeps } from '../../shared/pages/action/flows';
import { call, csrfFrom, getEvent, postEvent } from '../support/action-link-setup';
import { atConsultation, BASE_URL, SVARUT_BRUKERRAD_EMAILS, workflowSetup } from '../support/workflow-setup';

/**
 * A re-issued action link (a reminder) supersedes the one before it: the old link answers 410
 * with a pointer to the newest e-mail and records nothing; the newest link works.
 */

const LINK = /\/handling\/([A-Za-z0-9_-]{43})/;

async function consultation() {
  const s = await workflowSetup();
  const deps: ActionPageDeps = { ...s.deps, hmacSha256Hex: (key, text) => hashToken(text, key), allowedOrigin: BASE_URL };
  const unit = await atConsultation(s);
  s.ports.workflow.openTask('tk');
  return { ...s, show: makeShowHandler(deps), record: makeRecordHandler(deps), unit };
}

type Setup = Awaited<ReturnType<typeof consultation>>;

function linkTo(s: Setup, address: string, nth: number): string {
  const mail = s.ports.mailer.to(address)[nth];
  const raw = mail && LINK.exec(mail.text)?.[1];
  if (!raw) throw new Error(`No action link in e-mail ${nth} to ${address}`);
  return raw;
}

async function post(s: Setup, raw: string, csrf: string) {
  return call(s.record, postEvent(raw, { csrf, choice: 'support' }));
}

describe('re-issued action links', () => {
  it('after a reminder round the first link answers 410 (GET and POST, nothing recorded) and the newest works', async () => {
    const s = await consultation();
    const member = SVARUT_BRUKERRAD_EMAILS[0]!;
    s.ports.mailer.sent.length = 0;
    await makeStart(s.deps)({ unit: s.unit, taskToken: 'tk' });
    const first = linkTo(s, member, 0);
    // The form was loaded from the first e-mail before the reminder came.
    const firstCsrf = csrfFrom((await call(s.show, getEvent(first))).html);

    s.ports.clock.advance(s.unit.waitSeconds * 1000);
    await makeTimeout(s.deps)({ unit: s.unit });
    const reminder = s.ports.mailer.to(member)[1]!;
    expect(reminder.subject).toMatch(/Påminnelse|Påminning|Reminder/);
    const newest = linkTo(s, member, 1);
    expect(newest).not.toBe(first);

    const before = await s.ports.steps.get(s.caseId, s.unit.stepId);
    const gone = await call(s.show, getEvent(first));
    expect(gone.statusCode).toBe(410);
    expect(gone.html).toMatch(/<h1[^>]*>(Det finnes en nyere lenke|Det finst ei nyare lenkje|There is a newer link)<\/h1>/);
    expect(gone.html).toContain(escapeQuotes(reminder.subject));
    expect(gone.html).not.toContain('name="csrf"');

    const posted = await post(s, first, firstCsrf);
    expect(posted.statusCode).toBe(410);
    expect(await s.ports.steps.get(s.caseId, s.unit.stepId)).toEqual(before);
    expect((await s.ports.cases.get(s.caseId))?.events.filter((e) => e.type === 'statement_given')).toEqual([]);

    const page = await call(s.show, getEvent(newest));
    expect(page.statusCode).toBe(200);
    const recorded = await post(s, newest, csrfFrom(page.html));
    expect(recorded.statusCode).toBe(200);
    const unit = (await s.ports.steps.get(s.caseId, s.unit.stepId))?.units[0];
    expect(unit?.answers.map((a) => a.choice)).toEqual(['support']);
    // Answered through the newest link, the old one now says so rather than "superseded".
    expect((await call(s.show, getEvent(first))).statusCode).toBe(409);
  });
});

/** The page escapes the subject as HTML text. */
function escapeQuotes(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
