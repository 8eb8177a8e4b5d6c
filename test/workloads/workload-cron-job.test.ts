import { TerraformVariable } from 'cdktf';
import {
  ConcurrencyPolicy, ImagePullPolicy, JobRestartPolicy, WorkloadCronJob, WorkloadCronJobProps, WorkloadServiceAccount,
} from '../../lib';
import { onlyResource, synth } from '../helpers';
import { autopilotPlatform, platformAndWorkloads, project } from '../identity/fixtures';

/** The parts of a synthesised kubernetes_cron_job_v1 spec the tests read. */
interface CronSpec {
  timezone?: string; concurrency_policy: string; successful_jobs_history_limit: number; failed_jobs_history_limit: number; suspend?: boolean;
  job_template: {
    metadata: unknown;
    spec: { template: { metadata: unknown; spec: { restart_policy: string; node_selector?: unknown; init_container?: { name: string }[]; container: unknown[] } } };
  };
}

const cronSpec = (json: ReturnType<typeof synth>) => onlyResource(json, 'kubernetes_cron_job_v1').spec as CronSpec;

function cronJob(props: Partial<WorkloadCronJobProps> = {}) {
  const env = platformAndWorkloads();
  const gsa = new WorkloadServiceAccount(env.platform, 'gsa', { project, accountId: 'wi-cronjob', projectRoles: ['roles/browser'] });
  const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'jobs', name: 'job-ksa', createNamespace: true, linkedTo: gsa });
  const job = new WorkloadCronJob(env.workloads, 'job', { identity, schedule: '*/1 * * * *', image: 'google/cloud-sdk', ...props });
  return { ...env, identity, job };
}

describe('WorkloadCronJob', () => {
  it('runs the walkthrough\'s job as the KSA, after the KSA and its link exist', () => {
    const { workloads, job } = cronJob({
      name: 'workload-identity-test', imagePullPolicy: ImagePullPolicy.ALWAYS, command: ['gcloud', 'projects', 'describe', 'demo-proj'],
    });
    expect(job.cronJobName).toBe('workload-identity-test');
    expect(onlyResource(synth(workloads, true), 'kubernetes_cron_job_v1')).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'workload-identity-test', namespace: 'jobs' },
      depends_on: [
        expect.stringMatching(/^kubernetes_namespace_v1\.identity_Namespace_[0-9A-F]{8}$/),
        expect.stringMatching(/^kubernetes_service_account_v1\.identity_[0-9A-F]{8}$/),
        expect.stringMatching(/^google_service_account_iam_member\.identity_WorkloadIdentityUser_[0-9A-F]{8}$/),
      ],
      spec: {
        schedule: '*/1 * * * *',
        concurrency_policy: 'Forbid',
        successful_jobs_history_limit: 1,
        failed_jobs_history_limit: 1,
        job_template: {
          metadata: {},
          spec: {
            template: {
              metadata: {},
              spec: {
                restart_policy: 'Never',
                service_account_name: 'job-ksa',
                automount_service_account_token: false,
                node_selector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' },
                container: [{
                  name: 'batch',
                  image: 'google/cloud-sdk',
                  image_pull_policy: 'Always',
                  command: ['gcloud', 'projects', 'describe', 'demo-proj'],
                  security_context: { allow_privilege_escalation: false },
                }],
              },
            },
          },
        },
      },
    });
  });
  it('passes options and pod fixes through', () => {
    const { workloads } = cronJob({
      timeZone: 'Asia/Tokyo', args: ['--format=json'], env: { LOG_LEVEL: 'debug' }, containerName: 'describe',
      resourceRequests: { cpu: '250m', memory: '512Mi' }, restartPolicy: JobRestartPolicy.ON_FAILURE,
      concurrencyPolicy: ConcurrencyPolicy.REPLACE, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 0, suspend: true,
      labels: { app: 'describe' }, pod: { metadataHostEnv: true, waitForMetadataServer: true, istioSidecar: true },
    });
    const spec = cronSpec(synth(workloads));
    expect([spec.timezone, spec.concurrency_policy, spec.successful_jobs_history_limit, spec.failed_jobs_history_limit, spec.suspend])
      .toEqual(['Asia/Tokyo', 'Replace', 3, 0, true]);
    expect(spec.job_template.metadata).toEqual({ labels: { app: 'describe' } });
    const template = spec.job_template.spec.template;
    expect(template.metadata).toEqual({
      labels: { app: 'describe' },
      annotations: { 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '169.254.169.254/32', 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }' },
    });
    expect(template.spec.restart_policy).toBe('OnFailure');
    expect(template.spec.init_container?.map((c) => c.name)).toEqual(['workload-identity-initcontainer']);
    expect(template.spec.container[0]).toMatchObject({
      name: 'describe', args: ['--format=json'], resources: { requests: { cpu: '250m', memory: '512Mi' } },
      env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'GCE_METADATA_HOST', value: '169.254.169.254' }],
    });
  });
  it('leaves the nodeSelector out on Autopilot', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'identity', { namespace: 'jobs', name: 'job-ksa' });
    new WorkloadCronJob(workloads, 'job', { identity, schedule: '@hourly', image: 'google/cloud-sdk' });
    const spec = cronSpec(synth(workloads));
    expect(spec.job_template.spec.template.spec.node_selector).toBeUndefined();
  });
  it('accepts a schedule only known at apply time', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'jobs', name: 'job-ksa' });
    const schedule = new TerraformVariable(env.workloads, 'schedule', { type: 'string' }).stringValue;
    expect(() => new WorkloadCronJob(env.workloads, 'job', { identity, schedule, image: 'google/cloud-sdk' })).not.toThrow();
  });
  it.each([
    [{ name: 'a'.repeat(53) }, `workloads/job: invalid name "${'a'.repeat(53)}": must be a DNS-1123 subdomain of at most 52 characters`],
    [{ name: 'Nightly' }, 'workloads/job: invalid name "Nightly": must be a DNS-1123 subdomain'],
    [{ schedule: '* * * *' }, 'workloads/job: invalid schedule "* * * *": must be a cron schedule of five fields'],
    [{ schedule: '60 * * * *' }, 'invalid schedule "60 * * * *": must be a cron schedule'],
    [{ schedule: 'TZ=Asia/Tokyo 0 * * * *' }, 'invalid schedule "TZ=Asia/Tokyo 0 * * * *": must not carry a TZ= prefix (Kubernetes rejects it); use timeZone'],
    [{ containerName: 'Batch' }, 'workloads/job: invalid containerName "Batch": must be a DNS-1123 label'],
    [{ env: { '1BAD': 'x' } }, 'workloads/job: invalid env.1BAD "1BAD": must be letters, digits'],
    [{ successfulJobsHistoryLimit: -1 }, 'workloads/job: invalid successfulJobsHistoryLimit -1: must be a whole number of at least 0'],
    [{ failedJobsHistoryLimit: 1.5 }, 'workloads/job: invalid failedJobsHistoryLimit 1.5: must be a whole number of at least 0'],
    [{ pod: { waitImage: 'x/y:1' } }, 'workloads/identity: invalid waitImage "x/y:1"'],
  ])('refuses %o', (props, message) => {
    expect(() => cronJob(props)).toThrow(message);
  });
  it('refuses the metadata-server nodeSelector on Autopilot', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'identity', { namespace: 'jobs', name: 'job-ksa' });
    expect(() => new WorkloadCronJob(workloads, 'job', { identity, schedule: '@daily', image: 'x', pod: { metadataServerNodeSelector: true } }))
      .toThrow('workloads/identity: invalid nodeSelector {"iam.gke.io/gke-metadata-server-enabled":"true"}: Autopilot rejects this nodeSelector');
  });
});
