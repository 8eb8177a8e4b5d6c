import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import {
  GcpProject, MeshCertificateAuthority, MeshDemoClient, MeshSidecarInjection, MeshWorkload, MultiClusterMesh,
  PrivateNodesNat, ProjectServices, SecureMeshService, SecurityChecks, ServiceMesh, WorkloadCertificates,
  WorkloadIdentityCluster,
} from '../../lib';

/** An HTTP server that answers with the request it received, headers included, on HTTP_PORT. */
const ECHO_IMAGE = 'mendhak/http-https-echo:31';
/** The server's application port: the NEG endpoints' port, which client sidecars in the other cluster connect to. */
const SERVER_PORT = 8000;

/** The address plan of one cluster: its subnetwork, its Pod and Service ranges and its control plane. */
interface ClusterPlan {
  /** The cluster name. */
  readonly name: string;
  /** The subnetwork's primary range (the nodes). */
  readonly nodes: string;
  /** The Pod range: a secondary range of the subnetwork, so the firewall can name it at synth. */
  readonly pods: string;
  /** The Service range, another secondary range. */
  readonly services: string;
  /** The private control plane's /28; each private cluster of one network needs its own. */
  readonly controlPlane: string;
}

/** The guide's two clusters, with its Pod ranges (cluster-a 10.4.0.0/14, cluster-b 10.8.0.0/14). */
const CLUSTER_A: ClusterPlan = { name: 'cluster-a', nodes: '10.0.0.0/20', pods: '10.4.0.0/14', services: '10.0.32.0/20', controlPlane: '172.16.0.0/28' };
const CLUSTER_B: ClusterPlan = { name: 'cluster-b', nodes: '10.0.16.0/20', pods: '10.8.0.0/14', services: '10.0.48.0/20', controlPlane: '172.16.0.16/28' };

/**
 * Guide 002 across two clusters ("deploying in a multi-cluster environment"): the demo client runs in
 * cluster-a, the server in cluster-b, and the client reaches the server over mesh mTLS. Three stacks,
 * deployed in order as for one cluster: `cdktf deploy platform workloads traffic` (docs/mesh.md).
 *
 * - platform: APIs; one VPC network with a subnetwork per cluster whose secondary ranges hold the Pod and
 *   Service ranges, and Cloud NAT so the private nodes can pull public images; both clusters in the project's
 *   fleet and trust domain with mesh certificates, their nodes tagged per cluster; the firewall rules
 *   per-cluster-a-pods and per-cluster-b-pods that admit each cluster's pods to the other's nodes; one CA
 *   hierarchy issuing for both; the Mesh.
 * - workloads: one kubernetes provider per cluster (aliases cluster-a and cluster-b); in each cluster the
 *   WorkloadCertificateConfig and TrustConfig and sidecar injection for `default`; the server (app1 behind
 *   service-test, NEG service-test-neg) in cluster-b, the demo client in cluster-a.
 * - traffic: the secure service over the NEGs in cluster-b's zones, its health check and firewall on
 *   cluster-b's nodes, and the client's permission to GET.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';
  // The server cluster's zones: its regional node pool spans them, and GKE creates one NEG per zone there.
  const serverZones = ['us-east1-b', 'us-east1-c', 'us-east1-d'];

  // 1. platform ---------------------------------------------------------------------------------------
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });

  const networkName = 'mesh-network';
  const network = new ComputeNetwork(platform, 'network', {
    name: networkName,
    autoCreateSubnetworks: false,
    routingMode: 'REGIONAL',
    dependsOn: apis.resources,
  });
  // Private nodes have no external address: Cloud NAT lets them pull the demo's public images.
  new PrivateNodesNat(platform, 'nat', { project, network: network.id, region, name: 'mesh-router' });

  /** A mesh cluster of the guide: Workload Identity, mesh certificates, fleet, on its own subnetwork. */
  const meshCluster = (scope: Construct, plan: ClusterPlan): WorkloadIdentityCluster => {
    const subnetwork = new ComputeSubnetwork(scope, `${plan.name}-subnetwork`, {
      name: `${plan.name}-nodes`,
      network: network.id,
      region,
      ipCidrRange: plan.nodes,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: `${plan.name}-pods`, ipCidrRange: plan.pods },
        { rangeName: `${plan.name}-services`, ipCidrRange: plan.services },
      ],
    });
    const cluster = new WorkloadIdentityCluster(scope, plan.name, {
      project,
      name: plan.name,
      location: region,
      apis,
      network: network.name,
      subnetwork: subnetwork.name,
      podsRangeName: `${plan.name}-pods`,
      servicesRangeName: `${plan.name}-services`,
      controlPlaneCidr: plan.controlPlane,
      meshCertificates: true,
      fleet: true,
      authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
    });
    // One tag per cluster: the other cluster's firewall rule and, for the server, the health-check rule target it.
    cluster.addNodePool('nodes', { machineType: 'e2-standard-2', networkTags: [`${plan.name}-nodes`] });
    return cluster;
  };
  const clientCluster = meshCluster(platform, CLUSTER_A);
  const serverCluster = meshCluster(platform, CLUSTER_B);

  // One fleet, one trust domain (demo-proj.svc.id.goog), one network; per-cluster-a-pods admits cluster-a's
  // pods to cluster-b's nodes and per-cluster-b-pods the reverse, on the server's port only (the guide opens
  // every protocol: allowAllTraffic).
  new MultiClusterMesh(platform, 'multi-cluster', {
    clusters: [
      { cluster: clientCluster, podCidr: CLUSTER_A.pods },
      { cluster: serverCluster, podCidr: CLUSTER_B.pods },
    ],
    ports: [SERVER_PORT],
  });

  const ca = new MeshCertificateAuthority(platform, 'ca', {
    project,
    location: region,
    organization: 'TestCorpLLC',
    apis,
    root: { poolId: 'td-sec-pool', caId: 'pkcs2-ca' },
    subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
  });
  // The grant goes to the project's GKE service agent, which issues for both clusters.
  ca.grantMeshCertificateIssuance(clientCluster);
  ca.grantMeshCertificateIssuance(serverCluster);

  const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'sidecar-mesh' });

  // 2. workloads --------------------------------------------------------------------------------------
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  // One stack, two clusters: every Kubernetes resource names its cluster's provider. Identities and
  // certificates find the provider of their cluster themselves; the injections are given theirs.
  const toClientCluster = clientCluster.connect(workloads, { alias: CLUSTER_A.name });
  const toServerCluster = serverCluster.connect(workloads, { alias: CLUSTER_B.name });

  new WorkloadCertificates(workloads, 'certs-a', { cluster: clientCluster, authority: ca });
  new WorkloadCertificates(workloads, 'certs-b', { cluster: serverCluster, authority: ca });

  // One trust domain: demo-client and demo-server have the same SPIFFE ids in either cluster.
  const envoy = mesh.addProxyServiceAccount(workloads, 'envoy');
  const server = serverCluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server', linkedTo: envoy });
  const client = clientCluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client', linkedTo: envoy });

  // Hook: install the Envoy sidecar injector in both clusters before this stack (docs/mesh.md).
  const clientInjection = new MeshSidecarInjection(workloads, 'injection-a', { namespace: 'default', kubernetesProvider: toClientCluster });
  const serverInjection = new MeshSidecarInjection(workloads, 'injection-b', { namespace: 'default', kubernetesProvider: toServerCluster });

  const payments = new MeshWorkload(workloads, 'payments', {
    identity: server,
    name: 'app1',
    image: ECHO_IMAGE,
    port: SERVER_PORT,
    env: { HTTP_PORT: String(SERVER_PORT) },
    proxyMetadata: { app: 'payments' },
    service: { name: 'service-test', port: 80, negName: 'service-test-neg' },
    injection: serverInjection,
  });
  // Each Deployment waits for the WorkloadCertificates of its own cluster by itself.
  new MeshDemoClient(workloads, 'client-app', { identity: client, injection: clientInjection });

  // 3. traffic ----------------------------------------------------------------------------------------
  const traffic = new TerraformStack(app, 'traffic');
  new GoogleProvider(traffic, 'google', { project: project.id, region });
  // The authorization policy exists only in the google-beta provider.
  new GoogleBetaProvider(traffic, 'google-beta', { project: project.id, region });

  const service = new SecureMeshService(traffic, 'service-test', {
    mesh,
    workload: payments,
    // The NEGs GKE creates in the server cluster's zones.
    neg: { zones: serverZones },
    healthCheck: { name: 'td-gke-health-check' },
    // Targets the server cluster's node pool tag (cluster-b-nodes). The network by name, known at synth, so
    // no value of the platform stack's state is read.
    healthCheckFirewall: { name: 'fw-allow-health-checks', network: networkName },
  });
  // The client in cluster-a may GET service-test in cluster-b.
  service.allow(client.principal, { methods: ['GET'] });

  // The rule pack: errors fail the synth, warnings need a fix or a suppression with a reason.
  SecurityChecks.applyTo(app);
}
