import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import {
  GcpProject, PrivateNodesNat, ProjectServices, SecurityChecks, WorkloadIdentityCheck, WorkloadIdentityCluster,
  WorkloadPodSettings,
} from '../../lib';

/**
 * Guide 001 (authenticating GKE workloads to Google Cloud APIs) end to end. The platform stack creates
 * the cluster with its workload pool, a node pool with the GKE metadata server, and the guide's test
 * bucket. The workloads stack creates the namespace and Kubernetes service accounts and grants them access:
 * directly to the KSA's principal (the recommended path), with a credential quota project, and through a
 * linked Google service account (the alternative). It ends with the guide's test Pod, and the same test as a
 * Job that fails when the KSA cannot list the bucket (docs/verification.md).
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';

  // Platform: APIs, the Standard cluster with Workload Identity Federation, a GKE_METADATA node pool.
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'wi-cluster',
    location: region,
    apis,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('wi-pool', { machineType: 'e2-standard-2' });
  // Private nodes have no external address: Cloud NAT lets them pull public images (Docker Hub).
  new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });

  // "Verify the setup", step 1: an empty bucket (uniform access, never public). Its name crosses to the
  // workloads stack as a plain string: that stack deploys after this one.
  const bucketName = 'demo-proj-wi-test';
  new StorageBucket(platform, 'test-bucket', {
    name: bucketName,
    location: 'US-EAST1',
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
  });

  // Workloads: Kubernetes objects and grants, deployed after the platform.
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });

  // "Configure authorization and principals": namespace, KSA, and roles/container.clusterViewer on the
  // project granted straight to principal://…/subject/ns/wi-test/sa/wi-test-ksa.
  const identity = cluster.addWorkloadIdentity(workloads, 'test-identity', {
    namespace: 'wi-test',
    name: 'wi-test-ksa',
    createNamespace: true,
    projectRoles: ['roles/container.clusterViewer'],
  });
  // "Verify", step 2: roles/storage.objectViewer on the bucket for the same principal.
  identity.grantBucketRole('roles/storage.objectViewer', bucketName);

  // "Use quota from a different project": the KSA may spend the quota project's IAM Credentials quota.
  cluster.addWorkloadIdentity(workloads, 'quota-identity', {
    namespace: 'wi-test',
    name: 'wi-quota-ksa',
    quotaProject: 'demo-quota-proj',
  });

  // "Alternative: link the KSA to IAM": a Google service account with the role the API needs,
  // roles/iam.workloadIdentityUser for exactly this KSA, and the iam.gke.io/gcp-service-account annotation.
  cluster.addWorkloadIdentity(workloads, 'linked-identity', {
    namespace: 'wi-test',
    name: 'wi-linked-ksa',
    linkedServiceAccount: { accountId: 'wi-linked-gsa', displayName: 'Linked workload identity', projectRoles: ['roles/spanner.viewer'] },
  });

  // "Verify", steps 3-4: the test Pod, as the KSA, on nodes with the GKE metadata server (Standard only).
  const pod = WorkloadPodSettings.of(identity);
  new PodV1(workloads, 'test-pod', {
    provider: identity.kubernetesProvider,
    metadata: { name: 'test-pod', namespace: pod.namespace },
    spec: {
      serviceAccountName: pod.serviceAccountName,
      automountServiceAccountToken: pod.automountServiceAccountToken,
      nodeSelector: pod.nodeSelector,
      container: [{
        name: 'test-pod',
        image: 'google/cloud-sdk:slim',
        command: ['sleep', 'infinity'],
        resources: { requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '10Mi' } },
      }],
    },
    dependsOn: identity.dependables,
  });

  // The same steps as a Job, for pipelines: it lists the bucket as the KSA and fails when it cannot. After
  // `cdktf deploy`: kubectl wait --for=condition=complete job/workload-identity-check -n wi-test --timeout=660s
  new WorkloadIdentityCheck(workloads, 'workload-identity-check', { identity, bucket: bucketName });

  SecurityChecks.applyTo(app);
}
