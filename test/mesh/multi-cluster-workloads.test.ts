import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { MeshSidecarInjection, ServiceMesh, WorkloadIdentityCluster } from '../../lib';
import { StackJson } from '../helpers';
import { paymentsService, paymentsWorkload, project } from './fixtures';

/** A client cluster in us-east1 and a server cluster in us-central1, one workloads stack with a provider alias per cluster. */
function twoClusters() {
  const app = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id });
  const cluster = (name: string, location: string) => {
    const created = new WorkloadIdentityCluster(platform, name, { project, name, location, meshCertificates: true, fleet: true });
    created.addNodePool('nodes', { networkTags: [`${name}-nodes`] });
    return created;
  };
  const clientCluster = cluster('cluster-a', 'us-east1');
  const serverCluster = cluster('cluster-b', 'us-central1');
  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'sidecar-mesh' });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id });
  const toClient = clientCluster.connect(workloads, { alias: 'cluster-a' });
  const toServer = serverCluster.connect(workloads, { alias: 'cluster-b' });
  const server = serverCluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server' });
  const client = clientCluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client' });
  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id });
  const world = { app, platform, workloads, traffic, cluster: serverCluster, nodes: serverCluster.nodePools[0], mesh, server, client };
  return { world, toClient, toServer };
}

describe('meshed workloads in one stack with two clusters', () => {
  it('labels each cluster\'s namespace through that cluster\'s provider', () => {
    const { world, toServer } = twoClusters();
    const injection = new MeshSidecarInjection(world.workloads, 'injection-b', { namespace: 'default', kubernetesProvider: toServer });
    paymentsWorkload(world, { injection });
    const json = JSON.parse(Testing.synth(world.workloads)) as StackJson;
    const [labels] = Object.values(json.resource!.kubernetes_labels);
    expect(labels.provider).toBe('kubernetes.cluster-b');
    expect(Object.values(json.resource!.kubernetes_deployment_v1)[0].provider).toBe('kubernetes.cluster-b');
    expect(injection.kubernetesProvider).toBe(toServer);
  });
  it('refuses the sidecar injection of the other cluster: the pods would start without sidecars', () => {
    const { world, toClient } = twoClusters();
    const injection = new MeshSidecarInjection(world.workloads, 'injection-a', { namespace: 'default', kubernetesProvider: toClient });
    expect(() => paymentsWorkload(world, { injection })).toThrow(
      'workloads/payments: invalid injection "workloads/injection-a": labels namespace default through the kubernetes provider ' +
      '"cluster-a", but the pods run in cluster platform/cluster-b through the kubernetes provider "cluster-b", so they would start ' +
      'without sidecars; give the injection the kubernetes provider of the pods\' cluster (kubernetesProvider)');
  });
  it('refuses an injection on the stack\'s default provider for pods on an aliased one', () => {
    const { world } = twoClusters();
    const injection = new MeshSidecarInjection(world.workloads, 'injection', { namespace: 'default' });
    expect(() => paymentsWorkload(world, { injection })).toThrow(
      'workloads/payments: invalid injection "workloads/injection": labels namespace default through the default kubernetes ' +
      'provider, but the pods run in cluster platform/cluster-b through the kubernetes provider "cluster-b"');
  });
  it('reads the NEGs in the server cluster\'s zones', () => {
    const { world } = twoClusters();
    const service = paymentsService(world, { neg: { zones: ['us-central1-a', 'us-central1-f'] } });
    expect(service.backendService.networkEndpointGroups.map((neg) => neg.zoneInput)).toEqual(['us-central1-a', 'us-central1-f']);
  });
  it('refuses NEG zones outside the server cluster\'s region, such as the client cluster\'s', () => {
    const { world } = twoClusters();
    expect(() => paymentsService(world, { neg: { zones: ['us-central1-a', 'us-east1-b'] } })).toThrow(
      'traffic/service-test: invalid neg.zones[1] "us-east1-b": is not in us-central1, the region of the workload\'s cluster ' +
      'platform/cluster-b: GKE creates the Service\'s NEGs only in the zones of the cluster that runs its pods (in a ' +
      'multi-cluster mesh, the server\'s cluster)');
  });
});
