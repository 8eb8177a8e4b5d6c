import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import {
  ArtifactRegistryAccess, GcpProject, MetadataServerEgressPolicy, NodeServiceAccount, ProjectServices, SecurityChecks,
  WorkloadIdentityCheck, WorkloadIdentityCluster, WorkloadPodSettings,
} from '../../lib';

/** The application image, in the project's Artifact Registry repository `apps`. */
const APP_IMAGE = 'us-east1-docker.pkg.dev/demo-proj/apps/payments:1.0';
/** Google's own Cloud SDK image (gcloud, bash, curl), served from Container Registry. */
const CLOUD_SDK_IMAGE = 'gcr.io/google.com/cloudsdktool/google-cloud-cli:slim';

/**
 * Guide 000 (troubleshooting), "Pod が Google Cloud で認証されない", check 6: a namespace whose egress is denied
 * by default still lets its pods reach the GKE metadata server, so Workload Identity keeps working.
 *
 * The namespace `payments` gets a default-deny egress NetworkPolicy, then one policy per destination its pods
 * need: cluster DNS, the GKE metadata server (`MetadataServerEgressPolicy`, whose addresses follow the
 * cluster's version and Dataplane V2), and HTTPS to addresses outside the private ranges (Google APIs).
 * The cluster has no Cloud NAT: its private nodes reach only Google's registries, so every image comes from
 * Artifact Registry, which the node service account may read, or from gcr.io (docs/clusters.md).
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';

  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
  const nodeServiceAccount = new NodeServiceAccount(platform, 'node-sa', {
    project,
    accountId: 'locked-down-nodes',
    artifactRegistryAccess: ArtifactRegistryAccess.repositories([{ location: region, repository: 'apps' }]),
  });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'locked-down-cluster',
    location: region,
    apis,
    nodeServiceAccount,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('pool', { machineType: 'e2-standard-2' });
  const bucketName = 'demo-proj-payments-data';
  new StorageBucket(platform, 'data', {
    name: bucketName, location: 'US-EAST1', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced',
  });

  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  const identity = cluster.addWorkloadIdentity(workloads, 'payments', { namespace: 'payments', name: 'payments-app', createNamespace: true });
  identity.grantBucketRole('roles/storage.objectViewer', bucketName);
  const provider = identity.kubernetesProvider;
  const namespace = 'payments';

  // Deny all egress of every pod of the namespace, then allow what the pods need, one policy each.
  new NetworkPolicyV1(workloads, 'default-deny-egress', {
    provider,
    metadata: { name: 'default-deny-egress', namespace },
    spec: { podSelector: {}, policyTypes: ['Egress'] },
    dependsOn: identity.dependables,
  });
  new NetworkPolicyV1(workloads, 'allow-dns', {
    provider,
    metadata: { name: 'allow-dns', namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
      }],
    },
    dependsOn: identity.dependables,
  });
  // Guide 000: without this policy, the pods' Workload Identity tokens time out.
  new MetadataServerEgressPolicy(workloads, 'metadata-server', { cluster, namespace, kubernetesProvider: provider, dependsOn: identity.dependables });
  new NetworkPolicyV1(workloads, 'allow-google-apis', {
    provider,
    metadata: { name: 'allow-https-outside-the-vpc', namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }],
        ports: [{ port: '443', protocol: 'TCP' }],
      }],
    },
    dependsOn: identity.dependables,
  });

  // The application: waits for the metadata server, and sets GCE_METADATA_HOST so client libraries skip DNS.
  const pod = WorkloadPodSettings.of(identity, { waitForMetadataServer: true, waitImage: CLOUD_SDK_IMAGE, metadataHostEnv: true });
  new DeploymentV1(workloads, 'payments-app', {
    provider,
    metadata: { name: 'payments', namespace },
    spec: {
      replicas: '2',
      selector: { matchLabels: { app: 'payments' } },
      template: {
        metadata: { labels: { app: 'payments' } },
        spec: {
          serviceAccountName: pod.serviceAccountName,
          automountServiceAccountToken: pod.automountServiceAccountToken,
          nodeSelector: pod.nodeSelector,
          initContainer: pod.initContainers,
          container: [{ name: 'payments', image: APP_IMAGE, env: pod.env, resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
        },
      },
    },
    waitForRollout: false,
    dependsOn: identity.dependables,
  });

  // Proof after `cdktf deploy platform workloads`, through the same policies: the check lists the bucket as the KSA.
  // kubectl wait --for=condition=complete job/workload-identity-check -n payments --timeout=660s
  new WorkloadIdentityCheck(workloads, 'workload-identity-check', { identity, bucket: bucketName, image: CLOUD_SDK_IMAGE });

  SecurityChecks.applyTo(app);
}
