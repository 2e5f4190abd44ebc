import { governance } from '../../shared/domain/governance/load';
import { makeLinks } from '../../shared/ports/links';
import { makeGovernanceRules } from '../../shared/use-cases/governance-rules';
import type { ActionPageDeps } from '../../shared/pages/action/flows';
import type { SubmitApplicationDeps } from '../../shared/use-cases/submit-application';
import { ENV } from '../../shared/config/env';
import { ConfigError } from '../../shared/errors';
import type { SignInDeps, SignInMethod } from '../../shared/pages/secretariat/sign-in';
import { type AppConfig, config } from '../config';
import { makeCognitoSignIn } from './cognito-sign-in';
import { type AwsPorts, awsPorts, systemClock } from './aws-ports';
import { documentClient } from './clients';
import { makeOnceMailer } from './once-mailer';
import { sesMailer } from './ses-mailer';
import { hashToken, sha256Base64Url, sha256Hex } from './crypto';

/** Production wiring of the use cases' ports (called lazily, once per container). */


export function intakeDeps(): SubmitApplicationDeps {
  const ports = awsPorts();
  return { ...ports, links: makeLinks(config().publicBaseUrl), sha256Hex };
}

/**
 * Status, withdrawal, amendment, the secretariat's lists and the public journal: their
 * use cases need only a subset of the AWS ports.
 */
export function caseApiDeps(): AwsPorts {
  return awsPorts();
}

/** The rules of the shipped governance configuration, with the configured day length. */
function shippedRules() {
  return makeGovernanceRules(governance, config().secondsPerDay);
}

/** Triage over the API: the case ports and the rules (a nivå the planner cannot plan is refused). */
export function triageDeps() {
  return { ...awsPorts(), rules: shippedRules() };
}

/**
 * The workflow's task Lambdas (advance-case, start-step-unit, handle-unit-timeout,
 * notify-failure): ports, e-mail and the rules of the shipped governance configuration.
 */
export function workflowDeps() {
  const cfg = config();
  return {
    ...awsPorts(),
    // Step Functions retries tasks: each keyed e-mail goes out once however often a task runs.
    mailer: makeOnceMailer(sesMailer(), { client: documentClient(), tableName: cfg.tableName }, systemClock.now),
    rules: shippedRules(),
    baseUrl: cfg.publicBaseUrl,
  };
}

/**
 * GET and POST /handling/{token}: the ports, the governance rules (the same tally as the
 * workflow's), HMAC for the form's CSRF value, and the one origin allowed to post the form.
 */
export function actionLinkDeps(): ActionPageDeps {
  const cfg = config();
  return {
    ...awsPorts(),
    rules: shippedRules(),
    hmacSha256Hex: (key, text) => hashToken(text, key),
    allowedOrigin: new URL(cfg.publicBaseUrl).origin,
  };
}

/**
 * The applicant's pages (form, case status, amendment, withdrawal, journal): the ports, links
 * for the receipt, HMAC for the forms' CSRF tokens, and the one origin allowed to post them.
 */
export function applicantPageDeps() {
  const cfg = config();
  return {
    ...awsPorts(),
    links: makeLinks(cfg.publicBaseUrl),
    sha256Hex,
    hmacSha256Hex: (key: string, text: string) => hashToken(text, key),
    allowedOrigin: new URL(cfg.publicBaseUrl).origin,
  };
}

/**
 * The secretariat's pages (overview, case, triage, reminders): the ports, the governance rules
 * and e-mail (a reminder sends fresh action links), HMAC for the session cookie and the forms'
 * CSRF tokens, and the one origin allowed to post them.
 */
export function secretariatPageDeps() {
  const workflow = workflowDeps();
  return {
    ...workflow,
    hmacSha256Hex: (key: string, text: string) => hashToken(text, key),
    allowedOrigin: new URL(workflow.baseUrl).origin,
  };
}

/** Signing the secretariat in and out: Cognito's hosted UI in AWS, the local password locally. */
export function signInDeps(): SignInDeps {
  const cfg = config();
  const settings = requiredSignIn(cfg.secretariatSignIn);
  const method: SignInMethod =
    settings.kind === 'local'
      ? { kind: 'local', password: settings.password }
      : { kind: 'cognito', oidc: makeCognitoSignIn({ domainUrl: settings.domainUrl, clientId: settings.clientId, issuer: settings.issuer }) };
  const ports = awsPorts();
  return {
    secrets: ports.secrets,
    revokedSessions: ports.revokedSessions,
    clock: ports.clock,
    ids: ports.ids,
    method,
    baseUrl: cfg.publicBaseUrl,
    allowedOrigin: new URL(cfg.publicBaseUrl).origin,
    hmacSha256Hex: (key, text) => hashToken(text, key),
    sha256Base64Url,
  };
}

function requiredSignIn(settings: AppConfig['secretariatSignIn']) {
  if (settings === undefined) throw new ConfigError(`Missing environment variable: ${ENV.secretariatLogin}`);
  return settings;
}
