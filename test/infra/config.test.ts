import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DeployConfigError, readDeployConfig } from '../../infra/config';

const read = (context: Record<string, unknown>) => readDeployConfig(new App({ context }).node);

describe('deploy settings (CDK context)', () => {
  it('has safe example defaults so synth works without any context', () => {
    expect(read({})).toEqual({
      senderDomain: 'beslutningsflyt.example.org',
      senderEmail: 'ikke-svar@beslutningsflyt.example.org',
      secretariatEmail: 'sekretariat@beslutningsflyt.example.org',
      stageName: '$default',
      throttleRateLimit: 20,
      throttleBurstLimit: 40,
      secondsPerDay: 86_400,
    });
  });

  it('accepts administrator values, including numbers given as CLI strings', () => {
    const config = read({
      senderDomain: 'Digifin.KS.no',
      senderEmail: 'Ikke-Svar@digifin.ks.no',
      secretariatEmail: 'digifin@ks.no',
      stageName: 'prod',
      throttleRateLimit: '50',
      throttleBurstLimit: '100',
      publicBaseUrl: 'https://beslutningsflyt.ks.no',
      secondsPerDay: '60',
    });
    expect(config).toMatchObject({
      senderDomain: 'digifin.ks.no',
      senderEmail: 'ikke-svar@digifin.ks.no',
      stageName: 'prod',
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
      publicBaseUrl: 'https://beslutningsflyt.ks.no',
      secondsPerDay: 60,
    });
  });

  it.each([
    [{ senderEmail: 'noreply@other.example.org' }, 'senderEmail'],
    [{ senderDomain: 'not a domain' }, 'senderDomain'],
    [{ secretariatEmail: 'nobody' }, 'secretariatEmail'],
    [{ throttleRateLimit: '-1' }, 'throttleRateLimit'],
    [{ throttleBurstLimit: '1.5' }, 'throttleBurstLimit'],
    [{ stageName: 'a/b' }, 'stageName'],
    [{ publicBaseUrl: 'http://insecure.example.org' }, 'publicBaseUrl'],
    [{ publicBaseUrl: 'https://x.example.org/' }, 'publicBaseUrl'],
  ])('rejects %j with a message naming %s', (context, key) => {
    expect(() => read(context)).toThrow(DeployConfigError);
    expect(() => read(context)).toThrow(new RegExp(`\\b${key}:`));
  });
});
