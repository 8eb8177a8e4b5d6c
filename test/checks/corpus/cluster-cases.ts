import { ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { enableApis, secureCluster, secureNodeConfig, securePool, TestApp } from '../fixtures';
import { CorpusCase } from './corpus-case';

/** A secure cluster changed by `overrides`, with the Workload Identity API on. */
export function cluster(t: TestApp, overrides: Partial<ContainerClusterConfig>): void {
  secureCluster(t.platform, overrides);
  enableApis(t.platform, ['iamcredentials.googleapis.com']);
}

const c = (overrides: Partial<ContainerClusterConfig>) => (t: TestApp) => cluster(t, overrides);
const pool = (fields: Record<string, unknown>) => (t: TestApp) => {
  enableApis(t.platform, ['iamcredentials.googleapis.com']);
  securePool(t.platform, secureCluster(t.platform), fields);
};
const nodes = (fields: Record<string, unknown>) => pool({ nodeConfig: secureNodeConfig(fields) });

/** Cluster and node hardening (CIS GKE, checkov CKV_GCP_*, trivy AVD-GCP-*). */
export const CLUSTER_CASES: CorpusCase[] = [
  { name: 'legacy ABAC', category: 'cluster', caughtBy: ['GKE-6'], critical: true, build: c({ enableLegacyAbac: true }) },
  { name: 'client certificate', category: 'cluster', caughtBy: ['GKE-5'], critical: true, build: c({ masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }) },
  { name: 'authorized network 0.0.0.0/0', category: 'cluster', caughtBy: ['GKE-3'], critical: true, build: c({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '0.0.0.0/0' }] } }) },
  { name: 'public nodes', category: 'cluster', caughtBy: ['GKE-2'], critical: true, build: c({ privateClusterConfig: { enablePrivateNodes: false } }) },
  { name: 'no master authorized networks', category: 'cluster', caughtBy: ['GKE-4'], build: c({ masterAuthorizedNetworksConfig: undefined }) },
  { name: 'no release channel', category: 'cluster', caughtBy: ['GKE-1'], build: c({ releaseChannel: undefined }) },
  { name: 'no network policy enforcement', category: 'cluster', caughtBy: ['GKE-7'], build: c({ datapathProvider: 'LEGACY_DATAPATH' }) },
  { name: 'shielded nodes off', category: 'cluster', caughtBy: ['NODE-5'], build: c({ enableShieldedNodes: false }) },
  { name: 'secure boot off', category: 'cluster', caughtBy: ['NODE-6'], build: nodes({ shieldedInstanceConfig: { enableSecureBoot: false } }) },
  { name: 'GCE_METADATA on a pool', category: 'cluster', caughtBy: ['NODE-1'], critical: true, build: nodes({ workloadMetadataConfig: { mode: 'GCE_METADATA' } }) },
  { name: 'legacy metadata endpoints', category: 'cluster', caughtBy: ['NODE-3'], critical: true, build: nodes({ metadata: { 'disable-legacy-endpoints': 'false' } }) },
  { name: 'default compute account on a pool', category: 'cluster', caughtBy: ['NODE-2'], critical: true, build: nodes({ serviceAccount: 'default' }) },
  { name: 'auto repair off', category: 'cluster', caughtBy: ['NODE-7'], build: pool({ management: { autoRepair: false, autoUpgrade: true } }) },
  { name: 'auto upgrade off', category: 'cluster', caughtBy: ['NODE-7'], build: pool({ management: { autoRepair: true, autoUpgrade: false } }) },
  { name: 'Ubuntu node image', category: 'cluster', caughtBy: ['NODE-8'], build: nodes({ imageType: 'UBUNTU_CONTAINERD' }) },
  { name: 'Binary Authorization disabled', category: 'cluster', caughtBy: ['GKE-8'], build: c({ binaryAuthorization: { evaluationMode: 'DISABLED' } }) },
  { name: 'logging none', category: 'cluster', caughtBy: ['GKE-9'], build: c({ loggingService: 'none' }) },
  { name: 'monitoring none', category: 'cluster', caughtBy: ['GKE-9'], build: c({ monitoringService: 'none' }) },
  { name: 'alpha features', category: 'cluster', caughtBy: ['GKE-10'], build: c({ enableKubernetesAlpha: true }) },
  { name: 'routes-based networking', category: 'cluster', caughtBy: ['GKE-11'], build: c({ networkingMode: 'ROUTES' }) },
  { name: 'intranode visibility off', category: 'cluster', caughtBy: ['GKE-12'], build: c({ enableIntranodeVisibility: false }) },
  { name: 'no labels', category: 'cluster', caughtBy: ['GKE-13'], build: c({ resourceLabels: undefined }) },
  { name: 'Secrets not encrypted with Cloud KMS', category: 'cluster', caughtBy: ['GKE-14'], build: c({ databaseEncryption: undefined }) },
  { name: 'insecure bindings to system:authenticated allowed', category: 'cluster', caughtBy: ['GKE-15'], critical: true, build: c({ rbacBindingConfig: { enableInsecureBindingSystemAuthenticated: true } }) },
  { name: 'no Workload Identity pool', category: 'cluster', caughtBy: ['WI-2'], critical: true, build: c({ workloadIdentityConfig: undefined }) },
  { name: 'metadata server mode not set on the default pool', category: 'cluster', caughtBy: ['NODE-1'], build: c({ removeDefaultNodePool: false, nodeConfig: secureNodeConfig({ workloadMetadataConfig: undefined }) }) },
];
