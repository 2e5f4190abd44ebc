import type { Language } from '../../shared/kernel/ids';
import {
  amendmentRequestEmail,
  type CaseSummary,
  consultationRequestEmail,
  deadlinePassedEmail,
  decisionRequestEmail,
  finalOutcomeEmail,
  escalationEmail,
  newCaseEmail,
  receiptEmail,
  recommendationRequestEmail,
  type RenderedEmail,
  reminderEmail,
  stepEndedEmail,
  stepStartedEmail,
  workflowFailureEmail,
} from '../../shared/email';

/** Applicant/member input crafted to break out of HTML, attributes and headers. */
export const HOSTILE = {
  title: 'Ny tjeneste <script>alert("x")</script>\r\nBcc: victim@example.org',
  organisation: `Kommune "><img src=x onerror=alert(1)> & 'co' \`tick\``,
  name: 'Kari\r\nNordmann <b>bold</b>',
  comment: 'Første linje\r\n<a href="javascript:alert(1)">klikk</a>\nSiste linje',
  summary: 'Oppsummering <iframe src="https://evil.example"></iframe>\nlinje 2',
};

export const HOSTILE_FRAGMENTS = ['<script', '<img', '<iframe', '<a href="javascript', '<b>bold'];

export const BASE_URL = 'https://flyt.example.no/';
export const NORMALIZED_BASE = 'https://flyt.example.no';
export const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
export const CASE_ID = 'abcdefghijklmnopqrstuvwxyz';

export const hostileCase: CaseSummary = {
  caseId: CASE_ID,
  caseNumber: '2026/0042',
  title: HOSTILE.title,
  organisationName: HOSTILE.organisation,
  nivaa: 2,
};

/** Summer time in Oslo (UTC+2): 10:00Z is 12:00 local. */
export const DEADLINE = '2026-04-14T10:00:00.000Z';

export interface KindCase {
  name: string;
  /** Does this e-mail ask the recipient to act through a link? */
  action: 'token' | 'status' | null;
  /** May the e-mail carry the applicant's /sak/ link? */
  applicantLink: boolean;
  render: (lang: Language) => RenderedEmail;
}

const base = { baseUrl: BASE_URL, case: hostileCase };

export const KINDS: readonly KindCase[] = [
  {
    name: 'receipt',
    action: null,
    applicantLink: true,
    render: (lang) =>
      receiptEmail(
        {
          ...base,
          contactName: HOSTILE.name,
          reasons: ['classification.reason.newWithPublicFunding', { key: 'common.nivaa', params: { nivaa: 2 } }],
          path: [
            { kind: 'triage', bodies: ['sekretariat'] },
            { kind: 'consultation', bodies: ['samstyringsstrukturen'] },
            { kind: 'decision', bodies: ['styret'] },
          ],
        },
        lang,
      ),
  },
  {
    name: 'new case (triage token)',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      newCaseEmail(
        { ...base, submittedAt: '2026-03-02T08:15:00Z', reasons: [{ key: 'status.submitted' }], token: TOKEN, deadline: DEADLINE },
        lang,
      ),
  },
  {
    name: 'escalation (unanswered step)',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      escalationEmail(
        { ...base, stepText: HOSTILE.name, bodies: ['daglig_leder'], token: TOKEN, deadline: DEADLINE },
        lang,
      ),
  },
  {
    name: 'consultation request',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      consultationRequestEmail(
        {
          ...base,
          recipientName: HOSTILE.name,
          bodyId: 'representasjonsradet',
          summary: HOSTILE.summary,
          deadline: DEADLINE,
          choices: ['support', 'object', 'no_comment'],
          token: TOKEN,
        },
        lang,
      ),
  },
  {
    name: 'decision request',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      decisionRequestEmail(
        {
          ...base,
          recipientName: HOSTILE.name,
          bodyId: 'styret',
          summary: HOSTILE.summary,
          deadline: DEADLINE,
          choices: ['approve', 'reject', 'return', 'lift'],
          token: TOKEN,
          statements: [
            { bodyId: 'samstyringsstrukturen', outcome: 'object', comment: HOSTILE.comment },
            { bodyId: 'representasjonsradet', outcome: 'no_answer' },
          ],
        },
        lang,
      ),
  },
  {
    name: 'recommendation request',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      recommendationRequestEmail(
        {
          ...base,
          bodyId: 'kommit_radet',
          deadline: DEADLINE,
          choices: ['recommend', 'not_recommend'],
          token: TOKEN,
        },
        lang,
      ),
  },
  {
    name: 'amendment request',
    action: 'status',
    applicantLink: true,
    render: (lang) =>
      amendmentRequestEmail(
        {
          ...base,
          contactName: HOSTILE.name,
          bodyId: 'styret',
          comment: HOSTILE.comment,
          deadline: DEADLINE,
          withdrawnIfNoAnswer: true,
        },
        lang,
      ),
  },
  {
    name: 'reminder (decision)',
    action: 'token',
    applicantLink: false,
    render: (lang) =>
      reminderEmail(
        {
          ...base,
          recipientName: HOSTILE.name,
          deadline: DEADLINE,
          audience: { kind: 'member', bodyId: 'styret' },
          action: 'decision',
          token: TOKEN,
        },
        lang,
      ),
  },
  {
    name: 'reminder (amendment)',
    action: 'status',
    applicantLink: true,
    render: (lang) =>
      reminderEmail(
        { ...base, deadline: DEADLINE, audience: { kind: 'applicant' }, action: 'amendment' },
        lang,
      ),
  },
  {
    name: 'step started (applicant)',
    action: null,
    applicantLink: true,
    render: (lang) =>
      stepStartedEmail(
        {
          ...base,
          step: 'consultation',
          bodies: ['representasjonsradet', 'samstyringsstrukturen'],
          deadline: DEADLINE,
          audience: { kind: 'applicant' },
        },
        lang,
      ),
  },
  {
    name: 'step started (observer)',
    action: null,
    applicantLink: false,
    render: (lang) =>
      stepStartedEmail(
        { ...base, step: 'recommendation', bodies: ['kommit_radet'], audience: { kind: 'observer' } },
        lang,
      ),
  },
  {
    name: 'step ended (secretariat)',
    action: null,
    applicantLink: false,
    render: (lang) =>
      stepEndedEmail(
        {
          ...base,
          step: 'decision',
          results: [{ bodyId: 'styret', outcome: 'approve', comment: HOSTILE.comment }],
          audience: { kind: 'secretariat' },
        },
        lang,
      ),
  },
  {
    name: 'deadline passed',
    action: null,
    applicantLink: false,
    render: (lang) =>
      deadlinePassedEmail(
        { ...base, step: 'consultation', bodyId: 'brukerrad', deadline: DEADLINE, recordedOutcome: 'no_answer' },
        lang,
      ),
  },
  ...(['approved', 'refused', 'withdrawn'] as const).map(
    (status): KindCase => ({
      name: `final outcome (${status})`,
      action: null,
      applicantLink: true,
      render: (lang) =>
        finalOutcomeEmail(
          {
            ...base,
            contactName: HOSTILE.name,
            status,
            ...(status === 'withdrawn'
              ? { reason: 'lifecycle.reason.amendmentDeadlinePassed' as const }
              : { decidedBy: 'styret' as const, comment: HOSTILE.comment }),
            decidedAt: '2026-05-01T12:00:00Z',
          },
          lang,
        ),
    }),
  ),
  {
    name: 'workflow failure',
    action: null,
    applicantLink: false,
    render: (lang) =>
      workflowFailureEmail(
        { baseUrl: BASE_URL, caseId: CASE_ID, caseNumber: '2026/0042', title: HOSTILE.title, occurredAt: DEADLINE },
        lang,
      ),
  },
];
