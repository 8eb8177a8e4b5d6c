import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCertificateAuthority } from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { TestApp } from '../fixtures';
import { CorpusCase } from './corpus-case';

const SPIFFE_PLUGIN = { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } };
export const DESTINATION = { hosts: ['payments'], ports: [8000], methods: ['GET'] };

export function authorization(t: TestApp, rules: unknown): void {
  new GoogleBetaProvider(t.platform, 'google-beta', { project: 'demo-proj' });
  new GoogleNetworkSecurityAuthorizationPolicy(t.platform, 'authz', { name: 'authz-policy', action: 'ALLOW', rules: rules as never });
}

function ca(t: TestApp, id: string, pool: PrivatecaCaPool, fields: Record<string, unknown>): PrivatecaCertificateAuthority {
  return new PrivatecaCertificateAuthority(t.platform, id, {
    pool: pool.name, certificateAuthorityId: id, location: 'us-east1', keySpec: { algorithm: 'EC_P256_SHA256' },
    config: {
      subjectConfig: { subject: { commonName: id, organization: 'Example' } },
      x509Config: { caOptions: (fields.caOptions ?? { isCa: true }) as never, keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} } },
    },
    ...(fields.type ? { type: fields.type as string } : {}),
    ...(fields.issuer ? { subordinateConfig: { certificateAuthority: fields.issuer as string } } : {}),
  });
}

/** The guide's two-pool hierarchy; `rootTier` and the subordinate's CA options vary. */
export function hierarchy(t: TestApp, rootTier: string, subordinateOptions: Record<string, unknown>): void {
  const rootPool = new PrivatecaCaPool(t.platform, 'root-pool', { name: 'root-pool', location: 'us-east1', tier: rootTier });
  const root = ca(t, 'root', rootPool, { type: 'SELF_SIGNED', caOptions: { isCa: true, maxIssuerPathLength: 1 } });
  const subPool = new PrivatecaCaPool(t.platform, 'sub-pool', { name: 'sub-pool', location: 'us-east1', tier: 'DEVOPS' });
  ca(t, 'sub', subPool, { type: 'SUBORDINATE', caOptions: subordinateOptions, issuer: root.name });
}

export function clientPolicy(t: TestApp, validated: boolean): void {
  new NetworkSecurityClientTlsPolicy(t.platform, 'client', {
    name: 'client-mtls-policy', clientCertificate: SPIFFE_PLUGIN, ...(validated ? { serverValidationCa: [SPIFFE_PLUGIN] } : {}),
  });
}

export function serverPolicy(t: TestApp, fields: Record<string, unknown>): void {
  new NetworkSecurityServerTlsPolicy(t.platform, 'server', { name: 'server-mtls-policy', ...fields });
}

/** Authorization policies that admit everyone, weak CA and TLS settings. */
export const MESH_CASES: CorpusCase[] = [
  { name: 'authorization rule without sources', category: 'mesh', caughtBy: ['MESH-8'], critical: true, build: (t) => authorization(t, [{ destinations: [DESTINATION] }]) },
  { name: 'ALLOW policy without rules', category: 'mesh', caughtBy: ['MESH-8'], critical: true, build: (t) => authorization(t, undefined) },
  { name: 'principals *', category: 'mesh', caughtBy: ['MESH-7'], critical: true, build: (t) => authorization(t, [{ sources: [{ principals: ['*'] }], destinations: [DESTINATION] }]) },
  { name: 'ip_blocks 0.0.0.0/0', category: 'mesh', caughtBy: ['MESH-8'], critical: true, build: (t) => authorization(t, [{ sources: [{ ipBlocks: ['0.0.0.0/0'] }], destinations: [DESTINATION] }]) },
  { name: 'server TLS policy allow_open', category: 'mesh', caughtBy: ['MESH-3'], critical: true, build: (t) => serverPolicy(t, { allowOpen: true, mtlsPolicy: { clientValidationCa: [SPIFFE_PLUGIN] } }) },
  { name: 'server TLS policy without mTLS', category: 'mesh', caughtBy: ['MESH-4'], build: (t) => serverPolicy(t, { serverCertificate: SPIFFE_PLUGIN }) },
  { name: 'root CA pool on the DEVOPS tier', category: 'mesh', caughtBy: ['PKI-9'], build: (t) => hierarchy(t, 'DEVOPS', { isCa: true, zeroMaxIssuerPathLength: true }) },
  { name: 'subordinate CA without path-length limit', category: 'mesh', caughtBy: ['PKI-10'], build: (t) => hierarchy(t, 'ENTERPRISE', { isCa: true }) },
  { name: 'client TLS policy without server validation', category: 'mesh', caughtBy: ['MESH-9'], build: (t) => clientPolicy(t, false) },
  { name: 'principal spiffe://* in a second rule', category: 'mesh', caughtBy: ['MESH-7'], critical: true, build: (t) => authorization(t, [{ sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/shop/sa/a'] }] }, { sources: [{ principals: ['spiffe://*'] }] }]) },
];
