import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  AdoptedWorkloadIdentityCluster, GcpProject, GoogleIdentity, KubernetesAccess, ProjectServices, ReleaseChannel,
  SecurityChecks, WorkloadMetadata,
} from '../../lib';

/**
 * Guide 001, "updating an existing cluster" and "updating an existing node pool": an existing zonal
 * cluster and its pools are imported, the workload pool is enabled and one pool switches to the GKE
 * metadata server, all in place. A second pool keeps GCE_METADATA explicitly (the guide's way to disable
 * Workload Identity on one pool). The workloads stack gives an operator the RBAC permission whose absence
 * produces the troubleshooting guide's `Forbidden … requires one of ["container.roles.list"]` error.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region: 'us-east1' });
  // The troubleshooting guide's first check: the IAM Credentials API must be on for Workload Identity.
  new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });

  const cluster = new AdoptedWorkloadIdentityCluster(platform, 'existing-cluster', {
    project,
    name: 'legacy-cluster',
    location: 'us-east1-b',
    zonal: true,
    dataplaneV2: false,
    releaseChannel: ReleaseChannel.REGULAR,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.adoptNodePool('default-pool', { name: 'default-pool' });
  const batchPool = cluster.adoptNodePool('batch-pool', {
    name: 'batch-pool',
    workloadMetadata: WorkloadMetadata.GCE_METADATA,
    allowGceMetadata: true,
  });

  // Guide 000, first section: let the operator list Roles in kube-system through RBAC, and reach the API
  // through roles/container.clusterViewer (no Kubernetes permissions of its own).
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region: 'us-east1' });
  new KubernetesAccess(workloads, 'operator-role-reader', {
    cluster,
    identity: GoogleIdentity.user('example-account@example.com'),
    name: 'role-reader',
    namespace: 'kube-system',
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'list', 'watch'] }],
  });

  SecurityChecks.applyTo(app);
  SecurityChecks.suppress(cluster, 'WI-6', 'The existing cluster is zonal and its location cannot change in place; ' +
    'moving to a regional cluster is a migration planned outside this adoption.');
  SecurityChecks.suppress(batchPool, 'NODE-1', 'The batch pool keeps GCE_METADATA on purpose until its jobs move to ' +
    'Workload Identity, the guide\'s explicit per-pool opt-out.');
}
