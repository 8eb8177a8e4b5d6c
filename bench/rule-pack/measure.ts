// Times the rule pack alone on a mixed app of about BENCH_RESOURCES resources written with raw provider
// classes: clusters and node pools, Google service accounts with project and Workload Identity grants,
// Kubernetes service accounts, Deployments, RoleBindings, Deployment manifests and mesh authorization
// policies. Building the constructs is not timed; the printed time is the pack's: indexing every resolved
// resource and running every rule (SecurityChecks.findingsOf runs the same analysis as synthesis).
//   node -r ./scripts/register-ts.js bench/rule-pack/measure.ts 3000
import { App, TerraformStack } from 'cdktf';
import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { SecurityChecks } from '../../lib';

const PROJECT = 'bench-proj';
const POOL = `${PROJECT}.svc.id.goog`;
/** Resources one unit writes (see `unit`). */
const PER_UNIT = 8;

function cluster(stack: TerraformStack, i: number): ContainerCluster {
  const c = new ContainerCluster(stack, `cluster-${i}`, {
    name: `c${i}`, location: 'us-east1', removeDefaultNodePool: true, initialNodeCount: 1,
    workloadIdentityConfig: { workloadPool: POOL }, releaseChannel: { channel: 'REGULAR' },
    privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: '172.16.0.0/28' },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '10.0.0.0/8' }] }, datapathProvider: 'ADVANCED_DATAPATH',
  });
  new ContainerNodePool(stack, `pool-${i}`, {
    cluster: c.name, location: 'us-east1', nodeCount: 1,
    nodeConfig: { serviceAccount: `nodes@${PROJECT}.iam.gserviceaccount.com`, workloadMetadataConfig: { mode: 'GKE_METADATA' } },
  });
  return c;
}

/** One workload: its Google and Kubernetes identities, grants, Deployment, manifest and authorization policy. */
function unit(platform: TerraformStack, workloads: TerraformStack, i: number): void {
  const ns = `ns-${Math.floor(i / 50)}`;
  const gsa = new ServiceAccount(platform, `gsa-${i}`, { accountId: `app-${i}` });
  new ProjectIamMember(platform, `logs-${i}`, { project: PROJECT, role: 'roles/logging.logWriter', member: `serviceAccount:${gsa.email}` });
  new ServiceAccountIamMember(platform, `wi-${i}`, { serviceAccountId: gsa.name, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${POOL}[${ns}/app-${i}]` });
  new GoogleNetworkSecurityAuthorizationPolicy(platform, `authz-${i}`, {
    provider: platform.node.findChild('google-beta') as GoogleBetaProvider, name: `authz-${i}`, action: 'ALLOW',
    rules: [{ sources: [{ principals: [`spiffe://${POOL}/ns/${ns}/sa/client`] }], destinations: [{ hosts: [`app-${i}`], ports: [8000], methods: ['GET'] }] }],
  });
  new ServiceAccountV1(workloads, `ksa-${i}`, {
    metadata: { name: `app-${i}`, namespace: ns, annotations: { 'iam.gke.io/gcp-service-account': `app-${i}@${PROJECT}.iam.gserviceaccount.com` } },
    automountServiceAccountToken: false,
  });
  new DeploymentV1(workloads, `app-${i}`, {
    metadata: { name: `app-${i}`, namespace: ns },
    spec: {
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: {
          serviceAccountName: `app-${i}`, automountServiceAccountToken: false,
          container: [{ name: 'app', image: 'example.com/app@sha256:0', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } }],
        },
      },
    },
  });
  new RoleBindingV1(workloads, `rb-${i}`, {
    metadata: { name: `view-${i}`, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subject: [{ kind: 'Group', name: `team-${i}@example.com`, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  new Manifest(workloads, `job-${i}`, {
    manifest: {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `job-${i}`, namespace: ns },
      spec: { template: { spec: { automountServiceAccountToken: false, containers: [{ name: 'job', image: 'example.com/job@sha256:0', securityContext: { allowPrivilegeEscalation: false } }] } } },
    },
  });
}

const target = Number(process.argv.filter((a) => /^\d+$/.test(a))[0] ?? process.env.BENCH_RESOURCES);
if (!Number.isInteger(target) || target < PER_UNIT) throw new Error(`usage: measure.ts <resources, at least ${PER_UNIT}>; got ${target}`);

const app = new App({ outdir: process.env.CDKTF_OUTDIR });
const platform = new TerraformStack(app, 'platform');
const workloads = new TerraformStack(app, 'workloads');
new GoogleProvider(platform, 'google', { project: PROJECT, region: 'us-east1' });
new GoogleBetaProvider(platform, 'google-beta', { project: PROJECT });
new GoogleProvider(workloads, 'google', { project: PROJECT });
new KubernetesProvider(workloads, 'kubernetes', { host: 'https://${google_container_cluster.cluster-0.endpoint}' });
const units = Math.max(1, Math.round(target / PER_UNIT));
const clusters = Math.max(1, Math.round(units / 100));
for (let i = 0; i < clusters; i++) cluster(platform, i);
for (let i = 0; i < units; i++) unit(platform, workloads, i);

SecurityChecks.applyTo(app);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const findings = SecurityChecks.findingsOf(app);
const cpu = process.cpuUsage(cpuBefore);
const ms = performance.now() - started;
// CPU time of the process (all threads, garbage collection included): on a shared machine it tells the
// work done where wall time also counts the waits for a core
const cpuMs = (cpu.user + cpu.system) / 1000;
const resources = units * PER_UNIT + clusters * 2;
process.stdout.write(`@@rule-pack ${JSON.stringify({ resources, ms, cpuMs, findings: findings.length, errors: findings.filter((f) => f.severity === 'error').length })}\n`);
