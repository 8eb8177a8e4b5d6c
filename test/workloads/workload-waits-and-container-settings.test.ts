import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  MeshCertificateAuthority, MeshDemoClient, WorkloadCertificates, WorkloadCronJob, WorkloadIdentityCluster,
} from '../../lib';
import { onlyResource, resourcesOf, synth } from '../helpers';
import { meshWorld, MeshWorld, paymentsWorkload, project } from '../mesh/fixtures';
import { guideAuthority } from '../pki/fixtures';
import { platformAndWorkloads } from '../identity/fixtures';

type Json = Record<string, unknown>;

function authority(world: MeshWorld): MeshCertificateAuthority {
  const ca = new MeshCertificateAuthority(world.platform, 'ca', guideAuthority);
  ca.grantMeshCertificateIssuance(world.cluster);
  return ca;
}

const manifestRefs = [
  expect.stringMatching(/^kubernetes_manifest\.certs_WorkloadCertificateConfig_[0-9A-F]{8}$/),
  expect.stringMatching(/^kubernetes_manifest\.certs_TrustConfig_[0-9A-F]{8}$/),
];

function deploymentDependencies(stack: TerraformStack, name: string): string[] {
  const deployment = resourcesOf(synth(stack), 'kubernetes_deployment_v1').find((d) => (d.metadata as Json).name === name)!;
  return deployment.depends_on as string[];
}

describe('meshed Deployments wait for the workload certificate configuration by themselves', () => {
  it('when the configuration is created after the workload, in the same stack', () => {
    const world = meshWorld();
    paymentsWorkload(world);
    new MeshDemoClient(world.workloads, 'client-app', { identity: world.client });
    new WorkloadCertificates(world.workloads, 'certs', { cluster: world.cluster, authority: authority(world) });
    expect(deploymentDependencies(world.workloads, 'app1')).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.server_/), ...manifestRefs]);
    expect(deploymentDependencies(world.workloads, 'client')).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.client_/), ...manifestRefs]);
  });
  it('when it is created before, and lists each dependency once even if also passed by hand', () => {
    const world = meshWorld();
    const certs = new WorkloadCertificates(world.workloads, 'certs', { cluster: world.cluster, authority: authority(world) });
    paymentsWorkload(world, { dependsOn: [certs.trustConfigResource] });
    expect(deploymentDependencies(world.workloads, 'app1')).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.server_/), ...manifestRefs]);
  });
  it('by stack order when the configuration lives in an earlier stack', () => {
    const world = meshWorld();
    const certStack = new TerraformStack(world.app, 'certificates');
    new GoogleProvider(certStack, 'google', { project: project.id });
    new WorkloadCertificates(certStack, 'certs', { cluster: world.cluster, authority: authority(world) });
    paymentsWorkload(world);
    expect(world.workloads.dependencies).toContain(certStack);
    expect(deploymentDependencies(world.workloads, 'app1')).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.server_/)]);
  });
  it('refuses pods in a stack that deploys before the configuration\'s stack', () => {
    const world = meshWorld();
    const later = new TerraformStack(world.app, 'later');
    later.addDependency(world.workloads);
    paymentsWorkload(world);
    expect(() => new WorkloadCertificates(later, 'certs', { cluster: world.cluster, authority: authority(world) }))
      .toThrow(/workloads\/payments: invalid stack "workloads": deploys before stack later, which holds the workload certificate configuration later\/certs/);
  });
  it('ignores the configuration of another cluster', () => {
    const world = meshWorld();
    const other = new WorkloadIdentityCluster(world.platform, 'other', { project, name: 'other', location: 'us-west1', meshCertificates: true });
    new WorkloadCertificates(world.workloads, 'certs', { cluster: other, authority: authority(world) });
    paymentsWorkload(world);
    expect(deploymentDependencies(world.workloads, 'app1')).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.server_/)]);
  });
});

describe('WorkloadCronJob waits for its grants', () => {
  it('including grants made after the CronJob is created', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'jobs', name: 'job-ksa' });
    new WorkloadCronJob(env.workloads, 'job', { identity, schedule: '@hourly', image: 'google/cloud-sdk' });
    identity.grantBucketRole('roles/storage.objectViewer', 'demo-proj-reports');
    identity.grantProjectRole('roles/browser');
    expect(onlyResource(synth(env.workloads), 'kubernetes_cron_job_v1').depends_on).toEqual([
      expect.stringMatching(/^kubernetes_service_account_v1\.identity_/),
      expect.stringMatching(/^google_storage_bucket_iam_member\.identity_bucket-role/),
      expect.stringMatching(/^google_project_iam_member\.identity_project-role/),
    ]);
  });
  it('writes no depends_on when there is nothing to wait for in its stack', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'jobs', name: 'job-ksa', existingServiceAccount: true });
    new WorkloadCronJob(env.workloads, 'job', { identity, schedule: '@hourly', image: 'google/cloud-sdk' });
    expect(onlyResource(synth(env.workloads), 'kubernetes_cron_job_v1')).not.toHaveProperty('depends_on');
  });
});

function appContainer(world: MeshWorld): Json {
  const deployment = onlyResource(synth(world.workloads), 'kubernetes_deployment_v1');
  return (((deployment.spec as Json).template as Json).spec as { container: Json[] }).container[0];
}

describe('MeshWorkload resource requests and probes', () => {
  it('writes requests, limits and probes on the health port', () => {
    const world = meshWorld();
    paymentsWorkload(world, {
      healthCheckPort: 8081,
      resourceRequests: { cpu: '250m', memory: '256Mi' },
      resourceLimits: { memory: '512Mi' },
      probes: {
        readiness: { path: '/ready', periodSeconds: 5 },
        liveness: { path: '/healthz', initialDelaySeconds: 10, failureThreshold: 6 },
        startup: { path: '/started', port: 9090, timeoutSeconds: 2 },
      },
    });
    const container = appContainer(world);
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } });
    expect(container.readiness_probe).toEqual({ http_get: { path: '/ready', port: '8081' }, period_seconds: 5 });
    expect(container.liveness_probe).toEqual({ http_get: { path: '/healthz', port: '8081' }, initial_delay_seconds: 10, failure_threshold: 6 });
    expect(container.startup_probe).toEqual({ http_get: { path: '/started', port: '9090' }, timeout_seconds: 2 });
  });
  it('writes none by default', () => {
    const world = meshWorld();
    paymentsWorkload(world);
    const container = appContainer(world);
    for (const field of ['resources', 'readiness_probe', 'liveness_probe', 'startup_probe']) expect(container).not.toHaveProperty(field);
  });
  it.each([
    [{ probes: { readiness: { path: '/ready' } } }, /invalid probes.readiness.port 8000: must be a port outside the mesh: Envoy intercepts.*set healthCheckPort/],
    [{ healthCheckPort: 8081, probes: { liveness: { path: '/healthz', port: 8000 } } }, /invalid probes.liveness.port 8000: must be a port outside the mesh/],
    [{ healthCheckPort: 8081, probes: { liveness: { path: 'healthz' } } }, /invalid probes.liveness.path "healthz": must be a URL path/],
    [{ healthCheckPort: 8081, probes: { liveness: { path: '/h', periodSeconds: 0 } } }, /invalid probes.liveness.periodSeconds 0: must be a whole number of at least 1/],
    [{ resourceRequests: { cpu: 'half' } }, /invalid resourceRequests.cpu "half": must be a Kubernetes quantity/],
    [{ resourceRequests: { gpu: '1' } }, /invalid resourceRequests.gpu "1": names no Kubernetes resource/],
    [{ resourceLimits: { memory: '1 GB' } }, /invalid resourceLimits.memory "1 GB": must be a Kubernetes quantity/],
    [{ resourceRequests: { memory: '1Gi' }, resourceLimits: { memory: '512Mi' } }, /invalid resourceRequests.memory "1Gi": exceeds the limit 512Mi/],
  ])('refuses %#', (props, message) => {
    expect(() => paymentsWorkload(meshWorld(), props)).toThrow(message);
  });
  it('compares quantities across suffixes', () => {
    expect(() => paymentsWorkload(meshWorld(), { resourceRequests: { cpu: '0.5', memory: '1000M' }, resourceLimits: { cpu: '500m', memory: '1Gi' } }))
      .not.toThrow();
    expect(() => paymentsWorkload(meshWorld(), { resourceRequests: { cpu: '0.6' }, resourceLimits: { cpu: '500m' } })).toThrow(/exceeds the limit 500m/);
  });
  it('checks the CronJob\'s requests too', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'jobs', name: 'job-ksa' });
    expect(() => new WorkloadCronJob(env.workloads, 'job', { identity, schedule: '@hourly', image: 'x', resourceRequests: { memory: '512MB' } }))
      .toThrow(/workloads\/job: invalid resourceRequests.memory "512MB": must be a Kubernetes quantity/);
  });
});
