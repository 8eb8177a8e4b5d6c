import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AdoptedWorkloadIdentityCluster, GcpProject, ReleaseChannel, WorkloadMetadata } from '../../lib';

/**
 * Guide 001, "updating an existing cluster" and "updating an existing node pool": an existing zonal
 * cluster and its pools are imported, the workload pool is enabled and one pool switches to the GKE
 * metadata server, all in place. A second pool keeps GCE_METADATA explicitly (the guide's way to disable
 * Workload Identity on one pool).
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region: 'us-east1' });

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
  cluster.adoptNodePool('batch-pool', {
    name: 'batch-pool',
    workloadMetadata: WorkloadMetadata.GCE_METADATA,
    allowGceMetadata: true,
  });
}
