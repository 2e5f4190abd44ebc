import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SecretariatAuth } from '../../infra/constructs/secretariat-auth';
import { type CfnTemplate, IntrinsicResolver } from '../../infra/local/intrinsics';

const CALLBACK = 'https://secretariat.example/secretariat/callback';
const LOGOUT = 'https://secretariat.example/secretariat';

function synth(props: { domainPrefix?: string; account?: string } = {}) {
  const stack = new Stack(new App(), 'Auth', props.account ? { env: { account: props.account, region: 'eu-north-1' } } : {});
  const auth = new SecretariatAuth(stack, 'SecretariatAuth', props.domainPrefix ? { domainPrefix: props.domainPrefix } : {});
  const pages = auth.addPagesClient({ callbackUrl: CALLBACK, logoutUrl: LOGOUT });
  return { stack, auth, pages, template: Template.fromStack(stack) };
}

/** The logical id of the only resource of a type. */
function onlyId(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(props) }));
  expect(ids, type).toHaveLength(1);
  return ids[0] as string;
}

describe('SecretariatAuth', () => {
  let s: ReturnType<typeof synth>;
  let poolId: string;
  beforeAll(() => {
    s = synth({ domainPrefix: 'beslutningsflyt-test' });
    poolId = onlyId(s.template, 'AWS::Cognito::UserPool');
  });

  it('adds a classic hosted UI domain with the given prefix to the pool', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'beslutningsflyt-test',
      UserPoolId: { Ref: poolId },
      ManagedLoginVersion: 1,
    });
    s.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('defaults the prefix to one per account', () => {
    const { template } = synth({ account: '123456789012' });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'beslutningsflyt-123456789012' });
    const agnostic = synth().template;
    agnostic.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['beslutningsflyt-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('adds a public pages client: code flow only, openid + email, hosted UI only', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: poolId },
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayEquals(['openid', 'email']),
      CallbackURLs: [CALLBACK],
      LogoutURLs: [LOGOUT],
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      ReadAttributes: Match.arrayEquals(['email', 'email_verified']),
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(s.stack.resolve(s.pages.userPoolClientId)).toEqual({ Ref: onlyId(s.template, 'AWS::Cognito::UserPoolClient', { CallbackURLs: [CALLBACK] }) });
  });

  it('keeps the SRP client of the API authorizer as it was', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPoolClient', 2);
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      GenerateSecret: false,
      CallbackURLs: Match.absent(),
    });
  });

  it('synthesizes issuer and domainUrl from Ref and Fn::Join only (the local runtime resolves them)', () => {
    const domainId = onlyId(s.template, 'AWS::Cognito::UserPoolDomain');
    const issuer = s.stack.resolve(s.auth.issuer);
    const domainUrl = s.stack.resolve(s.auth.domainUrl);
    expect(issuer).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]],
    });
    expect(domainUrl).toEqual({
      'Fn::Join': ['', ['https://', { Ref: domainId }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']],
    });
    expect(JSON.stringify([issuer, domainUrl])).not.toContain('Fn::GetAtt');
  });

  it('resolves issuer and domainUrl with the local runtime resolver', () => {
    const resolver = new IntrinsicResolver([{ stackName: 'Auth', template: s.template.toJSON() as CfnTemplate }]);
    const poolRef = resolver.ref('Auth', poolId);
    expect(resolver.resolveString('Auth', s.stack.resolve(s.auth.issuer), 'issuer')).toBe(
      `https://cognito-idp.eu-north-1.amazonaws.com/${poolRef}`,
    );
    expect(resolver.resolveString('Auth', s.stack.resolve(s.auth.domainUrl), 'domainUrl')).toMatch(
      /^https:\/\/[A-Za-z0-9-]+\.auth\.eu-north-1\.amazoncognito\.com$/,
    );
  });

  it('adds no cdk-nag AwsSolutions finding with the domain and the pages client', () => {
    const { stack } = synth({ domainPrefix: 'beslutningsflyt-test' });
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
