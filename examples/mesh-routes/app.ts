import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  GcpProject, MaintenanceWindow, MeshCertificateAuthority, MeshDemoClient, MeshIngressGateway, MeshSidecarInjection,
  MeshWorkload, PathMatch, PrivateNodesNat, ProjectServices, SecureMeshService, SecurityChecks, ServiceMesh,
  WorkloadCertificates, WorkloadIdentityCluster,
} from '../../lib';

/** An HTTP server that answers with the request it received on HTTP_PORT (and, here, health on 8081). */
const ECHO_IMAGE = 'mendhak/http-https-echo:31';

/**
 * Two services behind one ingress gateway, on a cluster with the platform options (docs/cluster-options.md):
 *
 * - platform: a cluster with resource labels, a weekend maintenance window and a year-end freeze, two node
 *   zones, Secrets encrypted with a Cloud KMS key it creates, and intranode visibility; the CA hierarchy, the
 *   mesh.
 * - workloads: the certificate configuration (every meshed Deployment waits for it by itself), payments and
 *   orders with resource requests and probes on a health port outside the mesh, the demo client.
 * - traffic: both services; the client may GET payments' `/api/` and orders' `/orders/<id>`; the gateway
 *   routes `/orders/` and the host orders.example.com to orders and everything else to payments.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';
  const zones = ['us-east1-b', 'us-east1-c'];

  // 1. platform ---------------------------------------------------------------------------------------
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', {
    project, services: [...ProjectServices.SERVICE_MESH, 'cloudkms.googleapis.com'],
  });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'routes-cluster',
    location: region,
    apis,
    meshCertificates: true,
    fleet: true,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
    labels: { env: 'demo', team: 'platform' },
    nodeLocations: zones,
    maintenanceWindow: MaintenanceWindow.recurring('2025-01-04T01:00:00Z', '2025-01-04T07:00:00Z', 'FREQ=WEEKLY;BYDAY=SA,SU'),
    maintenanceExclusions: [{ name: 'year-end', startTime: '2025-12-20T00:00:00Z', endTime: '2026-01-05T00:00:00Z' }],
    secretsEncryption: {},
    intranodeVisibility: true,
  });
  cluster.addNodePool('nodes', { networkTags: ['allow-health-checks'], resourceLabels: { cost_center: 'cc-42' } });
  new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });
  const ca = new MeshCertificateAuthority(platform, 'ca', {
    project,
    location: region,
    organization: 'TestCorpLLC',
    apis,
    root: { poolId: 'routes-root-pool', caId: 'routes-root' },
    subordinate: { poolId: 'routes-ca-pool', caId: 'routes-ca' },
  });
  ca.grantMeshCertificateIssuance(cluster);
  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'routes-mesh' });

  // 2. workloads --------------------------------------------------------------------------------------
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  new WorkloadCertificates(workloads, 'certs', { cluster, authority: ca });
  const envoy = mesh.addProxyServiceAccount(workloads, 'envoy');
  const identity = (id: string, name: string) => cluster.addWorkloadIdentity(workloads, id, { namespace: 'default', name, linkedTo: envoy });
  const paymentsIdentity = identity('payments-identity', 'payments');
  const ordersIdentity = identity('orders-identity', 'orders');
  const client = identity('client-identity', 'client');
  const injection = new MeshSidecarInjection(workloads, 'injection', { namespace: 'default' });

  const workload = (id: string, app: string) => new MeshWorkload(workloads, id, {
    identity: id === 'payments' ? paymentsIdentity : ordersIdentity,
    image: ECHO_IMAGE,
    port: 8000,
    healthCheckPort: 8081,
    env: { HTTP_PORT: '8000', HTTPS_PORT: '8081' },
    proxyMetadata: { app },
    resourceRequests: { cpu: '100m', memory: '128Mi' },
    resourceLimits: { memory: '256Mi' },
    probes: { readiness: { path: '/', periodSeconds: 5 }, liveness: { path: '/', initialDelaySeconds: 10 } },
    injection,
  });
  const paymentsWorkload = workload('payments', 'payments');
  const ordersWorkload = workload('orders', 'orders');
  new MeshDemoClient(workloads, 'client-app', { identity: client, injection });

  // 3. traffic ----------------------------------------------------------------------------------------
  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id, region });
  new GoogleBetaProvider(traffic, 'google-beta', { project: project.id, region });
  const payments = new SecureMeshService(traffic, 'payments', { mesh, workload: paymentsWorkload, neg: { zones } });
  const orders = new SecureMeshService(traffic, 'orders', { mesh, workload: ordersWorkload, neg: { zones } });
  payments.allow(client, { methods: ['GET'], paths: [PathMatch.prefix('/api/')] });
  orders.allow(client, { methods: ['GET'], paths: [PathMatch.regex('/orders/[0-9]+')] });

  const gateway = new MeshIngressGateway(traffic, 'gateway', {
    mesh,
    name: 'shop-gateway',
    hostname: 'shop-gateway',
    port: 8080,
    identity: client,
    routeTo: payments,
    routes: [
      { service: orders, paths: [PathMatch.prefix('/orders/')] },
      { service: orders, hostnames: ['orders.example.com'] },
    ],
  });
  payments.allowGateway(gateway, { methods: ['GET'] });
  orders.allowGateway(gateway, { methods: ['GET'] });
  gateway.addProxy(workloads, 'gateway-proxy');

  SecurityChecks.applyTo(app);
}
