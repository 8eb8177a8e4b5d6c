import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ArtifactRegistryAccess, GcpProject, MetadataConcealmentCheck, NodeServiceAccount, PrivateNodesNat,
  ProjectServices, SecurityChecks, WorkloadIdentityCluster,
} from '../../lib';

/**
 * Guide 004 (protecting cluster metadata): a least-privilege node service account and a node pool whose
 * pods cannot read kube-env or the node's instance identity token, on a Workload Identity cluster; then,
 * in a `workloads` stack deployed after it, the guide's check that the metadata is concealed, as a Job.
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
  const pool = cluster.addNodePool('concealed-pool', { machineType: 'e2-standard-2', nodeCount: 1 });
  // Private nodes have no external address: Cloud NAT lets them pull public images (Docker Hub).
  new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });

  // "Verify that the identity token metadata is concealed": a pod on concealed-pool, running as a KSA linked to
  // no Google service account, must get "This metadata endpoint is concealed." for kube-env and no instance
  // identity token. After `cdktf deploy platform workloads`:
  // kubectl wait --for=condition=complete job/metadata-concealment-check -n default --timeout=660s
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  new MetadataConcealmentCheck(workloads, 'metadata-concealment-check', { cluster, nodePool: pool });

  // The rule pack: errors fail synth, warnings must be fixed or suppressed with a reason.
  SecurityChecks.applyTo(app);
}
