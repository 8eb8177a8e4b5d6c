import { SecuritySeverity } from '../../lib';
import { CLUSTER_HARDENING_RULES } from '../../lib/checks/rules-cluster-hardening';
import { coveredIds, describeRuleCases, RuleCase, secureCluster } from './fixtures';

const CLUSTER = 'google_container_cluster.cluster';

const CASES: RuleCase[] = [
  {
    id: 'GKE-8', name: 'Binary Authorization disabled', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { binaryAuthorization: { evaluationMode: 'DISABLED' } }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-8', name: 'Binary Authorization not set', address: CLUSTER, severity: SecuritySeverity.INFO,
    fails: (t) => secureCluster(t.platform, { binaryAuthorization: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-9', name: 'logging service none', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { loggingService: 'none' }),
    passes: (t) => secureCluster(t.platform, { loggingService: 'logging.googleapis.com/kubernetes' }),
  },
  {
    id: 'GKE-9', name: 'monitoring components empty', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { monitoringConfig: { enableComponents: [] } }),
    passes: (t) => secureCluster(t.platform, { monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS'] } }),
  },
  {
    id: 'GKE-10', name: 'alpha cluster', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { enableKubernetesAlpha: true }),
    passes: (t) => secureCluster(t.platform, { enableKubernetesAlpha: false }),
  },
  {
    id: 'GKE-11', name: 'routes-based networking', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { networkingMode: 'ROUTES' }),
    passes: (t) => secureCluster(t.platform, { networkingMode: 'VPC_NATIVE', ipAllocationPolicy: {} }),
  },
  {
    id: 'GKE-12', name: 'intranode visibility off', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { enableIntranodeVisibility: false }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-13', name: 'no labels', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { resourceLabels: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-14', name: 'Secrets not encrypted with Cloud KMS', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { databaseEncryption: { state: 'DECRYPTED' } }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-15', name: 'insecure bindings to system:unauthenticated allowed', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { rbacBindingConfig: { enableInsecureBindingSystemUnauthenticated: true } }),
    passes: (t) => secureCluster(t.platform, { rbacBindingConfig: { enableInsecureBindingSystemUnauthenticated: false, enableInsecureBindingSystemAuthenticated: false } }),
  },
];

describeRuleCases(CASES);

describeRuleCases([
  {
    id: 'GKE-2', name: 'public nodes on a raw cluster are an error', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { privateClusterConfig: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
]);

it('has cases for every cluster hardening rule', () => {
  expect(coveredIds(CASES)).toEqual(CLUSTER_HARDENING_RULES.map((r) => r.id).sort());
});
