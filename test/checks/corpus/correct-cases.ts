import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { enableApis, POOL, secureCluster, secureNodeConfig, securePool, TestApp } from '../fixtures';
import { cluster } from './cluster-cases';
import { container, CorrectCase, k8sPodSpec, manifestWorkload, podSpec, WORKLOADS } from './corpus-case';
import { member, provider, SA, saGrant } from './iam-cases';
import { authorization, clientPolicy, DESTINATION, hierarchy, serverPolicy } from './mesh-cases';

const SPIFFE_PLUGIN = { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } };

function roleBinding(t: TestApp, kind: string, name: string): void {
  new RoleBindingV1(t.workloads, 'binding', {
    metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subject: [{ kind, name, namespace: kind === 'ServiceAccount' ? 'shop' : undefined, apiGroup: kind === 'ServiceAccount' ? undefined : 'rbac.authorization.k8s.io' }],
  });
}

/** Configurations that are correct: the pack must not report an error or a warning on them. */
export const CORRECT_CASES: CorrectCase[] = [
  { name: 'hardened cluster', build: (t) => cluster(t, {}) },
  { name: 'hardened cluster and node pool', build: (t) => { enableApis(t.platform, ['iamcredentials.googleapis.com']); securePool(t.platform, secureCluster(t.platform)); } },
  { name: 'hardened Deployment', build: (t) => { WORKLOADS.kubernetes_deployment_v1(t, podSpec()); } },
  { name: 'hardened Deployment manifest', build: (t) => manifestWorkload(t, 'Deployment', k8sPodSpec({ securityContext: { runAsNonRoot: true, runAsUser: 10001 } })) },
  { name: 'DaemonSet whose token is used by its Role', build: (t) => { WORKLOADS.kubernetes_daemon_set_v1(t, podSpec({ automountServiceAccountToken: true })); roleBinding(t, 'ServiceAccount', 'app'); } },
  { name: 'hardened CronJob', build: (t) => { WORKLOADS.kubernetes_cron_job_v1(t, podSpec({ restartPolicy: 'Never' })); } },
  { name: 'log writer for a service account', build: (t) => member(t, 'roles/logging.logWriter', SA) },
  { name: 'container.developer for a group', build: (t) => member(t, 'roles/container.developer', 'group:devs@example.com') },
  { name: 'view for a named group in a namespace', build: (t) => roleBinding(t, 'Group', 'viewers@example.com') },
  { name: 'narrow ClusterRole', build: (t) => new ClusterRoleV1(t.workloads, 'role', { metadata: { name: 'reader' }, rule: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] }) },
  {
    name: 'GitHub provider pinned to a repository and a grant to that repository',
    build: (t) => {
      provider(t, { attributeCondition: 'assertion.repository == "example-org/infra"' });
      saGrant(t, 'roles/iam.workloadIdentityUser', 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/attribute.repository/example-org/infra');
    },
  },
  { name: 'CA hierarchy with an Enterprise root and a subordinate limited to path length 0, client mTLS with server validation', build: (t) => { hierarchy(t, 'ENTERPRISE', { isCa: true, zeroMaxIssuerPathLength: true }); clientPolicy(t, true); } },
  { name: 'authorization policy naming SPIFFE ids', build: (t) => authorization(t, [{ sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/shop/sa/client'] }], destinations: [DESTINATION] }]) },
  { name: 'server TLS policy with mTLS', build: (t) => serverPolicy(t, { serverCertificate: SPIFFE_PLUGIN, mtlsPolicy: { clientValidationCa: [SPIFFE_PLUGIN] } }) },
  { name: 'an insecure grant with count = 0', build: (t) => { member(t, 'roles/owner', SA).count = 0; } },
  {
    name: 'the provider docs\' cluster: remove_default_node_pool without node_config, and a hardened pool',
    build: (t) => {
      enableApis(t.platform, ['iamcredentials.googleapis.com']);
      const c = secureCluster(t.platform, { nodeConfig: undefined });
      new ContainerNodePool(t.platform, 'pool', { cluster: c.name, location: 'us-east1', nodeCount: 1, management: { autoRepair: true, autoUpgrade: true }, nodeConfig: secureNodeConfig() });
    },
  },
  { name: 'bucket readable by a group', build: (t) => new StorageBucketIamMember(t.platform, 'b', { bucket: 'b', role: 'roles/storage.objectViewer', member: 'group:readers@example.com' }) },
  {
    name: 'KSA bound to its Google service account (Workload Identity)',
    build: (t) => {
      const gsa = new ServiceAccount(t.platform, 'gsa', { accountId: 'app' });
      new ServiceAccountIamMember(t.platform, 'wi', { serviceAccountId: gsa.name, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${POOL}[shop/app]` });
      new ServiceAccountV1(t.workloads, 'ksa', { metadata: { name: 'app', namespace: 'shop', annotations: { 'iam.gke.io/gcp-service-account': 'app@demo-proj.iam.gserviceaccount.com' } }, automountServiceAccountToken: false });
    },
  },
  {
    name: 'Pod dropping every capability but NET_BIND_SERVICE, as a non-root user',
    build: (t) => { WORKLOADS.kubernetes_pod_v1(t, podSpec({ securityContext: { runAsNonRoot: true, runAsUser: '10001' }, container: [container({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } })] })); },
  },
];
