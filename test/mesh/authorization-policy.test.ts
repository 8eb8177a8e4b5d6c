import * as fc from 'fast-check';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { AuthorizationAction, AuthorizationRule, ServiceAuthorizationPolicy } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';
import { CLIENT_SPIFFE, project } from './fixtures';

/** A policy in a stack with the google-beta provider that its beta-only resource type needs. */
function policy(action = AuthorizationAction.ALLOW): ServiceAuthorizationPolicy {
  const { stack } = newStack('traffic');
  new GoogleBetaProvider(stack, 'google-beta', { project: 'demo-proj' });
  return new ServiceAuthorizationPolicy(stack, 'authz', { project, name: 'authz-policy', action });
}

const guideRule: AuthorizationRule = { principals: [CLIENT_SPIFFE], hosts: ['service-test'], ports: [8000], methods: ['GET'] };

describe('ServiceAuthorizationPolicy', () => {
  it('writes the guide\'s authz-policy through the google-beta resource', () => {
    const p = policy();
    p.addRule(guideRule);
    expect(onlyResource(synth(TerraformStack.of(p)), 'google_network_security_authorization_policy')).toEqual({
      provider: 'google-beta',
      project: 'demo-proj',
      name: 'authz-policy',
      location: 'global',
      action: 'ALLOW',
      rules: [{
        sources: [{ principals: [CLIENT_SPIFFE] }],
        destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
      }],
    });
    expect(p.resource.terraformResourceType).toBe('google_network_security_authorization_policy');
    expect(p.resource.terraformGeneratorMetadata?.providerName).toBe('google-beta');
  });
  it('merges rules that differ only in hosts, as the guide\'s policy lists service-test and mesh-gateway in one rule', () => {
    const p = policy();
    p.addRule(guideRule);
    p.addRule({ ...guideRule, hosts: ['mesh-gateway', 'service-test'] });
    expect(p.rules).toEqual([{ ...guideRule, hosts: ['service-test', 'mesh-gateway'] }]);
  });
  it('keeps rules apart when methods, ports, principals or headers differ', () => {
    const p = policy();
    p.addRule(guideRule);
    p.addRule({ ...guideRule, methods: ['POST'] });
    p.addRule({ ...guideRule, ports: [9000] });
    p.addRule({ ...guideRule, headerMatch: { headerName: 'x-team', regexMatch: '^payments$' } });
    expect(p.rules).toHaveLength(4);
    const rules = onlyResource(synth(TerraformStack.of(p)), 'google_network_security_authorization_policy').rules as unknown[];
    expect(rules[3]).toEqual({
      sources: [{ principals: [CLIENT_SPIFFE] }],
      destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'], http_header_match: { header_name: 'x-team', regex_match: '^payments$' } }],
    });
  });
  it('writes a DENY policy without rules', () => {
    const p = policy(AuthorizationAction.DENY);
    const resource = onlyResource(synth(TerraformStack.of(p)), 'google_network_security_authorization_policy');
    expect(resource.action).toBe('DENY');
    expect(resource.rules).toBeUndefined();
  });
});

describe('ServiceAuthorizationPolicy rule merging (property)', () => {
  const principal = fc.constantFrom('spiffe://p.svc.id.goog/ns/a/sa/x', 'spiffe://p.svc.id.goog/ns/a/sa/y');
  const rule = fc.record({
    principals: fc.uniqueArray(principal, { minLength: 1, maxLength: 2 }),
    hosts: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
    ports: fc.uniqueArray(fc.constantFrom(80, 8000), { minLength: 1, maxLength: 2 }),
    methods: fc.uniqueArray(fc.constantFrom('GET', 'POST'), { minLength: 1, maxLength: 2 }),
  });
  /** Every (principal, host, port, method) request the rules allow. */
  const allowed = (rules: AuthorizationRule[]) => new Set(rules.flatMap((r) =>
    r.principals.flatMap((p) => r.hosts.flatMap((h) => r.ports.flatMap((port) => r.methods.map((m) => `${p}|${h}|${port}|${m}`))))));

  it('allows exactly the requests the added rules allow', () => {
    fc.assert(fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), (rules) => {
      const p = policy();
      rules.forEach((r) => p.addRule(r));
      expect(allowed(p.rules)).toEqual(allowed(rules));
      expect(p.rules.length).toBeLessThanOrEqual(rules.length);
    }), { numRuns: 60 });
  });
});

describe('ServiceAuthorizationPolicy bad rules', () => {
  const cases: [string, Partial<AuthorizationRule>, string][] = [
    ['no methods', { methods: [] }, 'invalid methods []: must list at least one value: an empty list matches nothing'],
    ['a lower-case method', { methods: ['get'] }, 'invalid methods[0] "get": must be an upper-case HTTP method: GET, HEAD'],
    ['a method twice', { methods: ['GET', 'GET'] }, 'invalid methods "GET": is listed twice'],
    ['no hosts', { hosts: [] }, 'invalid hosts []: must list at least one value'],
    ['a host with a path', { hosts: ['service-test/x'] }, 'invalid hosts[0] "service-test/x": must be * or a host pattern'],
    ['a port of 0', { ports: [0] }, 'invalid ports[0] 0: must be a port number'],
    ['no principals', { principals: [] }, 'invalid principals []: must list at least one value'],
    ['a principal that is not a SPIFFE id', { principals: ['serviceAccount:x@y'] }, 'invalid principals[0] "serviceAccount:x@y": must be a SPIFFE id'],
    ['an empty header name', { headerMatch: { headerName: '', regexMatch: '.*' } }, 'invalid headerMatch.headerName "": must name a header'],
    ['a broken regex', { headerMatch: { headerName: 'x', regexMatch: '(' } }, 'invalid headerMatch.regexMatch "(": must be a valid regular expression'],
  ];
  it.each(cases)('refuses %s, naming the policy', (_name, change, message) => {
    expect(() => policy().addRule({ ...guideRule, ...change })).toThrow(`traffic/authz: ${message}`);
  });
  it('accepts the documented host and principal patterns', () => {
    const p = policy();
    expect(() => p.addRule({ ...guideRule, hosts: ['*', '*.example.com', 'payments.*', 'service-test:8000'], principals: ['*/ns/a/sa/b', 'spiffe://p.svc.id.goog/ns/a/*'] }))
      .not.toThrow();
  });
  it.each(['*', 'spiffe://*'])('refuses the principal %s, which admits every peer, with the fix', (principal) => {
    expect(() => policy().addRule({ ...guideRule, principals: ['spiffe://p.svc.id.goog/ns/a/sa/b', principal] }))
      .toThrow(`traffic/authz: invalid principals[1] "${principal}": admits every peer, in any trust domain: name the callers by SPIFFE id`);
  });
  it('lets unresolved values through', () => {
    const p = policy();
    const host = new TerraformVariable(p, 'host', { type: 'string' }).stringValue;
    expect(() => p.addRule({ ...guideRule, hosts: [host] })).not.toThrow();
  });
});
