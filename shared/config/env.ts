/**
 * Environment variable names shared by CDK (which sets them) and functions/config.ts
 * (which validates them once at cold start). shared/ never reads the environment itself.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  stateMachineArn: 'STATE_MACHINE_ARN',
  actionKeySecretArn: 'ACTION_KEY_SECRET_ARN',
  senderEmail: 'SENDER_EMAIL',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Seconds in one configured "day" of deadline; 86400 in AWS, small locally for demos/tests. */
  secondsPerDay: 'SECONDS_PER_DAY',
  secretariatEmail: 'SECRETARIAT_EMAIL',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];
