import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  GcpProject, MeshAuthorizationCheck, MeshCertificateAuthority, MeshDemoClient, MeshGatewayCheck,
  MeshIngressGateway, MeshMtlsCheck, MeshSidecarInjection, MeshWorkload, PrivateNodesNat, ProjectServices,
  SecureMeshService, SecurityChecks, ServiceMesh, WorkloadCertificates, WorkloadIdentityCluster,
} from '../../lib';

/** An HTTP server that answers with the request it received, headers included, on HTTP_PORT. */
const ECHO_IMAGE = 'mendhak/http-https-echo:31';

/**
 * Guide 002 end to end (Cloud Service Mesh service security with Envoy), with the guide's demo names, in
 * three stacks deployed in order: `cdktf deploy platform workloads traffic` (docs/mesh.md).
 *
 * - platform: APIs, the cluster (Workload Identity, mesh certificates, VPC-native, fleet, nodes tagged for
 *   the health checks), the CA Service hierarchy and the GKE service agent's access to it, the Mesh and the
 *   mesh-wide client mTLS policy.
 * - workloads: the WorkloadCertificateConfig and TrustConfig, the Envoy proxies' service account, the
 *   server and client Kubernetes service accounts linked to it, sidecar injection for `default`, the
 *   server (app1 behind service-test and its NEG service-test-neg), the demo client, the ingress gateway's
 *   Envoy.
 * - traffic: the secure service (server mTLS, authorization, endpoint policy, health check and firewall,
 *   backend service over the NEGs, HTTPRoute) and the TLS ingress gateway; then the guide's checks as
 *   Kubernetes Jobs (mTLS, authorization, gateway), which run once those objects exist.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';
  // The regional cluster's node pool spans the region's zones; GKE creates one NEG per zone.
  const zones = ['us-east1-b', 'us-east1-c', 'us-east1-d'];

  // 1. platform ---------------------------------------------------------------------------------------
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });

  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'secure-td-cluster',
    location: region,
    apis,
    meshCertificates: true,
    fleet: true,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  // --tags=allow-health-checks: the health-check firewall in the traffic stack targets the pool's tag.
  cluster.addNodePool('nodes', { machineType: 'e2-standard-2', networkTags: ['allow-health-checks'] });
  // Private nodes have no external address: Cloud NAT lets them pull public images (Docker Hub).
  new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });

  // The guide's root pool `td_sec_pool` becomes `td-sec-pool`: the provider cannot parse pool ids with `_`.
  const ca = new MeshCertificateAuthority(platform, 'ca', {
    project,
    location: region,
    organization: 'TestCorpLLC',
    apis,
    root: { poolId: 'td-sec-pool', caId: 'pkcs2-ca' },
    subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
  });
  ca.grantMeshCertificateIssuance(cluster);

  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'sidecar-mesh', clientTlsPolicyName: 'client-mtls-policy' });

  // 2. workloads --------------------------------------------------------------------------------------
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  cluster.connect(workloads);
  // The workload certificate configuration; every meshed Deployment of this cluster waits for it.
  new WorkloadCertificates(workloads, 'certs', { cluster, authority: ca });

  // The proxies' own service account with roles/trafficdirector.client, not the Compute Engine default one.
  const envoy = mesh.addProxyServiceAccount(workloads, 'envoy');
  const server = cluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server', linkedTo: envoy });
  const client = cluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client', linkedTo: envoy });

  // Hook: install the Envoy sidecar injector (mesh sidecar-mesh, docs/mesh.md) before this stack, or pass the
  // resources that install it as `injectorInstalledBy` so that the label and every meshed pod wait for them.
  const injection = new MeshSidecarInjection(workloads, 'injection', { namespace: 'default' });

  const payments = new MeshWorkload(workloads, 'payments', {
    identity: server,
    name: 'app1',
    image: ECHO_IMAGE,
    port: 8000,
    env: { HTTP_PORT: '8000' },
    proxyMetadata: { app: 'payments' },
    service: { name: 'service-test', port: 80, negName: 'service-test-neg' },
    injection,
  });
  // Pods with mesh certificates wait for the cluster's WorkloadCertificates by themselves.
  new MeshDemoClient(workloads, 'client-app', { identity: client, injection });

  // 3. traffic ----------------------------------------------------------------------------------------
  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id, region });
  // The authorization policy exists only in the google-beta provider.
  new GoogleBetaProvider(traffic, 'google-beta', { project: project.id, region });

  const service = new SecureMeshService(traffic, 'service-test', {
    mesh,
    workload: payments,
    neg: { zones },
    healthCheck: { name: 'td-gke-health-check' },
    // Targets the tag of every node pool of the workload's cluster: allow-health-checks.
    healthCheckFirewall: { name: 'fw-allow-health-checks' },
    resourceNames: {
      serverTlsPolicy: 'server-mtls-policy',
      authorizationPolicy: 'authz-policy',
      endpointPolicy: 'ep',
      backendService: 'td-gke-service',
      httpRoute: 'helloworld-http-route',
    },
  });
  // The guide's authz-policy: the client may GET on port 8000 of service-test ...
  service.allow(client.principal, { methods: ['GET'] });

  const gateway = new MeshIngressGateway(traffic, 'gateway', {
    mesh,
    name: 'td-gke-gateway',
    scope: 'gateway-proxy',
    hostname: 'mesh-gateway',
    port: 8080,
    routeTo: service,
    identity: client,
    serverTlsPolicyName: 'server-tls-policy',
    routeName: 'td-gke-route',
  });
  // ... and through the gateway (which runs as the client), with the host mesh-gateway.
  service.allowGateway(gateway, { methods: ['GET'] });
  // The gateway's Envoy: Service mesh-gateway:443 -> 8080, in the workloads stack.
  gateway.addProxy(workloads, 'gateway-proxy');

  // The guide's "Verify" steps as Jobs that fail when an expectation fails (docs/verification.md). They live
  // in this stack, after the route and the policies they test; a check in the workloads stack would run
  // before any of them exists. After `cdktf deploy platform workloads traffic`:
  // kubectl wait --for=condition=complete job -l app.kubernetes.io/component=verification -n default --timeout=660s
  // GET service-test from a meshed pod running as the client: HTTP 200 and x-forwarded-client-cert naming both identities.
  new MeshMtlsCheck(traffic, 'mesh-mtls-check', { identity: client, service });
  // POST service-test as the client: refused by the authorization policy with HTTP 403 (RBAC: access denied).
  new MeshAuthorizationCheck(traffic, 'mesh-authorization-check', { identity: client, service, method: 'POST' });
  // GET https://mesh-gateway from a pod without a sidecar: HTTP 200, and mTLS from the gateway to app1.
  new MeshGatewayCheck(traffic, 'mesh-gateway-check', { gateway, service });

  // The rule pack: errors fail the synth, warnings need a fix or a suppression with a reason.
  SecurityChecks.applyTo(app);
}
