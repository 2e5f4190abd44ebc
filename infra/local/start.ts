/**
 * `npm start`: the whole system on 127.0.0.1 with no AWS account. Data, mail and the action-link
 * key persist in .local/ (git-ignored), so a second start resumes every case where it was.
 */
import { join } from 'node:path';
import { describeFaults, FAULTS_ENV, faultsEnabled, readFaultSettings } from './faults';
import { readPorts } from './ports';
import { startLocalRuntime } from './runtime';
import { readSecondsPerDay, SECONDS_PER_DAY_ENV } from './time';

const SECRETS_PORT_ENV = 'SECRETS_PORT';

async function main(): Promise<void> {
  const ports = { ...readPorts(process.env), secrets: Number(process.env[SECRETS_PORT_ENV] ?? 8085) };
  const secondsPerDay = readSecondsPerDay(process.env);
  // Validated before anything starts: a typo in the switch must not silently run without faults.
  const faults = readFaultSettings(process.env);
  const runtime = await startLocalRuntime({
    ports,
    stateDir: join(process.cwd(), '.local'),
    secondsPerDay,
    faults,
    log: (line) => console.log(line),
  });
  const { urls } = runtime;
  console.log(`
Beslutningsflyt kjører lokalt / is running locally

  Søknadsskjema / application form   ${urls.form}
  Offentlig journal / public journal  ${urls.journal}
  Sekretariatet / secretariat         ${urls.secretariat}
    passord / password                ${runtime.secretariatPassword}  (also in .local/secretariat-password)
  Saksstatus / case status            ${urls.app}/sak/<caseId>  (link in the receipt e-mail)
  JSON API                            ${urls.app}/api/applications
  Sekretariatets API / secretariat API ${urls.app}/api/secretariat/cases
    Authorization: Bearer ${runtime.secretariatApiToken()}
    (an access token of the local user pool, valid 1 h; restart for a fresh one)
  E-post (MailDev) / e-mail (JSON)    ${urls.maildev}/api/email

  One configured day of deadline lasts ${secondsPerDay} s (${SECONDS_PER_DAY_ENV}).
  Injected faults (${FAULTS_ENV}): ${faultsEnabled(faults) ? describeFaults(faults) : 'none'}.
  Data in .local/ - stop with Ctrl-C; the next start resumes every case.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    await runtime.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
