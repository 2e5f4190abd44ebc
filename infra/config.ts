import type { Node } from 'constructs';
import { z } from 'zod';

/**
 * Deploy-time settings an administrator chooses (README "Deploy"). They come from CDK context
 * (`cdk.json` "context" or `npx cdk deploy -c senderEmail=... -c senderDomain=...`). Every
 * setting has a safe example default under the reserved `.example.org` domain, so
 * `npx cdk synth` works offline with no context at all; nothing can be sent from such a domain
 * until the administrator sets a real, verified one.
 */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** CLI context values arrive as strings (`-c throttleRateLimit=50`); cdk.json gives numbers. */
const positiveNumber = z.coerce.number().positive().max(10_000);
const positiveInt = z.coerce.number().int().positive();

export const DeployConfigSchema = z
  .object({
    /** Domain verified in SES v2 (DKIM records are published by the administrator). */
    senderDomain: z.string().toLowerCase().regex(DOMAIN).default('beslutningsflyt.example.org'),
    /** From address of every email; must belong to senderDomain. */
    senderEmail: z.email().toLowerCase().default('ikke-svar@beslutningsflyt.example.org'),
    /** Where the secretariat receives new cases, overdue answers and workflow failures. */
    secretariatEmail: z.email().default('sekretariat@beslutningsflyt.example.org'),
    /**
     * Operations e-mail (an SNS subscription, confirmed once by its owner): told of stopped
     * workflows and alarms even when SES, which sends every other e-mail, is what fails.
     */
    operationsEmail: z.email().optional(),
    /** HTTP API stage; `$default` serves the API at the root of its URL. */
    stageName: z
      .string()
      .regex(/^(\$default|[A-Za-z0-9_-]{1,64})$/)
      .default('$default'),
    /** Steady-state requests per second for the whole stage (API Gateway throttling). */
    throttleRateLimit: positiveNumber.default(20),
    /** Burst bucket size for the whole stage. */
    throttleBurstLimit: positiveInt.max(5_000).default(40),
    /**
     * Base URL used in links in emails when the API is served through a custom domain
     * (no trailing slash). Default: the API's own execute-api URL.
     */
    publicBaseUrl: z
      .url({ protocol: /^https$/ })
      .regex(/[^/]$/, 'no trailing slash')
      .optional(),
    /** One configured "day" of deadline in seconds; 86400 in AWS (smaller only for demos). */
    secondsPerDay: positiveInt.default(86_400),
    /**
     * Prefix of the Cognito hosted UI domain (<prefix>.auth.<region>.amazoncognito.com) where
     * the secretariat signs in; unique per region. Default: beslutningsflyt-<account id>.
     */
    cognitoDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
      .refine((p) => !/aws|amazon|cognito/.test(p), 'must not contain aws, amazon or cognito')
      .optional(),
  })
  .strict()
  .refine((c) => c.senderEmail.endsWith(`@${c.senderDomain}`), {
    path: ['senderEmail'],
    message: 'senderEmail must be an address in senderDomain (SES sends only from verified identities)',
  });
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

/** The context keys read: exactly the schema's settings, so a new setting cannot be forgotten here. */
export const DEPLOY_CONTEXT_KEYS = DeployConfigSchema.keyof().options;

export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
}

/** Reads and validates the settings once; a bad value stops synthesis with a clear message. */
export function readDeployConfig(node: Node): DeployConfig {
  const raw: Record<string, unknown> = {};
  for (const key of DEPLOY_CONTEXT_KEYS) {
    const value: unknown = node.tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = DeployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('\n');
    throw new DeployConfigError(`Invalid deploy settings (CDK context):\n${details}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
