import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { IMAGE_RULES, registryOf } from '../../lib/checks/rules-images';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, NODE_SA, RuleCase, secureCluster, securePool, TestApp } from './fixtures';

const DEPLOYMENT = 'kubernetes_deployment_v1.app';
const IMAGE = 'us-east1-docker.pkg.dev/demo-proj/apps/payments:1.0';

function deployment(t: TestApp, image: string, initImage?: string): void {
  new DeploymentV1(t.workloads, 'app', {
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: {
          container: [{ name: 'app', image }],
          initContainer: initImage ? [{ name: 'init', image: initImage }] : undefined,
        },
      },
    },
  });
}

/** A Cloud Router and NAT in `region` on `network`. */
function nat(t: TestApp, network: string, region = 'us-east1', overrides: Partial<ConstructorParameters<typeof ComputeRouterNat>[2]> = {}): void {
  const router = new ComputeRouter(t.platform, 'router', { name: 'nat-router', network, region });
  new ComputeRouterNat(t.platform, 'nat', {
    name: 'nat', router: router.name, region, natIpAllocateOption: 'AUTO_ONLY', sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES', ...overrides,
  });
}

/** A private cluster with a pool running as the node service account. */
function privateCluster(t: TestApp, overrides: Parameters<typeof secureCluster>[1] = {}): void {
  securePool(t.platform, secureCluster(t.platform, overrides));
}

const CASES: RuleCase[] = [
  {
    id: 'IMG-1', name: 'Docker Hub image on private nodes without NAT', address: DEPLOYMENT,
    fails: (t) => { privateCluster(t); deployment(t, 'mendhak/http-https-echo:31'); },
    passes: (t) => { privateCluster(t); nat(t, 'default'); deployment(t, 'mendhak/http-https-echo:31'); },
  },
  {
    id: 'IMG-1', name: 'an init container from registry.k8s.io', address: DEPLOYMENT,
    fails: (t) => { privateCluster(t); deployment(t, 'gcr.io/google.com/cloudsdktool/google-cloud-cli:slim', 'registry.k8s.io/pause:3.10'); },
    passes: (t) => { privateCluster(t); deployment(t, 'gcr.io/google.com/cloudsdktool/google-cloud-cli:slim', IMAGE); },
  },
  {
    id: 'IMG-1', name: 'a NAT in another region', address: DEPLOYMENT,
    fails: (t) => { privateCluster(t); nat(t, 'default', 'europe-west1'); deployment(t, 'nginx'); },
    passes: (t) => { privateCluster(t, { location: 'us-east1-b' }); nat(t, 'default', 'us-east1'); deployment(t, 'nginx'); },
  },
  {
    id: 'IMG-1', name: 'a NAT on another network', address: DEPLOYMENT,
    fails: (t) => {
      const mesh = new ComputeNetwork(t.platform, 'network', { name: 'mesh', autoCreateSubnetworks: false });
      privateCluster(t, { network: mesh.name });
      nat(t, 'default');
      deployment(t, 'quay.io/jetstack/cert-manager-controller:v1.16.1');
    },
    passes: (t) => {
      const mesh = new ComputeNetwork(t.platform, 'network', { name: 'mesh', autoCreateSubnetworks: false });
      privateCluster(t, { network: mesh.name });
      nat(t, mesh.id);
      deployment(t, 'quay.io/jetstack/cert-manager-controller:v1.16.1');
    },
  },
  {
    id: 'IMG-1', name: 'a NAT for a list of subnetworks without the cluster\'s', address: DEPLOYMENT,
    fails: (t) => {
      privateCluster(t, { subnetwork: 'nodes' });
      nat(t, 'default', 'us-east1', { sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS', subnetwork: [{ name: 'other', sourceIpRangesToNat: ['ALL_IP_RANGES'] }] });
      deployment(t, 'nginx');
    },
    passes: (t) => {
      privateCluster(t, { subnetwork: 'nodes' });
      nat(t, 'default', 'us-east1', { sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS', subnetwork: [{ name: 'nodes', sourceIpRangesToNat: ['ALL_IP_RANGES'] }] });
      deployment(t, 'nginx');
    },
  },
  {
    id: 'IMG-2', name: 'no reader role for the node service account', address: DEPLOYMENT,
    fails: (t) => { privateCluster(t); deployment(t, IMAGE); },
    passes: (t) => {
      privateCluster(t);
      new ProjectIamMember(t.platform, 'reader', { project: 'demo-proj', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}` });
      deployment(t, IMAGE);
    },
  },
  {
    id: 'IMG-2', name: 'a reader grant on another repository', address: DEPLOYMENT,
    fails: (t) => {
      privateCluster(t);
      new ArtifactRegistryRepositoryIamMember(t.platform, 'reader', {
        project: 'demo-proj', location: 'us-east1', repository: 'tools', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}`,
      });
      deployment(t, IMAGE);
    },
    passes: (t) => {
      privateCluster(t);
      new ArtifactRegistryRepositoryIamMember(t.platform, 'reader', {
        project: 'demo-proj', location: 'us-east1', repository: 'apps', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}`,
      });
      deployment(t, IMAGE);
    },
  },
  {
    id: 'IMG-2', name: 'a project-wide reader grant in another project', address: DEPLOYMENT,
    fails: (t) => {
      privateCluster(t);
      new ProjectIamMember(t.platform, 'reader', { project: 'demo-proj', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}` });
      deployment(t, 'us-east1-docker.pkg.dev/images-proj/apps/payments:1.0');
    },
    passes: (t) => {
      privateCluster(t);
      new ProjectIamMember(t.platform, 'reader', { project: 'images-proj', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}` });
      deployment(t, 'us-east1-docker.pkg.dev/images-proj/apps/payments:1.0');
    },
  },
];

describe('image rules', () => {
  it('cover every image rule', () => {
    expect(coveredIds(CASES)).toEqual(IMAGE_RULES.map((r) => r.id).sort());
  });
  describeRuleCases(CASES);

  it('names the images, the cluster and the fix in the message', () => {
    const [finding] = findingsAt(findingsFor((t) => { privateCluster(t); deployment(t, 'nginx:1.27'); }), 'IMG-1', DEPLOYMENT);
    expect(finding.message).toContain('runs "nginx:1.27" on the private nodes of google_container_cluster.cluster');
    expect(finding.message).toContain('Fix: add a Cloud NAT');
  });

  it('names the repository and the node service account, with the exact grant as the fix', () => {
    const [finding] = findingsAt(findingsFor((t) => { privateCluster(t); deployment(t, IMAGE); }), 'IMG-2', DEPLOYMENT);
    expect(finding.message).toContain(`repository demo-proj/us-east1/apps, which the node service account ${NODE_SA}`);
    expect(finding.message).toContain("ArtifactRegistryAccess.repositories([{ project: 'demo-proj', location: 'us-east1', repository: 'apps' }])");
  });

  it('leaves clusters with public nodes alone', () => {
    const findings = findingsFor((t) => {
      privateCluster(t, { privateClusterConfig: { enablePrivateNodes: false } });
      deployment(t, 'nginx');
    });
    expect(findingsAt(findings, 'IMG-1', DEPLOYMENT)).toEqual([]);
  });

  it('reads the pod template of a CronJob', () => {
    const findings = findingsFor((t) => {
      privateCluster(t);
      new CronJobV1(t.workloads, 'job', {
        metadata: { name: 'job' },
        spec: { schedule: '0 * * * *', jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ name: 'job', image: 'google/cloud-sdk:slim' }] } } } } },
      });
    });
    expect(findingsAt(findings, 'IMG-1', 'kubernetes_cron_job_v1.job')).toHaveLength(1);
  });

  it.each([
    ['nginx', 'docker.io'], ['library/nginx:1.27', 'docker.io'], ['google/cloud-sdk:slim', 'docker.io'],
    ['gcr.io/google.com/cloudsdktool/google-cloud-cli:slim', 'gcr.io'], [IMAGE, 'us-east1-docker.pkg.dev'],
    ['localhost:5000/app', 'localhost'], ['registry.k8s.io/pause:3.10', 'registry.k8s.io'],
  ])('finds the registry of %s: %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });
});
