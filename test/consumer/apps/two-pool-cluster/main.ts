// A Standard cluster in its own VPC with two concealed node pools: a general pool and a tainted pool of
// Spot VMs for batch work, both autoscaled, running as one least-privilege node service account that may
// read one Artifact Registry repository; Cloud NAT for public images; a nightly CronJob placed on the Spot
// pool (its taint tolerated, its nodes selected). Written as a user outside the
// repository writes it: only the package and provider deep paths are imported. Built by
// test/consumer/consumer-test.js from the installed tarball.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import {
  ArtifactRegistryAccess, GcpProject, NodeServiceAccount, PrivateNodesNat, ProjectServices, SecurityChecks, TaintEffect,
  WorkloadCronJob, WorkloadIdentityCluster, WorkloadPlacement,
} from 'cdktf-gke-secure-mesh';

const app = new App();
const project = new GcpProject({ id: 'batch-prod', number: '864209753186' });
const region = 'asia-northeast1';

const platform = new TerraformStack(app, 'platform');
new GoogleProvider(platform, 'google', { project: project.id, region });
const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });

// A custom-mode VPC: the nodes' subnetwork with secondary ranges for pods and services.
const network = new ComputeNetwork(platform, 'network', { name: 'batch-vpc', autoCreateSubnetworks: false, dependsOn: apis.resources });
const subnetwork = new ComputeSubnetwork(platform, 'nodes-subnet', {
  name: 'batch-nodes', network: network.id, region, ipCidrRange: '10.30.0.0/20', privateIpGoogleAccess: true,
  secondaryIpRange: [
    { rangeName: 'pods', ipCidrRange: '10.32.0.0/14' },
    { rangeName: 'services', ipCidrRange: '10.36.0.0/20' },
  ],
});

const nodes = new NodeServiceAccount(platform, 'node-sa', {
  project, accountId: 'batch-nodes', displayName: 'Nodes of the batch cluster',
  artifactRegistryAccess: ArtifactRegistryAccess.repositories([{ location: region, repository: 'batch-images' }]),
});
const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
  project, name: 'batch', location: region, apis, nodeServiceAccount: nodes,
  network: network.name, subnetwork: subnetwork.name, podsRangeName: 'pods', servicesRangeName: 'services',
  authorizedNetworks: [{ cidr: '172.20.0.0/16', name: 'ops-vpn' }],
  labels: { team: 'data', env: 'prod' },
});
cluster.addNodePool('general', { machineType: 'e2-standard-4', minNodes: 1, maxNodes: 4 });
const spotPool = cluster.addNodePool('spot-batch', {
  machineType: 'n2-highmem-8', spot: true, minNodes: 0, maxNodes: 20,
  labels: { workload: 'batch' },
  taints: [{ key: 'workload', value: 'batch', effect: TaintEffect.NO_SCHEDULE }],
  resourceLabels: { cost_center: 'batch' },
});
new PrivateNodesNat(platform, 'nat', { project, network: network.name, region });

// The batch job runs on the Spot pool only: it tolerates the pool's taint and selects the pool's nodes.
const workloads = new TerraformStack(app, 'workloads');
new GoogleProvider(workloads, 'google', { project: project.id, region });
const reindexer = cluster.addWorkloadIdentity(workloads, 'reindexer', { namespace: 'batch', name: 'reindexer', createNamespace: true });
new WorkloadCronJob(workloads, 'nightly-reindex', {
  identity: reindexer,
  schedule: '30 1 * * *',
  image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
  command: ['gcloud', 'storage', 'ls'],
  resourceRequests: { cpu: '500m', memory: '1Gi' },
  pod: { placement: WorkloadPlacement.onPool(spotPool) },
});

SecurityChecks.applyTo(app);
app.synth();
