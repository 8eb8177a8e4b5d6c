import { TerraformLocal } from 'cdktf';
import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { TestApp } from '../fixtures';
import { authorization, DESTINATION } from './mesh-cases';
import { cluster } from './cluster-cases';
import { CorpusCase, podSpec, WORKLOADS, container } from './corpus-case';
import { member, SA } from './iam-cases';

/** Injects a resource by address, as `stack.addOverride('resource.TYPE.NAME', …)` does. */
const inject = (stack: 'platform' | 'workloads', type: string, name: string, body: Record<string, unknown>) => (t: TestApp) => {
  t[stack].addOverride(`resource.${type}.${name}`, body);
};

const POD_TEMPLATE = (spec: Record<string, unknown>) => ({
  metadata: { name: 'w', namespace: 'shop' },
  spec: { selector: { match_labels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { automount_service_account_token: false, ...spec } } },
});
const PRIVILEGED = { container: [{ name: 'app', image: 'app', security_context: { privileged: true } }] };

function deployment(t: TestApp, spec: Record<string, unknown> = {}) {
  return WORKLOADS.kubernetes_deployment_v1(t, podSpec(spec));
}

function clusterResource(t: TestApp): ContainerCluster {
  cluster(t, {});
  return t.platform.node.findChild('cluster') as ContainerCluster;
}

/** Misconfigurations written through escape hatches: injected resources, single-object blocks, locals. */
export const ESCAPE_HATCH_CASES: CorpusCase[] = [
  { name: 'injected: owner for a service account', category: 'IAM', escapeHatch: true, caughtBy: ['IAM-1'], critical: true, build: inject('platform', 'google_project_iam_member', 'owner', { project: 'demo-proj', role: 'roles/owner', member: SA }) },
  { name: 'injected: cluster with legacy ABAC', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-6'], critical: true, build: inject('platform', 'google_container_cluster', 'raw', { name: 'raw', location: 'us-east1', enable_legacy_abac: true }) },
  { name: 'injected: privileged Deployment', category: 'pod security', escapeHatch: true, caughtBy: ['POD-1'], critical: true, build: inject('workloads', 'kubernetes_deployment_v1', 'raw', POD_TEMPLATE(PRIVILEGED)) },
  {
    name: 'injected: cluster-admin for system:authenticated', category: 'RBAC', escapeHatch: true, caughtBy: ['RBAC-1'], critical: true,
    build: inject('workloads', 'kubernetes_cluster_role_binding_v1', 'raw', {
      metadata: { name: 'raw' }, role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subject: [{ kind: 'Group', name: 'system:authenticated', api_group: 'rbac.authorization.k8s.io' }],
    }),
  },
  { name: 'injected: authorization rule without sources', category: 'mesh', escapeHatch: true, caughtBy: ['MESH-8'], critical: true, build: inject('platform', 'google_network_security_authorization_policy', 'raw', { name: 'raw', location: 'global', action: 'ALLOW', rules: [{ destinations: [{ hosts: ['a'], ports: [80], methods: ['GET'] }] }] }) },
  { name: 'injected: OIDC provider without condition', category: 'federation', escapeHatch: true, caughtBy: ['WIF-1'], critical: true, build: inject('platform', 'google_iam_workload_identity_pool_provider', 'raw', { workload_identity_pool_id: 'ci', workload_identity_pool_provider_id: 'gh', oidc: { issuer_uri: 'https://token.actions.githubusercontent.com' } }) },
  { name: 'injected: allUsers on a bucket', category: 'IAM', escapeHatch: true, caughtBy: ['IAM-9'], critical: true, build: inject('platform', 'google_storage_bucket_iam_member', 'raw', { bucket: 'b', role: 'roles/storage.objectViewer', member: 'allUsers' }) },
  { name: 'injected: service account key', category: 'IAM', escapeHatch: true, caughtBy: ['IAM-4'], critical: true, build: inject('platform', 'google_service_account_key', 'raw', { service_account_id: 'ci' }) },
  {
    name: 'injected: node pool with GCE_METADATA', category: 'cluster', escapeHatch: true, caughtBy: ['NODE-1'], critical: true,
    build: inject('platform', 'google_container_node_pool', 'raw', { cluster: 'c1', node_config: { service_account: 'nodes@demo-proj.iam.gserviceaccount.com', workload_metadata_config: { mode: 'GCE_METADATA' } } }),
  },
  { name: 'injected: DaemonSet mounting /', category: 'pod security', escapeHatch: true, caughtBy: ['POD-2'], critical: true, build: inject('workloads', 'kubernetes_daemon_set_v1', 'raw', POD_TEMPLATE({ container: [{ name: 'a', image: 'a' }], volume: [{ name: 'r', host_path: { path: '/' } }] })) },
  {
    name: 'injected: privileged Pod manifest', category: 'pod security', escapeHatch: true, caughtBy: ['POD-1'], critical: true,
    build: inject('workloads', 'kubernetes_manifest', 'raw', { manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'a', image: 'a', securityContext: { privileged: true } }] } } }),
  },
  { name: 'single object: master_auth issues a client certificate', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-5'], critical: true, build: (t) => clusterResource(t).addOverride('master_auth', { client_certificate_config: { issue_client_certificate: true } }) },
  { name: 'single object: private_cluster_config without private nodes', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-2'], critical: true, build: (t) => clusterResource(t).addOverride('private_cluster_config', { enable_private_nodes: false }) },
  {
    name: 'single object: node pool workload_metadata_config GCE_METADATA', category: 'cluster', escapeHatch: true, caughtBy: ['NODE-1'], critical: true,
    build: (t) => {
      const c = clusterResource(t);
      const pool = new ContainerNodePool(t.platform, 'pool', { cluster: c.name, location: 'us-east1', nodeConfig: { serviceAccount: 'nodes@demo-proj.iam.gserviceaccount.com', shieldedInstanceConfig: { enableSecureBoot: true } } });
      pool.addOverride('node_config.workload_metadata_config', { mode: 'GCE_METADATA' });
    },
  },
  { name: 'override: host_pid on a Deployment', category: 'pod security', escapeHatch: true, caughtBy: ['POD-3'], critical: true, build: (t) => deployment(t).addOverride('spec.template.spec.host_pid', true) },
  { name: 'single object: binary_authorization DISABLED', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-8'], build: (t) => clusterResource(t).addOverride('binary_authorization', { evaluation_mode: 'DISABLED' }) },
  {
    name: 'single object: authorized network block 0.0.0.0/0', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-3'], critical: true,
    build: (t) => { cluster(t, { masterAuthorizedNetworksConfig: undefined }); (t.platform.node.findChild('cluster') as ContainerCluster).addOverride('master_authorized_networks_config', { cidr_blocks: { cidr_block: '0.0.0.0/0' } }); },
  },
  {
    name: 'single object: authorization rules without sources', category: 'mesh', escapeHatch: true, caughtBy: ['MESH-8'], critical: true,
    build: (t) => {
      authorization(t, undefined);
      (t.platform.node.findChild('authz') as GoogleNetworkSecurityAuthorizationPolicy).addOverride('rules', { destinations: { hosts: DESTINATION.hosts, ports: DESTINATION.ports, methods: DESTINATION.methods } });
    },
  },
  { name: 'local: role owner', category: 'IAM', escapeHatch: true, caughtBy: ['IAM-1'], critical: true, build: (t) => member(t, new TerraformLocal(t.platform, 'role', 'roles/owner').asString, SA) },
  { name: 'local: member allUsers', category: 'IAM', escapeHatch: true, caughtBy: ['IAM-9'], critical: true, build: (t) => member(t, 'roles/viewer', new TerraformLocal(t.platform, 'who', 'allUsers').asString) },
  { name: 'local: legacy ABAC true', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-6'], critical: true, build: (t) => cluster(t, { enableLegacyAbac: new TerraformLocal(t.platform, 'abac', true).asBoolean }) },
  { name: 'local: privileged true', category: 'pod security', escapeHatch: true, caughtBy: ['POD-1'], critical: true, build: (t) => { deployment(t, { container: [container({ securityContext: { privileged: new TerraformLocal(t.workloads, 'priv', true).asBoolean } })] }); } },
  { name: 'local: host_network true', category: 'pod security', escapeHatch: true, caughtBy: ['K8S-4'], critical: true, build: (t) => { deployment(t, { hostNetwork: new TerraformLocal(t.workloads, 'hostnet', true).asBoolean }); } },
  { name: 'local: networking_mode ROUTES', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-11'], build: (t) => cluster(t, { networkingMode: new TerraformLocal(t.platform, 'mode', 'ROUTES').asString }) },
  { name: 'local: logging_service none', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-9'], build: (t) => cluster(t, { loggingService: new TerraformLocal(t.platform, 'logging', 'none').asString }) },
  {
    name: 'stack override of an existing cluster: legacy ABAC', category: 'cluster', escapeHatch: true, caughtBy: ['GKE-6'], critical: true,
    build: (t) => { cluster(t, {}); t.platform.addOverride('resource.google_container_cluster.cluster.enable_legacy_abac', true); },
  },
  {
    name: 'stack override of an existing Deployment: host_ipc', category: 'pod security', escapeHatch: true, caughtBy: ['POD-3'],
    build: (t) => { deployment(t); t.workloads.addOverride('resource.kubernetes_deployment_v1.w.spec.template.spec.host_ipc', true); },
  },
  {
    name: 'override into the first container: adds SYS_ADMIN', category: 'pod security', escapeHatch: true, caughtBy: ['POD-4'], critical: true,
    build: (t) => deployment(t).addOverride('spec.template.spec.container.0.security_context.capabilities', { add: ['SYS_ADMIN'] }),
  },
];
