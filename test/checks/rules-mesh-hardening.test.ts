import { GoogleNetworkSecurityAuthorizationPolicy, GoogleNetworkSecurityAuthorizationPolicyRules } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { NetworkSecurityClientTlsPolicy, NetworkSecurityClientTlsPolicyConfig } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCertificateAuthority, PrivatecaCertificateAuthorityConfigX509ConfigCaOptions } from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { MESH_HARDENING_RULES } from '../../lib/checks/rules-mesh-hardening';
import { coveredIds, describeRuleCases, RuleCase, TestApp } from './fixtures';

const AUTHZ = 'google_network_security_authorization_policy.authz';
const SPIFFE = 'spiffe://demo-proj.svc.id.goog/ns/shop/sa/client';
const DESTINATION = { hosts: ['payments'], ports: [8000], methods: ['GET'] };

function authorize(t: TestApp, rules: GoogleNetworkSecurityAuthorizationPolicyRules[] | undefined): void {
  new GoogleBetaProvider(t.platform, 'google-beta', { project: 'demo-proj' });
  new GoogleNetworkSecurityAuthorizationPolicy(t.platform, 'authz', { name: 'authz-policy', action: 'ALLOW', rules });
}

function clientPolicy(t: TestApp, overrides: Partial<NetworkSecurityClientTlsPolicyConfig>): void {
  new NetworkSecurityClientTlsPolicy(t.platform, 'client', {
    name: 'client-mtls-policy',
    clientCertificate: { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } },
    ...overrides,
  });
}

const CA_CONFIG = (caOptions: PrivatecaCertificateAuthorityConfigX509ConfigCaOptions) => ({
  subjectConfig: { subject: { commonName: 'ca', organization: 'Example' } },
  x509Config: { caOptions, keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} } },
});

function hierarchy(t: TestApp, rootTier: string, subordinate: PrivatecaCertificateAuthorityConfigX509ConfigCaOptions): void {
  const rootPool = new PrivatecaCaPool(t.platform, 'root-pool', { name: 'root-pool', location: 'us-east1', tier: rootTier });
  const root = new PrivatecaCertificateAuthority(t.platform, 'root-ca', {
    pool: rootPool.name, certificateAuthorityId: 'root', location: 'us-east1', type: 'SELF_SIGNED',
    config: CA_CONFIG({ isCa: true, maxIssuerPathLength: 1 }), keySpec: { algorithm: 'EC_P256_SHA256' },
  });
  const subPool = new PrivatecaCaPool(t.platform, 'sub-pool', { name: 'sub-pool', location: 'us-east1', tier: 'DEVOPS' });
  new PrivatecaCertificateAuthority(t.platform, 'sub-ca', {
    pool: subPool.name, certificateAuthorityId: 'sub', location: 'us-east1', type: 'SUBORDINATE',
    config: CA_CONFIG(subordinate), keySpec: { algorithm: 'EC_P256_SHA256' }, subordinateConfig: { certificateAuthority: root.name },
  });
}

const CASES: RuleCase[] = [
  {
    id: 'MESH-8', name: 'a rule without sources (the guide\'s pitfall)', address: AUTHZ,
    fails: (t) => authorize(t, [{ destinations: [DESTINATION] }]),
    passes: (t) => authorize(t, [{ sources: [{ principals: [SPIFFE] }], destinations: [DESTINATION] }]),
  },
  {
    id: 'MESH-8', name: 'an ALLOW policy without rules', address: AUTHZ,
    fails: (t) => authorize(t, undefined),
    passes: (t) => authorize(t, [{ sources: [{ principals: [SPIFFE] }] }]),
  },
  {
    id: 'MESH-8', name: 'ip_blocks 0.0.0.0/0', address: AUTHZ,
    fails: (t) => authorize(t, [{ sources: [{ ipBlocks: ['0.0.0.0/0'] }], destinations: [DESTINATION] }]),
    passes: (t) => authorize(t, [{ sources: [{ ipBlocks: ['10.8.0.0/14'] }], destinations: [DESTINATION] }]),
  },
  {
    id: 'MESH-9', name: 'client TLS policy without server validation', address: 'google_network_security_client_tls_policy.client',
    fails: (t) => clientPolicy(t, {}),
    passes: (t) => clientPolicy(t, { serverValidationCa: [{ certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } }] }),
  },
  {
    id: 'PKI-9', name: 'root pool on the DEVOPS tier', address: 'google_privateca_ca_pool.root-pool',
    fails: (t) => hierarchy(t, 'DEVOPS', { isCa: true, zeroMaxIssuerPathLength: true }),
    passes: (t) => hierarchy(t, 'ENTERPRISE', { isCa: true, zeroMaxIssuerPathLength: true }),
  },
  {
    id: 'PKI-10', name: 'subordinate CA without a path-length limit', address: 'google_privateca_certificate_authority.sub-ca',
    fails: (t) => hierarchy(t, 'ENTERPRISE', { isCa: true }),
    passes: (t) => hierarchy(t, 'ENTERPRISE', { isCa: true, maxIssuerPathLength: 0 }),
  },
];

describeRuleCases(CASES);

describeRuleCases([
  {
    id: 'MESH-7', name: 'principal "*" (admits every peer)', address: AUTHZ,
    fails: (t) => authorize(t, [{ sources: [{ principals: ['*'] }], destinations: [DESTINATION] }]),
    passes: (t) => authorize(t, [{ sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/shop/*'] }], destinations: [DESTINATION] }]),
  },
]);

it('has cases for every mesh hardening rule', () => {
  expect(coveredIds(CASES)).toEqual(MESH_HARDENING_RULES.map((r) => r.id).sort());
});
