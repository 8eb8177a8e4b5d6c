import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  ConcealedNodePool, GcpProject, MeshWorkload, MeshWorkloadProps, SecureMeshService, SecureMeshServiceProps, ServiceMesh,
  WorkloadIdentity, WorkloadIdentityCluster,
} from '../../lib';

export const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
export const SERVER_SPIFFE = 'spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-server';
export const CLIENT_SPIFFE = 'spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-client';

/** The guide's three stacks with a cluster, a mesh, a server and a client identity; providers included. */
export interface MeshWorld {
  readonly app: App;
  readonly platform: TerraformStack;
  readonly workloads: TerraformStack;
  readonly traffic: TerraformStack;
  readonly cluster: WorkloadIdentityCluster;
  readonly nodes: ConcealedNodePool;
  readonly mesh: ServiceMesh;
  readonly server: WorkloadIdentity;
  readonly client: WorkloadIdentity;
}

export function meshWorld(options: { betaProvider?: boolean } = {}): MeshWorld {
  const app = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1', meshCertificates: true });
  const nodes = cluster.addNodePool('nodes', { networkTags: ['allow-health-checks'] });
  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'sidecar-mesh' });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id });
  const server = cluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server' });
  const client = cluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client' });
  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id });
  if (options.betaProvider ?? true) new GoogleBetaProvider(traffic, 'google-beta', { project: project.id });
  return { app, platform, workloads, traffic, cluster, nodes, mesh, server, client };
}

/** The guide's server workload: app1 on port 8000 behind service-test, NEG service-test-neg, proxy metadata app=payments. */
export function paymentsWorkload(world: MeshWorld, props: Partial<MeshWorkloadProps> = {}, id = 'payments'): MeshWorkload {
  return new MeshWorkload(world.workloads, id, {
    identity: world.server,
    name: 'app1',
    image: 'registry.example/echo:1',
    port: 8000,
    proxyMetadata: { app: 'payments' },
    service: { name: 'service-test', negName: 'service-test-neg' },
    ...props,
  });
}

/** A secure service in the traffic stack for the payments workload, with the given overrides. */
export function paymentsService(
  world: MeshWorld, props: Partial<SecureMeshServiceProps> = {}, workload?: MeshWorkload, id = 'service-test',
): SecureMeshService {
  return new SecureMeshService(world.traffic, id, {
    mesh: world.mesh,
    workload: workload ?? paymentsWorkload(world),
    neg: { zones: ['us-east1-b', 'us-east1-c'] },
    healthCheckFirewall: { nodePools: [world.nodes] },
    ...props,
  });
}
