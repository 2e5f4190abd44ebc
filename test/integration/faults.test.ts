/**
 * The nivå 3 path (Eierstrategi DIF 2023–2027 ch. 12) under injected transient faults: a share
 * of the DynamoDB, SES and Lambda calls fails, with a fixed seed so a failure can be repeated.
 * The SDK's retries and the workflow's Retry must absorb them: every case reaches its decision,
 * no execution fails, and nobody gets the same e-mail twice.
 */
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/dynamodb';
import { FAULT_SEED_ENV, FAULTS_ENV } from '../../infra/local/faults';
import {
  act,
  always,
  answerAll,
  applications,
  everyone,
  linkFor,
  parseEmail,
  poll,
  SECRETARIAT,
  submitCase,
  useTestRuntime,
  voters,
} from '../support/integration';

/** The switch as `npm start` reads it, with a fixed seed so a failing run can be repeated. */
const FAULT_ENV = { [FAULTS_ENV]: 'dynamodb=0.05,ses=0.05,lambda=0.02', [FAULT_SEED_ENV]: '20261202' };
// Three cases at once, so the faults also hit handlers running side by side.
const CASES = 3;
// Long days: no reminder or deadline interferes (deadlines have their own file).
const SECONDS_PER_DAY = 60;
vi.setConfig({ testTimeout: 300_000 });
const runtime = useTestRuntime(SECONDS_PER_DAY, { env: FAULT_ENV });

const union = (...lists: string[][]) => [...new Set(lists.flat())];

/** One nivå 3 case from submission to approval, every step's e-mails checked on the way. */
async function approveNivaa3(applicant: string): Promise<string> {
  const c = await submitCase(runtime, applications.nivaa3(applicant));
  await act(linkFor(c.triage, 'newCase', SECRETARIAT[0] ?? ''), 'confirm');
  const brukerrad = voters('brukerrad', 'svarut');
  const consultation = await c.box.expectNext(
    { stepEnded: always(applicant), stepStarted: always(applicant), consultation: brukerrad },
    { timeoutMs: 90_000 },
  );
  // The chair (listed first) and one member in support: with the chair's casting vote a certain
  // majority of the four, so the consultation ends.
  await answerAll(consultation, 'consultation', brukerrad.slice(0, 2), 'support');
  const decision = await c.box.expectNext(
    {
      stepEnded: union(always(applicant), everyone('daglig_leder')),
      stepStarted: always(applicant),
      decision: voters('daglig_leder'),
    },
    { timeoutMs: 90_000 },
  );
  await act(linkFor(decision, 'decision', voters('daglig_leder')[0] ?? ''), 'approve');
  await c.box.expectNext(
    { stepEnded: union(always(applicant), everyone('brukerrad', 'svarut')), approved: always(applicant) },
    { timeoutMs: 90_000 },
  );
  const done = await runtime.api.waitForStatus(c.caseId, 'approved', { timeoutMs: 90_000 });
  expect(done.outcome).toMatchObject({ status: 'approved', bodyId: 'daglig_leder', nivaa: 3 });
  return c.caseNumber;
}

describe('under injected faults (dynamodb 5 %, ses 5 %, lambda 2 %)', () => {
  it('three nivå 3 cases reach their decision with no failed execution and no duplicate e-mail', async () => {
    const caseNumbers = await Promise.all(
      Array.from({ length: CASES }, (_, i) => approveNivaa3(`soker-fault-${i}@example.org`)),
    );
    expect(new Set(caseNumbers).size).toBe(CASES);
    // The run was really under faults (Lambda's 2 % of a few dozen invocations may hit none;
    // test/infra/local/sfn/faults.test.ts covers it).
    const injected = runtime.faultsInjected();
    expect(injected.dynamodb, JSON.stringify(injected)).toBeGreaterThan(0);
    expect(injected.ses, JSON.stringify(injected)).toBeGreaterThan(0);

    const sfn = new SFNClient({ endpoint: runtime.workflow.sfn, region: 'eu-north-1', credentials: LOCAL_CREDENTIALS });
    try {
      const { stateMachineArn } = runtime.workflow;
      const list = async (statusFilter: 'FAILED' | 'SUCCEEDED') =>
        (await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter }))).executions ?? [];
      // An execution ends just after the approval is recorded.
      await poll('every execution to succeed', () => list('SUCCEEDED'), (done) => done.length >= CASES, { timeoutMs: 30_000 });
      expect(await list('FAILED')).toEqual([]);
      expect(await list('SUCCEEDED')).toHaveLength(CASES);
    } finally {
      sfn.destroy();
    }

    const sent = new Map<string, number>();
    for (const email of (await runtime.mail.listEmails()).map(parseEmail)) {
      const key = `${email.to} | ${email.subject}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    expect([...sent].filter(([, count]) => count > 1)).toEqual([]);
  });
});
