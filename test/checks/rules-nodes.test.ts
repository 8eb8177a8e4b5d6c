import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { SecuritySeverity } from '../../lib';
import { NODE_RULES } from '../../lib/checks/rules-nodes';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, NODE_SA, RuleCase, secureCluster, secureNodeConfig, securePool } from './fixtures';

const POOL = 'google_container_node_pool.pool';
const CLUSTER = 'google_container_cluster.cluster';

const CASES: RuleCase[] = [
  {
    id: 'NODE-1', name: 'GCE_METADATA on a pool', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ workloadMetadataConfig: { mode: 'GCE_METADATA' } }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-1', name: 'mode not set', address: POOL, severity: SecuritySeverity.WARNING,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ workloadMetadataConfig: undefined }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-2', name: 'pool without a service account', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ serviceAccount: undefined }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-2', name: 'the default compute e-mail', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ serviceAccount: '123456789012-compute@developer.gserviceaccount.com' }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-2', name: 'temporary default pool without node_config (the provider docs\' pattern)', address: CLUSTER, severity: SecuritySeverity.INFO,
    fails: (t) => secureCluster(t.platform, { nodeConfig: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'NODE-2', name: 'temporary default pool that names the default account', address: CLUSTER, severity: SecuritySeverity.WARNING,
    fails: (t) => secureCluster(t.platform, { nodeConfig: secureNodeConfig({ serviceAccount: 'default' }) }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'NODE-3', name: 'legacy endpoints enabled', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ metadata: { 'disable-legacy-endpoints': 'false' } }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-3', name: 'metadata without disable-legacy-endpoints', address: POOL, severity: SecuritySeverity.WARNING,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ metadata: { team: 'payments' } }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ metadata: undefined }) }),
  },
  {
    id: 'NODE-4', name: 'extra role on the node service account', address: 'google_project_iam_member.extra',
    fails: (t) => {
      securePool(t.platform, secureCluster(t.platform));
      new ProjectIamMember(t.platform, 'extra', { project: 'demo-proj', role: 'roles/storage.objectAdmin', member: `serviceAccount:${NODE_SA}` });
    },
    passes: (t) => {
      securePool(t.platform, secureCluster(t.platform));
      new ProjectIamMember(t.platform, 'extra', { project: 'demo-proj', role: 'roles/monitoring.viewer', member: `serviceAccount:${NODE_SA}` });
    },
  },
  {
    id: 'NODE-5', name: 'shielded nodes off', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { enableShieldedNodes: false }),
    passes: (t) => secureCluster(t.platform, { enableShieldedNodes: true }),
  },
  {
    id: 'NODE-6', name: 'secure boot off', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ shieldedInstanceConfig: { enableSecureBoot: false } }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform)),
  },
  {
    id: 'NODE-7', name: 'auto-repair off', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { management: { autoRepair: false, autoUpgrade: true } }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform), { management: undefined }),
  },
  {
    id: 'NODE-8', name: 'Ubuntu nodes', address: POOL,
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ imageType: 'UBUNTU_CONTAINERD' }) }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ imageType: 'cos_containerd' }) }),
  },
];

describeRuleCases(CASES);

it('covers every node rule', () => {
  expect(coveredIds(CASES)).toEqual(NODE_RULES.map((r) => r.id).sort());
});

describe('attributes Terraform does not manage (lifecycle.ignore_changes)', () => {
  it('treats an ignored, unset attribute as unknown', () => {
    const findings = findingsFor((t) => securePool(t.platform, secureCluster(t.platform), {
      nodeConfig: secureNodeConfig({ serviceAccount: undefined, imageType: undefined }),
      lifecycle: { ignoreChanges: ['node_config[0].service_account'] },
    }));
    expect(findingsAt(findings, 'NODE-2', POOL)).toEqual([]);
  });
  it('still judges values the configuration sets', () => {
    const findings = findingsFor((t) => securePool(t.platform, secureCluster(t.platform), {
      nodeConfig: secureNodeConfig({ workloadMetadataConfig: { mode: 'GCE_METADATA' } }),
      lifecycle: { ignoreChanges: ['node_config[0].workload_metadata_config'] },
    }));
    expect(findingsAt(findings, 'NODE-1', POOL)).toHaveLength(1);
  });
  it('skips a resource that ignores all changes', () => {
    const findings = findingsFor((t) => securePool(t.platform, secureCluster(t.platform), {
      nodeConfig: undefined, management: { autoRepair: false }, lifecycle: { ignoreChanges: 'all' },
    }));
    expect(findings.filter((f) => f.resourceAddress === POOL)).toEqual([]);
  });
});
