import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { AuthorizationAction, BlueprintTesting, ServiceAuthorizationPolicy } from '../../lib';
import { AppIndex } from '../../lib/core/app-index';
import { bindToGoogleBeta } from '../../lib/core/google-beta';
import { newStack, onlyResource, synth } from '../helpers';
import { project } from '../mesh/fixtures';
import { synthWithoutSchemaCheck } from '../schema-validated-synth';

const TYPE = 'google_network_security_authorization_policy';

function policyIn(stack: TerraformStack, betaProvider?: GoogleBetaProvider): ServiceAuthorizationPolicy {
  return new ServiceAuthorizationPolicy(stack, 'authz', { project, name: 'authz-policy', action: AuthorizationAction.DENY, betaProvider });
}

describe('bindToGoogleBeta', () => {
  it('binds the resource to the stack\'s GoogleBetaProvider, also one added after the construct', () => {
    const { stack } = newStack('traffic');
    new GoogleProvider(stack, 'google', {});
    policyIn(stack);
    new GoogleBetaProvider(stack, 'google-beta', {});
    expect(onlyResource(synth(stack, true), TYPE).provider).toBe('google-beta');
  });
  it('finds a provider added after the bound resource was first written', () => {
    const { stack } = newStack('traffic');
    const policy = policyIn(stack);
    expect(policy.resource.provider).toBeUndefined();
    new GoogleBetaProvider(stack, 'google-beta', {});
    expect(policy.resource.provider?.node.path).toBe('traffic/google-beta');
  });
  it('looks only among the stack\'s top-level constructs: a nested provider is passed as betaProvider', () => {
    const { app, stack } = newStack('traffic');
    const nested = new GoogleBetaProvider(new Construct(stack, 'providers'), 'google-beta', {});
    policyIn(stack);
    expect(BlueprintTesting.errorsOf(app).join('\n')).toContain('has no google-beta provider among its top-level constructs');
    const { stack: other } = newStack('other');
    const nestedThere = new GoogleBetaProvider(new Construct(other, 'providers'), 'google-beta', {});
    expect(policyIn(other, nestedThere).resource.provider).toBe(nestedThere);
    expect(nested.node.path).toBe('traffic/providers/google-beta');
  });
  it('writes the alias of an aliased provider', () => {
    const { stack } = newStack('traffic');
    policyIn(stack);
    new GoogleBetaProvider(stack, 'beta-west', { alias: 'west' });
    expect(onlyResource(synth(stack, true), TYPE).provider).toBe('google-beta.west');
  });
  it('uses the provider passed in, also when the stack has several', () => {
    const { stack } = newStack('traffic');
    new GoogleBetaProvider(stack, 'google-beta', {});
    const west = new GoogleBetaProvider(stack, 'beta-west', { alias: 'west' });
    policyIn(stack, west);
    expect(onlyResource(synth(stack, true), TYPE).provider).toBe('google-beta.west');
  });
  it('keeps a provider set on the resource afterwards', () => {
    const { stack } = newStack('traffic');
    new GoogleBetaProvider(stack, 'google-beta', {});
    const east = new GoogleBetaProvider(stack, 'beta-east', { alias: 'east' });
    policyIn(stack).resource.provider = east;
    expect(onlyResource(synth(stack, true), TYPE).provider).toBe('google-beta.east');
  });
  it('fails synth without a google-beta provider, naming the construct, the type and the fix', () => {
    const { app, stack } = newStack('traffic');
    new GoogleProvider(stack, 'google', {});
    policyIn(stack);
    expect(BlueprintTesting.errorsOf(app)).toContain(
      `[traffic/authz] traffic/authz: ${TYPE} exists only in hashicorp/google-beta, and stack "traffic" has no google-beta provider among its top-level constructs ` +
      '(without one Terraform would bind it to hashicorp/google, which has no such type); ' +
      'add new GoogleBetaProvider(stack, \'google-beta\', {...}) to stack "traffic", or pass betaProvider');
  });
  it('fails synth when the stack has several google-beta providers and none was passed', () => {
    const { app, stack } = newStack('traffic');
    new GoogleBetaProvider(stack, 'google-beta', {});
    new GoogleBetaProvider(stack, 'beta-west', { alias: 'west' });
    policyIn(stack);
    expect(BlueprintTesting.errorsOf(app)).toContain(`[traffic/authz] traffic/authz: ${TYPE} exists only in hashicorp/google-beta, and stack "traffic" ` +
      'has 2 google-beta providers (traffic/google-beta, traffic/beta-west); pass the one to use as betaProvider');
  });
  it('refuses a provider that is not google-beta, or one of another stack', () => {
    const { app, stack } = newStack('traffic');
    const google = new GoogleProvider(stack, 'google', {});
    expect(() => new ServiceAuthorizationPolicy(stack, 'a', {
      project, name: 'a', action: AuthorizationAction.DENY, betaProvider: google,
    })).toThrow(`traffic/a: invalid betaProvider "traffic/google": ${TYPE} exists only in hashicorp/google-beta, but this provider is "google"`);
    const other = new TerraformStack(app, 'platform');
    const foreign = new GoogleBetaProvider(other, 'google-beta', {});
    expect(() => policyIn(stack, foreign)).toThrow(
      'traffic/authz: invalid betaProvider "platform/google-beta": it belongs to stack "platform", but Terraform binds ' +
      `${TYPE} only to a provider of its own stack "traffic"`);
  });
  it('is one mechanism any construct uses for a beta-only type', () => {
    const { app, stack } = newStack('traffic');
    const raw = new GoogleNetworkSecurityAuthorizationPolicy(stack, 'raw', { name: 'raw', location: 'global', action: 'DENY' });
    bindToGoogleBeta(raw, raw);
    expect(BlueprintTesting.errorsOf(app).some((e) => e.startsWith(`[traffic/raw] traffic/raw: ${TYPE} exists only in hashicorp/google-beta`))).toBe(true);
    new GoogleBetaProvider(stack, 'google-beta', {});
    expect(onlyResource(synth(stack, true), TYPE).provider).toBe('google-beta');
  });
});

describe('AppIndex provider routing', () => {
  it('follows Terraform: the provider meta-argument, else the type prefix, never the binding package', () => {
    const { stack } = newStack('traffic');
    new GoogleProvider(stack, 'google', { project: 'from-google' });
    new GoogleBetaProvider(stack, 'google-beta', { project: 'from-beta' });
    const unbound = new GoogleNetworkSecurityAuthorizationPolicy(stack, 'unbound', { name: 'u', location: 'global', action: 'DENY' });
    policyIn(stack);
    synthWithoutSchemaCheck(stack); // the unbound policy is misrouted on purpose
    const index = AppIndex.build([stack]);
    const byName = (name: string) => index.resources(TYPE).find((r) => r.config.name === name)!;
    expect(unbound.terraformGeneratorMetadata?.providerName).toBe('google-beta');
    expect(byName('u').providerName).toBe('google');
    expect(index.projectOf(byName('u'))).toBe('from-google');
    expect(byName('authz-policy').providerName).toBe('google-beta');
    expect(index.providerConfig(byName('authz-policy'))?.project).toBe('from-beta');
  });
  it('reads an aliased provider configuration by its full address', () => {
    const { stack } = newStack('traffic');
    new GoogleBetaProvider(stack, 'google-beta', { project: 'default-beta' });
    const west = new GoogleBetaProvider(stack, 'beta-west', { alias: 'west', project: 'west-beta' });
    policyIn(stack, west);
    const index = AppIndex.build([stack]);
    const [policy] = index.resources(TYPE);
    expect(policy.providerName).toBe('google-beta');
    expect(index.providerConfig(policy)?.project).toBe('west-beta');
  });
});
