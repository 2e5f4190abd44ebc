import { z } from 'zod';
import { ENV } from '../shared/config/env';
import { ConfigError } from '../shared/errors';

/**
 * Deployment configuration from the environment (names in shared/config/env.ts; CDK sets
 * them). Validated once per container at cold start; `config()` throws a ConfigError naming
 * the missing or invalid variables (never their values). Handler tests wire fakes and never
 * call config(), so they need no environment.
 */
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const EnvSchema = z.object({
  [ENV.tableName]: z.string().min(1),
  // Set by CDK only on the functions granted the matching permission (function-access.ts);
  // the adapter that needs one fails with a ConfigError naming it when it is used without it.
  [ENV.stateMachineArn]: optional(z.string().startsWith('arn:')),
  [ENV.actionKeySecretArn]: optional(z.string().startsWith('arn:')),
  [ENV.senderEmail]: optional(z.email()),
  [ENV.sesConfigurationSet]: optional(z.string().min(1)),
  [ENV.publicBaseUrl]: z.url({ protocol: /^https?$/ }),
  [ENV.secondsPerDay]: z.coerce.number().int().positive().default(86_400),
  [ENV.secretariatEmail]: optional(z.email()),
});

export interface AppConfig {
  tableName: string;
  stateMachineArn?: string;
  actionKeySecretArn?: string;
  senderEmail?: string;
  sesConfigurationSet?: string;
  /** Without a trailing slash, so `${publicBaseUrl}/handling/${token}` is well-formed. */
  publicBaseUrl: string;
  secondsPerDay: number;
  secretariatEmail?: string;
}

type Result = { ok: true; config: AppConfig } | { ok: false; error: ConfigError };

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Result {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].sort();
    return {
      ok: false,
      error: new ConfigError(`Missing or invalid environment variables: ${names.join(', ')}`),
    };
  }
  const e = parsed.data;
  const config: AppConfig = {
    tableName: e[ENV.tableName],
    publicBaseUrl: e[ENV.publicBaseUrl].replace(/\/+$/, ''),
    secondsPerDay: e[ENV.secondsPerDay],
  };
  for (const [key, name] of [
    ['stateMachineArn', ENV.stateMachineArn],
    ['actionKeySecretArn', ENV.actionKeySecretArn],
    ['senderEmail', ENV.senderEmail],
  ] as const) {
    const value = e[name];
    if (value !== undefined) config[key] = value;
  }
  const configurationSet = e[ENV.sesConfigurationSet];
  if (configurationSet !== undefined) config.sesConfigurationSet = configurationSet;
  const secretariatEmail = e[ENV.secretariatEmail];
  if (secretariatEmail !== undefined) config.secretariatEmail = secretariatEmail;
  return { ok: true, config: Object.freeze(config) };
}

const atColdStart = loadConfig(process.env);

/** A setting only some functions have; ConfigError (naming the variable, never a value) if absent. */
export function requiredSetting(value: string | undefined, name: string): string {
  if (value === undefined) throw new ConfigError(`Missing environment variable: ${name}`);
  return value;
}

/** The validated configuration; throws ConfigError if the environment is incomplete. */
export function config(): AppConfig {
  if (!atColdStart.ok) throw atColdStart.error;
  return atColdStart.config;
}
