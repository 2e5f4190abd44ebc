import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface SecretariatAuthProps {
  /**
   * Prefix of the hosted UI domain, <prefix>.auth.<region>.amazoncognito.com: lowercase letters,
   * digits and hyphens, unique in the region, without "aws", "amazon" or "cognito".
   * @default `beslutningsflyt-<account id>`
   */
  readonly domainPrefix?: string;
}

export interface PagesClientProps {
  /** The pages' OAuth callback, exactly the redirect_uri they send (https, or http://localhost). */
  readonly callbackUrl: string;
  /** Where the hosted UI's /logout may send the browser back to (the logout_uri they send). */
  readonly logoutUrl: string;
}

/**
 * Sign-in for the secretariat (the only signed-in users; members act through email links).
 * Accounts are created by an administrator: no self sign-up, MFA with an authenticator app.
 */
export class SecretariatAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Hosted UI (classic) where the secretariat pages send the browser to sign in. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: SecretariatAuthProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      // TOTP only: SMS codes are weaker and would need an SNS role and a spend limit.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins) for the accounts that can
      // override a case's nivå; the Plus plan costs cents a month for a secretariat.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('SecretariatClient', {
      // A browser client: no secret, SRP so the password never travels.
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `beslutningsflyt-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
  }

  /**
   * The app client of the secretariat web pages: authorization code flow with PKCE through the
   * hosted UI, a public client (the code verifier, not a secret, binds the code to the browser
   * that started the sign-in). Call it once.
   */
  addPagesClient(props: PagesClientProps): UserPoolClient {
    return this.userPool.addClient('PagesClient', {
      generateSecret: false,
      // Only the hosted UI signs in: no SRP/password/custom flows through the API for this client
      // (CDK then lists ALLOW_REFRESH_TOKEN_AUTH alone).
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [props.callbackUrl],
        logoutUrls: [props.logoutUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // The ID token carries no personal data beyond what the pages show.
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  /**
   * The ID token issuer (its JWKS is under /.well-known/jwks.json). Built from Ref and pseudo
   * parameters, not the pool's ProviderURL attribute, so the local runtime can resolve it.
   */
  get issuer(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  /** Hosted UI base URL, https://<prefix>.auth.<region>.amazoncognito.com (Ref of the domain). */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}
