import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import {
  GcpProject, ImagePullPolicy, PrivateNodesNat, ProjectServices, SecurityChecks, WorkloadCronJob,
  WorkloadIdentityCluster, WorkloadServiceAccount,
} from '../../lib';

/**
 * Guide 003 (a CronJob that calls Google Cloud APIs with Workload Identity, no downloaded key): a custom
 * VPC with Private Google Access, a private VPC-native cluster behind master authorized networks, a Google
 * service account with the one role the job needs, `roles/iam.workloadIdentityUser` on it for the job's
 * KSA, the annotated KSA in its namespace, and a `batch/v1` CronJob that runs `gcloud projects describe` as
 * that KSA. No service account key exists anywhere.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';

  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });

  // Step 01-02: the Google service account and its role. `gcloud projects describe` needs
  // resourcemanager.projects.get, which roles/browser carries (and nothing that reads project data).
  const jobAccount = new WorkloadServiceAccount(platform, 'job-gsa', {
    project,
    accountId: 'wi-cronjob',
    displayName: 'My Google Service Account',
    description: 'Runs the workload-identity-test CronJob through Workload Identity; no keys.',
    projectRoles: ['roles/browser'],
  });

  // Step 03: a custom-mode network with a regional subnetwork and Private Google Access.
  const network = new ComputeNetwork(platform, 'network', {
    name: 'wi-cronjob-network',
    autoCreateSubnetworks: false,
    routingMode: 'REGIONAL',
    dependsOn: apis.resources,
  });
  const subnetwork = new ComputeSubnetwork(platform, 'subnetwork', {
    name: 'wi-cronjob-subnet',
    network: network.id,
    region,
    ipCidrRange: '10.10.0.0/20',
    privateIpGoogleAccess: true,
  });

  // Step 04: the private VPC-native cluster behind master authorized networks. The guide's cluster is
  // zonal; this one is regional, because a zonal control plane is unavailable during maintenance and
  // Workload Identity then fails (troubleshooting guide).
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'wi-cronjob-cluster',
    location: region,
    apis,
    network: network.name,
    subnetwork: subnetwork.name,
    controlPlaneCidr: '172.16.0.16/28',
    authorizedNetworks: [{ cidr: '203.0.113.0/24', name: 'operators' }],
  });
  cluster.addNodePool('batch-pool', { machineType: 'n1-standard-1', spot: true, diskSizeGb: 100, diskType: 'pd-standard' });
  // Private nodes have no external address: Cloud NAT lets them pull public images (Docker Hub).
  new PrivateNodesNat(platform, 'nat', { project, network: network.name, region });

  // Step 05-06: roles/iam.workloadIdentityUser on the GSA for exactly this KSA, and the namespace and the
  // KSA annotated with iam.gke.io/gcp-service-account.
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  const identity = cluster.addWorkloadIdentity(workloads, 'job-identity', {
    namespace: 'wi-cronjob',
    name: 'wi-cronjob-ksa',
    createNamespace: true,
    linkedTo: jobAccount,
  });

  // Step 08: the CronJob (batch/v1 replaces the guide's batch/v1beta1), once a minute, as the KSA.
  new WorkloadCronJob(workloads, 'job', {
    identity,
    name: 'workload-identity-test',
    schedule: '*/1 * * * *',
    image: 'google/cloud-sdk',
    imagePullPolicy: ImagePullPolicy.ALWAYS,
    command: ['gcloud', 'projects', 'describe', project.id],
  });

  SecurityChecks.applyTo(app);
}
