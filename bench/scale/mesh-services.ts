import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  GcpProject, MeshCertificateAuthority, MeshDemoClient, MeshSidecarInjection, MeshWorkload, PrivateNodesNat, ProjectServices,
  SecureMeshService, SecurityChecks, ServiceMesh, WorkloadCertificates, WorkloadIdentityCluster,
} from '../../lib';

const ECHO_IMAGE = 'mendhak/http-https-echo:31';

/**
 * The guide-002 blueprint (examples/secure-mesh) with `size` secure mesh services instead of one, the rule
 * pack on. Each service has its own KSA linked to the proxies' service account, a meshed Deployment with
 * its Service and NEG, and in the traffic stack its server mTLS, authorization and endpoint policies,
 * health check and firewall rule, backend service and HTTPRoute; the demo client may GET on every service.
 */
export function buildMeshServices(app: App, size: number): void {
  const project = new GcpProject({ id: 'scale-proj', number: '123456789012' });
  const region = 'us-east1';
  const zones = ['us-east1-b', 'us-east1-c', 'us-east1-d'];

  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project, name: 'scale-mesh-cluster', location: region, apis, meshCertificates: true, fleet: true,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('nodes', { machineType: 'e2-standard-4', networkTags: ['allow-health-checks'] });
  // The echo and demo-client images are on Docker Hub: private nodes pull them through Cloud NAT.
  new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });
  const ca = new MeshCertificateAuthority(platform, 'ca', {
    project, location: region, organization: 'ScaleCorp', apis,
    root: { poolId: 'scale-root-pool', caId: 'scale-root-ca' },
    subordinate: { poolId: 'scale-sub-pool', caId: 'scale-sub-ca' },
  });
  ca.grantMeshCertificateIssuance(cluster);
  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'scale-mesh' });

  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  cluster.connect(workloads);
  const certificates = new WorkloadCertificates(workloads, 'certs', { cluster, authority: ca });
  const certificateConfig = [certificates.workloadCertificateConfigResource, certificates.trustConfigResource];
  const envoy = mesh.addProxyServiceAccount(workloads, 'envoy');
  const injection = new MeshSidecarInjection(workloads, 'injection', { namespace: 'default' });
  const client = cluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client', linkedTo: envoy });
  new MeshDemoClient(workloads, 'client-app', { identity: client, injection, dependsOn: certificateConfig });

  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id, region });
  new GoogleBetaProvider(traffic, 'google-beta', { project: project.id, region });

  for (let i = 0; i < size; i++) {
    const name = `svc-${i}`;
    const identity = cluster.addWorkloadIdentity(workloads, `${name}-identity`, { namespace: 'default', name, linkedTo: envoy });
    const workload = new MeshWorkload(workloads, name, {
      identity,
      name,
      image: ECHO_IMAGE,
      port: 8000,
      env: { HTTP_PORT: '8000' },
      proxyMetadata: { app: name },
      service: { name, port: 80, negName: `${name}-neg` },
      injection,
      dependsOn: certificateConfig,
    });
    const service = new SecureMeshService(traffic, name, { mesh, workload, neg: { zones } });
    service.allow(client.principal, { methods: ['GET'] });
  }

  SecurityChecks.applyTo(app);
}
