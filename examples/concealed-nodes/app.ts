import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ArtifactRegistryAccess, GcpProject, NodeServiceAccount, ProjectServices, SecurityChecks, WorkloadIdentityCluster,
} from '../../lib';

/**
 * Guide 004 (protecting cluster metadata): a least-privilege node service account and a node pool whose
 * pods cannot read kube-env or the node's instance identity token, on a Workload Identity cluster.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';

  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });

  // Step 1 of the guide: the node service account with monitoring.metricWriter, monitoring.viewer,
  // logging.logWriter, and artifactregistry.reader because the cluster pulls private images.
  const nodeSa = new NodeServiceAccount(platform, 'node-sa', {
    project,
    accountId: 'concealed-nodes',
    displayName: 'Concealed GKE nodes',
    artifactRegistryAccess: ArtifactRegistryAccess.PROJECT,
  });

  // The cluster and the pool: GKE_METADATA is today's form of --workload-metadata-from-node=SECURE.
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'concealed-cluster',
    location: region,
    apis,
    nodeServiceAccount: nodeSa,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('concealed-pool', { machineType: 'e2-standard-2', nodeCount: 1 });

  // The rule pack: errors fail synth, warnings must be fixed or suppressed with a reason.
  SecurityChecks.applyTo(app);
}
