import { Testing } from 'cdktf';
import { AdoptedNodePool, AdoptedWorkloadIdentityCluster, GcpProject, SecurityChecks, WorkloadMetadata } from '../../lib';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function stackWithProvider() {
  const { stack } = newStack();
  new GoogleProvider(stack, 'google', {});
  return stack;
}

function adopt() {
  const stack = stackWithProvider();
  const cluster = new AdoptedWorkloadIdentityCluster(stack, 'existing', {
    project, name: 'legacy-cluster', location: 'us-east1-b', zonal: true, dataplaneV2: false,
  });
  return { stack, cluster };
}

type Block = Record<string, unknown> & { lifecycle: { ignore_changes: string[] } };

describe('AdoptedWorkloadIdentityCluster', () => {
  it('imports the cluster and writes only the workload pool and deletion protection', () => {
    const { stack } = adopt();
    const json = synth(stack, true) as ReturnType<typeof synth> & { import: unknown[] };
    expect(json.import).toEqual([{ id: 'projects/demo-proj/locations/us-east1-b/clusters/legacy-cluster', to: expect.stringMatching(/^google_container_cluster\.existing_[0-9A-F]{8}$/) }]);
    const { lifecycle, ...managed } = onlyResource(json, 'google_container_cluster') as Block;
    expect(managed).toEqual({
      project: 'demo-proj', name: 'legacy-cluster', location: 'us-east1-b', deletion_protection: true,
      workload_identity_config: { workload_pool: 'demo-proj.svc.id.goog' },
    });
    expect(lifecycle.ignore_changes).toEqual(expect.arrayContaining(AdoptedWorkloadIdentityCluster.REPLACING_ARGUMENTS));
    expect(lifecycle.ignore_changes).toEqual(expect.arrayContaining(['resource_labels', 'addons_config', 'node_pool', 'mesh_certificates']));
    expect(lifecycle.ignore_changes).not.toContain('workload_identity_config');
    expect(lifecycle.ignore_changes).not.toContain('deletion_protection');
  });

  it('manages mesh certificates in place only when given', () => {
    const stack = stackWithProvider();
    new AdoptedWorkloadIdentityCluster(stack, 'existing', {
      project, name: 'legacy-cluster', location: 'us-east1', dataplaneV2: true, meshCertificates: true,
    });
    const cluster = onlyResource(synth(stack, true), 'google_container_cluster') as Block;
    expect(cluster.mesh_certificates).toEqual({ enable_certificates: true });
    expect(cluster.lifecycle.ignore_changes).not.toContain('mesh_certificates');
  });

  it('fails at synth when an override would write an argument that forces replacement', () => {
    const { stack, cluster } = adopt();
    cluster.resource.addOverride('private_cluster_config.enable_private_nodes', true);
    expect(() => Testing.synth(stack, true)).toThrow(
      /existing\/Resource: invalid private_cluster_config \{"enable_private_nodes":true\}: is not managed on an adopted cluster/);
  });

  it('fails at synth when the ignore list loses a replacing argument', () => {
    const { stack, cluster } = adopt();
    cluster.resource.lifecycle = { ignoreChanges: ['node_config'] };
    expect(() => Testing.synth(stack, true)).toThrow(/invalid lifecycle.ignore_changes \["node_config"\]: must keep ignoring network: a change to it would replace the adopted cluster/);
  });
});

describe('AdoptedNodePool', () => {
  it('imports the pool and switches only its metadata mode to GKE_METADATA', () => {
    const { stack, cluster } = adopt();
    cluster.adoptNodePool('pool', { name: 'default-pool' });
    const json = synth(stack, true) as ReturnType<typeof synth> & { import: { id: string }[] };
    expect(json.import.map((i) => i.id)).toContain('demo-proj/us-east1-b/legacy-cluster/default-pool');
    const { lifecycle, depends_on: dependsOn, ...managed } = onlyResource(json, 'google_container_node_pool') as Block;
    expect(managed).toEqual({
      project: 'demo-proj', cluster: 'legacy-cluster', location: 'us-east1-b', name: 'default-pool',
      node_config: { workload_metadata_config: { mode: 'GKE_METADATA' } },
    });
    expect(dependsOn).toEqual([expect.stringMatching(/^google_container_cluster\.existing_/)]);
    expect(lifecycle.ignore_changes).toEqual(expect.arrayContaining(AdoptedNodePool.REPLACING_ARGUMENTS));
    expect(lifecycle.ignore_changes).toEqual(expect.arrayContaining(['autoscaling', 'management', 'node_config[0].labels']));
    expect(lifecycle.ignore_changes.filter((a) => a.includes('workload_metadata_config'))).toEqual([]);
  });

  it('takes the reverse path (GCE_METADATA) only explicitly, and reports it', () => {
    const { stack, cluster } = adopt();
    const pool = cluster.adoptNodePool('batch', { name: 'batch-pool', workloadMetadata: WorkloadMetadata.GCE_METADATA, allowGceMetadata: true });
    const resource = resourcesOf(synth(stack, true), 'google_container_node_pool')[0];
    expect(resource.node_config).toEqual({ workload_metadata_config: { mode: 'GCE_METADATA' } });
    expect(pool.workloadMetadata.mode).toBe('GCE_METADATA');
    SecurityChecks.applyTo(stack);
    Testing.synth(stack);
    expect(SecurityChecks.findingsOf(stack).filter((f) => f.ruleId === 'NODE-1').map((f) => f.severity)).toEqual(['warning']);
  });

  it.each([
    [{ name: 'batch-pool', workloadMetadata: WorkloadMetadata.GCE_METADATA }, /existing\/p: invalid workloadMetadata "GCE_METADATA": exposes the node service account/],
    [{ name: 'batch-pool', workloadMetadata: WorkloadMetadata.of('SECURE') }, /existing\/p: invalid workloadMetadata "SECURE": metadata concealment/],
    [{ name: 'Batch_Pool' }, /existing\/p: invalid name "Batch_Pool"/],
  ])('refuses %o', (options, message) => {
    const { cluster } = adopt();
    expect(() => cluster.adoptNodePool('p', options)).toThrow(message);
  });

  it('fails at synth when an override writes another node_config argument', () => {
    const { stack, cluster } = adopt();
    const pool = cluster.adoptNodePool('pool', { name: 'default-pool' });
    pool.resource.addOverride('node_config.service_account', 'other@demo-proj.iam.gserviceaccount.com');
    expect(() => Testing.synth(stack, true)).toThrow(/pool\/Resource: invalid node_config.service_account "other@demo-proj.iam.gserviceaccount.com": is not managed on an adopted node pool/);
  });
});
