import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../shared/config/deployment';
import { API_ROUTES, paths, ROUTES, type RouteName, routeName } from '../../../shared/config/routes';
import { asList, type Json, resourcesOfType, type Synthesized, synthesizeApp } from '../../support/synth';

const NAMES = Object.keys(ROUTES) as RouteName[];
const paramsOf = (template: string) => [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
/** The template as a pattern: each {param} one non-empty path segment. */
const patternOf = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/?#]+')}$`);
const build = (name: RouteName, params: string[]) => (paths[name] as (...p: string[]) => string)(...params);

describe('routes table', () => {
  it('gives every path a builder whose path matches its template', () => {
    for (const name of NAMES) {
      const template = ROUTES[name].path;
      const params = paramsOf(template).map((p, i) => `${p}${i}x`);
      const built = build(name, params);
      expect(built, name).toMatch(patternOf(template));
      expect(built, name).toBe(paramsOf(template).reduce((path, p, i) => path.replace(`{${p}}`, params[i] ?? ''), template));
    }
  });

  it('encodes parameters, so one cannot change which page a path points to', () => {
    expect(paths.caseStatus('a/../b?c#d')).toBe('/sak/a%2F..%2Fb%3Fc%23d');
    expect(paths.caseAmend('abc234')).toBe('/sak/abc234/endre');
    expect(paths.caseWithdraw('abc234')).toBe('/sak/abc234/trekk');
    expect(paths.secretariatRemind('x y')).toBe('/sekretariat/sak/x%20y/purring');
    expect(paths.action('tok_EN-1')).toBe('/handling/tok_EN-1');
    expect(paths.asset('app.css')).toBe('/assets/app.css');
    expect(paths.form()).toBe('/');
    expect(paths.secretariat()).toBe('/sekretariat');
  });

  it('types each builder with its parameters (checked by tsc, never run)', () => {
    const typed = () => {
      // @ts-expect-error the case id is required
      paths.caseStatus();
      // @ts-expect-error the overview has no parameter
      paths.secretariat('x');
    };
    expect(typeof typed).toBe('function');
  });

  it('has every path template and every route key once', () => {
    const templates = NAMES.map((name) => ROUTES[name].path);
    expect(new Set(templates).size).toBe(templates.length);
    const keys = API_ROUTES.map((route) => route.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of API_ROUTES) {
      expect(route.key).toBe(`${route.method} ${route.path}`);
      expect(ROUTES[route.name].path).toBe(route.path);
    }
  });

  it('serves every route by a deployed function and requires the JWT on the secretariat API only', () => {
    const functions = new Set<string>(Object.values(FUNCTIONS));
    for (const route of API_ROUTES) {
      expect(functions.has(route.handler), route.key).toBe(true);
      expect(route.access, route.key).toBe(route.path.startsWith('/api/secretariat/') ? 'secretariat' : 'public');
      if (route.access === 'public') expect(route.openBecause.length, route.key).toBeGreaterThan(0);
    }
  });

  it('names the path of a route key, and nothing else', () => {
    expect(routeName('GET /sak/{caseId}/endre')).toBe('caseAmend');
    expect(routeName('POST /sak/{caseId}/endre')).toBe('caseAmend');
    expect(routeName('GET /sekretariat/sak/{caseId}')).toBe('secretariatCase');
    expect(routeName('POST /sekretariat/sak/{caseId}/triage')).toBe('secretariatTriage');
    expect(routeName('GET /sak/abc234/endre')).toBeUndefined();
    expect(routeName('DELETE /sak/{caseId}')).toBeUndefined();
    expect(routeName('$default')).toBeUndefined();
    for (const route of API_ROUTES) expect(routeName(route.key)).toBe(route.name);
  });
});

describe('the HTTP API of the CDK app', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesizeApp();
  });

  const functionIdOf = (name: string) =>
    resourcesOfType(s.appResources, 'AWS::Lambda::Function').find(([, r]) =>
      asList((r.Properties?.Tags ?? []) as Json[]).some(
        (tag) => typeof tag === 'object' && tag !== null && !Array.isArray(tag) && tag.Value === `functions/${name}.ts`,
      ),
    )?.[0];

  it("has exactly the table's routes, each integrated with its function and authorized as the table says", () => {
    const routes = resourcesOfType(s.appResources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(API_ROUTES.map((r) => r.key).sort());
    for (const route of API_ROUTES) {
      const synthesized = routes.find((r) => r.RouteKey === route.key);
      const target = JSON.stringify(synthesized?.Target);
      const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1] ?? '';
      const integration = s.appResources[integrationId]?.Properties;
      expect(integration?.IntegrationUri, route.key).toEqual({ 'Fn::GetAtt': [functionIdOf(route.handler), 'Arn'] });
      expect(synthesized?.AuthorizationType, route.key).toBe(route.access === 'secretariat' ? 'JWT' : 'NONE');
    }
  });
});
