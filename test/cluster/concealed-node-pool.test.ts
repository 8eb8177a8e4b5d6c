import { Testing } from 'cdktf';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import {
  ConcealedNodePoolOptions, GcpProject, NodeServiceAccount, SecurityChecks, TaintEffect, WorkloadIdentityCluster, WorkloadMetadata,
} from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function poolIn(options: ConcealedNodePoolOptions = {}) {
  const { stack } = newStack();
  const cluster = new WorkloadIdentityCluster(stack, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1' });
  const pool = cluster.addNodePool('nodes', options);
  return { stack, cluster, pool };
}

describe('ConcealedNodePool', () => {
  it('writes the hardened node configuration of the guides', () => {
    const { stack } = poolIn({ networkTags: ['allow-health-checks'], labels: { tier: 'web' } });
    const pool = onlyResource(synth(stack), 'google_container_node_pool');
    expect(pool).toMatchObject({
      name: 'nodes',
      location: 'us-east1',
      project: 'demo-proj',
      node_count: 1,
      management: { auto_repair: true, auto_upgrade: true },
      upgrade_settings: { strategy: 'SURGE', max_surge: 1, max_unavailable: 0 },
    });
    expect(pool.cluster).toMatch(/^\$\{google_container_cluster\.cluster_[0-9A-F]{8}\.name\}$/);
    expect(pool.node_config).toEqual({
      service_account: expect.stringMatching(/google_service_account\.cluster_NodeServiceAccount_.*\.email/),
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      workload_metadata_config: { mode: 'GKE_METADATA' },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      metadata: { 'disable-legacy-endpoints': 'true' },
      image_type: 'COS_CONTAINERD',
      machine_type: 'e2-standard-2',
      tags: ['allow-health-checks'],
      labels: { tier: 'web' },
    });
  });

  it('autoscales and ignores drift of the initial count', () => {
    const { stack } = poolIn({ minNodes: 1, maxNodes: 3 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ContainerNodePool, {
      initial_node_count: 1,
      autoscaling: { min_node_count: 1, max_node_count: 3 },
      lifecycle: { ignore_changes: ['initial_node_count'] },
    });
  });

  it('writes taints and keeps user metadata next to disable-legacy-endpoints', () => {
    const { stack } = poolIn({
      taints: [{ key: 'dedicated', value: 'mesh', effect: TaintEffect.NO_SCHEDULE }],
      metadata: { 'block-project-ssh-keys': 'true' },
    });
    const config = onlyResource(synth(stack), 'google_container_node_pool').node_config as Record<string, unknown>;
    expect(config.taint).toEqual([{ key: 'dedicated', value: 'mesh', effect: 'NO_SCHEDULE' }]);
    expect(config.metadata).toEqual({ 'block-project-ssh-keys': 'true', 'disable-legacy-endpoints': 'true' });
  });

  it('uses a pool-specific service account when given', () => {
    const { stack } = newStack();
    const cluster = new WorkloadIdentityCluster(stack, 'cluster', { project, name: 'c1', location: 'us-east1' });
    const own = new NodeServiceAccount(stack, 'own', { project, existingEmail: 'pool-sa@demo-proj.iam.gserviceaccount.com' });
    cluster.addNodePool('nodes', { serviceAccount: own });
    const pool = onlyResource(synth(stack), 'google_container_node_pool');
    expect((pool.node_config as Record<string, unknown>).service_account).toBe('pool-sa@demo-proj.iam.gserviceaccount.com');
  });

  it('accepts GCE_METADATA only with the explicit opt-out, and reports it', () => {
    const { pool, stack } = poolIn({ workloadMetadata: WorkloadMetadata.GCE_METADATA, allowGceMetadata: true });
    expect(pool.workloadMetadata.mode).toBe('GCE_METADATA');
    SecurityChecks.applyTo(stack);
    Testing.synth(stack);
    expect(SecurityChecks.findingsOf(stack).filter((f) => f.ruleId === 'NODE-1')).toEqual([
      expect.objectContaining({ severity: 'warning', constructPath: 'stack/cluster/nodes/Resource', message: expect.stringContaining('allowGceMetadata') }),
    ]);
  });

  const bad: [string, ConcealedNodePoolOptions, RegExp][] = [
    ['the legacy SECURE concealment value', { workloadMetadata: WorkloadMetadata.of('SECURE') },
      /stack\/cluster\/nodes: invalid workloadMetadata "SECURE": metadata concealment \(SECURE\) .* GKE_METADATA .* replaced metadata concealment/],
    ['the legacy EXPOSED value', { workloadMetadata: WorkloadMetadata.of('EXPOSED') }, /invalid workloadMetadata "EXPOSED": exposed metadata/],
    ['GCE_METADATA without the opt-out', { workloadMetadata: WorkloadMetadata.GCE_METADATA },
      /invalid workloadMetadata "GCE_METADATA": exposes the node service account .* allowGceMetadata: true/],
    ['disable-legacy-endpoints=false', { metadata: { 'disable-legacy-endpoints': 'false' } },
      /invalid metadata.disable-legacy-endpoints "false": must stay "true"/],
    ['an invalid pool name', { name: 'Pool_1' }, /stack\/cluster\/nodes: invalid name "Pool_1"/],
    ['min without max', { minNodes: 1 }, /invalid minNodes 1: autoscaling needs both minNodes and maxNodes/],
    ['min above max', { minNodes: 4, maxNodes: 3 }, /invalid minNodes 4: must be between 0 and maxNodes \(3\)/],
    ['a node count with autoscaling', { minNodes: 1, maxNodes: 2, nodeCount: 2 }, /invalid nodeCount 2: cannot be combined/],
  ];
  it.each(bad)('refuses %s', (_name, options, message) => {
    expect(() => poolIn(options)).toThrow(message);
  });
  it('refuses an unknown metadata mode where it is made', () => {
    expect(() => WorkloadMetadata.of('OPEN')).toThrow('WorkloadMetadata.of: invalid mode "OPEN": must be GKE_METADATA or GCE_METADATA');
  });
  it('accepts a pool of zero nodes', () => {
    const { stack } = poolIn({ nodeCount: 0 });
    expect(onlyResource(synth(stack), 'google_container_node_pool').node_count).toBe(0);
  });
  it('reports every bad node value of a pool together at synth', () => {
    const { stack } = poolIn({ nodeCount: -1, diskSizeGb: 9, imageType: 'COS', machineType: 'Big', metadata: { 'startup-script': 'x' }, networkTags: ['a', 'a'] });
    let message = '';
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^6 input errors:\n- stack\/cluster\/nodes: invalid nodeCount -1/);
    for (const part of ['invalid diskSizeGb 9: must be a whole number from 10 to 65536', 'invalid imageType "COS": must be one of COS_CONTAINERD',
      'invalid networkTags[1] "a": repeats networkTags[0]', 'invalid metadata key "startup-script": is reserved by GKE', 'invalid nodeCount -1: must be a whole number from 0 to 1000']) {
      expect(message).toContain(part);
    }
  });
});
