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
  /**
   * How the secretariat signs in to its pages: `cognito` (hosted UI, set by CDK) or `local`
   * (a password, set only by the local runtime, infra/local/runtime.ts).
   */
  secretariatLogin: 'SECRETARIAT_LOGIN',
  /** Cognito hosted UI base URL, e.g. https://<prefix>.auth.<region>.amazoncognito.com */
  cognitoDomainUrl: 'COGNITO_DOMAIN_URL',
  /** App client of the secretariat pages (authorization code + PKCE, no secret). */
  cognitoClientId: 'COGNITO_CLIENT_ID',
  /** https://cognito-idp.<region>.amazonaws.com/<userPoolId>: ID token issuer, JWKS under it. */
  cognitoIssuer: 'COGNITO_ISSUER',
  /** The local login's password (local runtime only; generated into its state directory). */
  secretariatLocalPassword: 'SECRETARIAT_LOCAL_PASSWORD',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];
