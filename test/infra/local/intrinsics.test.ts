import { describe, expect, it } from 'vitest';
import { IntrinsicResolver, UnsupportedIntrinsicError } from '../../../infra/local/intrinsics';

const resolver = new IntrinsicResolver([
  {
    stackName: 'S',
    template: {
      Parameters: { Ssm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/x' } },
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
        Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'the-role' } },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      },
    },
  },
]);

describe('IntrinsicResolver', () => {
  it('resolves nested Join, Select, Split and Sub with variables', () => {
    const value = {
      'Fn::Join': [
        '|',
        [
          { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
          { 'Fn::Sub': ['${Name}-${Fn.Arn}', { Name: { Ref: 'Role' } }] },
          { 'Fn::GetAtt': 'Role.Arn' },
        ],
      ],
    };
    expect(resolver.resolve('S', value)).toBe(
      'b|the-role-arn:aws:lambda:eu-north-1:000000000000:function:Fn|arn:aws:iam::000000000000:role/the-role',
    );
  });

  it('drops AWS::NoValue from objects and lists', () => {
    expect(resolver.resolve('S', { a: 1, b: { Ref: 'AWS::NoValue' }, c: ['x', { Ref: 'AWS::NoValue' }] })).toEqual({
      a: 1,
      c: ['x'],
    });
  });

  it('fails loudly on what it cannot resolve', () => {
    expect(() => resolver.resolve('S', { 'Fn::If': ['Cond', 'a', 'b'] })).toThrow(UnsupportedIntrinsicError);
    expect(() => resolver.resolve('S', { Ref: 'Missing' })).toThrow(/No resource or parameter Missing/);
    expect(() => resolver.resolve('S', { Ref: 'Ssm' })).toThrow(/has no local value/);
    expect(() => resolver.resolve('S', { 'Fn::GetAtt': ['Bucket', 'DomainName'] })).toThrow(/pass an override/);
    expect(() => resolver.resolve('S', { 'Fn::ImportValue': 'Nope' })).toThrow(/No stack exports Nope/);
  });

  it('gives other resource types an ARN in the standard shape', () => {
    expect(resolver.getAtt('S', 'Bucket', 'Arn')).toBe('arn:aws:s3:eu-north-1:000000000000:bucket/Bucket');
  });
});
