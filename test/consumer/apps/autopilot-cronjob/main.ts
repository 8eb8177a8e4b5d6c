// An Autopilot cluster and a nightly CronJob that reads a bucket through Workload Identity, written as a
// user outside the repository writes it: only the package and provider deep paths are imported. Built by
// test/consumer/consumer-test.js from the installed tarball.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import {
  ConcurrencyPolicy, GcpProject, MaintenanceWindow, ProjectServices, SecurityChecks, WorkloadCronJob, WorkloadIdentityAutopilotCluster,
} from 'cdktf-gke-secure-mesh';

const app = new App();
const project = new GcpProject({ id: 'reports-prod', number: '246813579024' });
const region = 'us-central1';

const platform = new TerraformStack(app, 'platform');
new GoogleProvider(platform, 'google', { project: project.id, region });
const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
const cluster = new WorkloadIdentityAutopilotCluster(platform, 'autopilot', {
  project, name: 'reports', location: region, apis,
  authorizedNetworks: [{ cidr: '192.168.0.0/16', name: 'office' }],
  labels: { team: 'reports', env: 'prod' },
  maintenanceWindow: MaintenanceWindow.daily('03:00'),
});
const bucket = new StorageBucket(platform, 'exports', {
  name: 'reports-prod-exports', location: 'US-CENTRAL1', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced',
});

// The job's own Kubernetes service account, granted read access to the bucket as itself (principal://…),
// with no Google service account and no key. The image is Google-hosted, so private nodes pull it without NAT.
const workloads = new TerraformStack(app, 'workloads');
new GoogleProvider(workloads, 'google', { project: project.id, region });
const exporter = cluster.addWorkloadIdentity(workloads, 'exporter', { namespace: 'reports', name: 'exporter', createNamespace: true });
exporter.grantBucketRole('roles/storage.objectViewer', bucket.name);
new WorkloadCronJob(workloads, 'nightly-export', {
  identity: exporter,
  schedule: '0 2 * * *',
  timeZone: 'Asia/Tokyo',
  image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
  command: ['gcloud', 'storage', 'ls', 'gs://reports-prod-exports'],
  concurrencyPolicy: ConcurrencyPolicy.FORBID,
  resourceRequests: { cpu: '250m', memory: '512Mi' },
});

SecurityChecks.applyTo(app);
app.synth();
