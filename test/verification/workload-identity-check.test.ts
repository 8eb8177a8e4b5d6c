import * as fc from 'fast-check';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { WorkloadIdentityCheck, WorkloadIdentityCheckProps, WorkloadServiceAccount } from '../../lib';
import { workloadIdentityScript } from '../../lib/verification/check-script';
import { synth } from '../helpers';
import { autopilotPlatform, platformAndWorkloads, project } from '../identity/fixtures';
import { envOf, jobNamed, scriptOf } from './fixtures';
import { runCheck } from './script-harness';

const BUCKET = 'demo-proj-wi-test';
const LIST_URL = `GET https://storage.googleapis.com/storage/v1/b/${BUCKET}/o?fields=kind`;
const EMAIL_URL = 'GET http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/email';

function world(props: Partial<WorkloadIdentityCheckProps> = {}) {
  const env = platformAndWorkloads();
  const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'wi-test', name: 'wi-test-ksa', createNamespace: true });
  identity.grantBucketRole('roles/storage.objectViewer', BUCKET);
  const check = new WorkloadIdentityCheck(env.workloads, 'wi-check', { identity, bucket: BUCKET, ...props });
  return { ...env, identity, check };
}

describe('WorkloadIdentityCheck', () => {
  it('also waits for a grant given to the identity after the check was created', () => {
    const { workloads, identity } = world({ name: 'workload-identity-check' });
    identity.grantProjectRole('roles/logging.viewer');
    const job = jobNamed(synth(workloads), 'workload-identity-check');
    expect(job.depends_on).toContainEqual(expect.stringMatching(/^google_project_iam_member\.identity_/));
    expect(job.depends_on).toContainEqual(expect.stringMatching(/^google_storage_bucket_iam_member\.identity_/));
  });

  it('runs guide 001\'s bucket listing as the KSA, on metadata-server nodes, after the KSA and its grant', () => {
    const { workloads, check } = world({ name: 'workload-identity-check' });
    const job = jobNamed(synth(workloads), 'workload-identity-check');
    expect(job).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'workload-identity-check', namespace: 'wi-test', labels: { 'app.kubernetes.io/component': 'verification' } },
      depends_on: [
        expect.stringMatching(/^kubernetes_namespace_v1\.identity_Namespace_[0-9A-F]{8}$/),
        expect.stringMatching(/^kubernetes_service_account_v1\.identity_[0-9A-F]{8}$/),
        expect.stringMatching(/^google_storage_bucket_iam_member\.identity_/),
      ],
      wait_for_completion: false,
      spec: {
        backoff_limit: 1,
        active_deadline_seconds: 600,
        template: {
          metadata: { labels: { 'app.kubernetes.io/component': 'verification' } },
          spec: {
            restart_policy: 'Never',
            service_account_name: 'wi-test-ksa',
            automount_service_account_token: false,
            node_selector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' },
            security_context: { seccomp_profile: { type: 'RuntimeDefault' } },
            init_container: [{
              name: 'workload-identity-initcontainer',
              image: 'google/cloud-sdk:slim',
              command: ['/bin/bash', '-c', expect.stringContaining("curl -sS -H 'Metadata-Flavor: Google' 'http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token'")],
            }],
            container: [{
              name: 'check',
              image: 'google/cloud-sdk:slim',
              command: ['/bin/sh', '-c', workloadIdentityScript()],
              env: [
                { name: 'CHECK_ATTEMPTS', value: '30' },
                { name: 'CHECK_INTERVAL_SECONDS', value: '10' },
                { name: 'BUCKET', value: BUCKET },
              ],
              resources: { requests: { 'cpu': '500m', 'memory': '512Mi', 'ephemeral-storage': '10Mi' } },
              security_context: { allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } },
              termination_message_policy: 'FallbackToLogsOnError',
            }],
          },
        },
      },
    });
    expect(check.waitCommand).toBe('kubectl wait --for=condition=complete job/workload-identity-check -n wi-test --timeout=660s');
    expect(check.logsCommand).toBe('kubectl logs -l job-name=workload-identity-check -n wi-test -c check --prefix --tail=-1');
    expect([check.jobName, check.namespace, check.image]).toEqual(['workload-identity-check', 'wi-test', 'google/cloud-sdk:slim']);
  });

  it('names the Job after the construct id by default, and takes another image for the check and the wait container', () => {
    const { workloads } = world({ image: 'registry.example/tools/cloud-sdk:500.0.0' });
    const spec = jobNamed(synth(workloads), 'wi-check').spec.template.spec;
    expect(spec.container[0].image).toBe('registry.example/tools/cloud-sdk:500.0.0');
    expect(spec.init_container!.map((c) => c.image)).toEqual(['registry.example/tools/cloud-sdk:500.0.0']);
  });

  it('leaves out the node selector on Autopilot, and follows the identity\'s token setting', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'identity', { namespace: 'wi-test', name: 'wi-test-ksa', automountToken: true });
    new WorkloadIdentityCheck(workloads, 'wi-check', { identity, bucket: BUCKET });
    const spec = jobNamed(synth(workloads), 'wi-check').spec.template.spec;
    expect(spec.node_selector).toBeUndefined();
    expect(spec.automount_service_account_token).toBe(true);
  });

  it('waits for the link of an identity linked to a Google service account', () => {
    const env = platformAndWorkloads();
    const gsa = new WorkloadServiceAccount(env.platform, 'gsa', { project, accountId: 'wi-linked-gsa' });
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'wi-test', name: 'wi-linked-ksa', linkedTo: gsa });
    new WorkloadIdentityCheck(env.workloads, 'wi-check', { identity, bucket: BUCKET });
    expect(jobNamed(synth(env.workloads), 'wi-check').depends_on).toEqual([
      expect.stringMatching(/^kubernetes_service_account_v1\.identity_/),
      expect.stringMatching(/^google_service_account_iam_member\.identity_WorkloadIdentityUser_/),
    ]);
  });

  it('in a later stack, connects that stack to the cluster and deploys after the identity\'s stack', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'wi-test', name: 'wi-test-ksa' });
    const verify = new TerraformStack(env.app, 'verify');
    new GoogleProvider(verify, 'google', { project: project.id });
    new WorkloadIdentityCheck(verify, 'wi-check', { identity, bucket: BUCKET });
    const json = synth(verify);
    expect(jobNamed(json, 'wi-check').depends_on).toBeUndefined();
    expect(Object.keys(json.data ?? {}).sort()).toEqual(['google_client_config', 'google_container_cluster']);
    expect(verify.dependencies.map((s) => s.node.id).sort()).toEqual(['platform', 'workloads']);
  });

  it('can make the deploy wait for the check, with Terraform timeouts past the deadline', () => {
    const { workloads } = world({ waitForCompletion: true, attempts: 6, retryIntervalSeconds: 5, activeDeadlineSeconds: 120, backoffLimit: 0 });
    const job = jobNamed(synth(workloads), 'wi-check');
    expect([job.wait_for_completion, job.timeouts]).toEqual([true, { create: '180s', update: '180s' }]);
    expect([job.spec.backoff_limit, job.spec.active_deadline_seconds, job.spec.ttl_seconds_after_finished]).toEqual([0, 120, undefined]);
    expect(envOf(job)).toMatchObject({ CHECK_ATTEMPTS: '6', CHECK_INTERVAL_SECONDS: '5' });
  });

  it('refuses a bucket URL or name that Cloud Storage would not accept', () => {
    expect(() => world({ bucket: 'gs://demo-proj-wi-test' })).toThrow(
      'workloads/wi-check: invalid bucket "gs://demo-proj-wi-test": must be the bucket name without gs://');
    expect(() => world({ bucket: 'Demo Bucket' })).toThrow(
      'workloads/wi-check: invalid bucket "Demo Bucket": must be 3-63 lowercase letters, digits, hyphens and underscores');
  });

  it('accepts a bucket name known only at apply time: it reaches the script as an environment variable', () => {
    const env = platformAndWorkloads();
    const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'wi-test', name: 'wi-test-ksa' });
    const bucket = new TerraformVariable(env.workloads, 'bucket', { type: 'string' });
    new WorkloadIdentityCheck(env.workloads, 'wi-check', { identity, bucket: bucket.stringValue });
    const job = jobNamed(synth(env.workloads), 'wi-check');
    expect(envOf(job).BUCKET).toBe('${var.bucket}');
    expect(scriptOf(job)).toBe(workloadIdentityScript());
  });

  it('never writes the bucket into the script: every name is refused or passed as BUCKET only', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 70 }), (bucket) => {
      let job;
      try {
        const env = platformAndWorkloads();
        const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'wi-test', name: 'wi-test-ksa' });
        new WorkloadIdentityCheck(env.workloads, 'wi-check', { identity, bucket });
        job = jobNamed(synth(env.workloads), 'wi-check');
      } catch (e) {
        expect((e as Error).message).toMatch(/^workloads\/wi-check: invalid bucket /);
        return;
      }
      expect(envOf(job).BUCKET).toBe(bucket);
      expect(scriptOf(job)).toBe(workloadIdentityScript());
    }), { numRuns: 40 });
  });

  describe('its script', () => {
    const { workloads } = world();
    const container = jobNamed(synth(workloads), 'wi-check').spec.template.spec.container[0];
    const fast = { env: { CHECK_ATTEMPTS: '3', CHECK_INTERVAL_SECONDS: '0' } };

    it('passes once the bucket lists, retrying while IAM still refuses', () => {
      const run = runCheck(container, {
        [EMAIL_URL]: [{ status: 200, body: 'demo-proj.svc.id.goog' }],
        [LIST_URL]: [{ status: 403, body: '{"error": {"code": 403, "message": "no storage.objects.list access"}}' }, { status: 200, body: '{\n  "kind": "storage#objects"\n}\n' }],
      }, fast);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe('PASS: listed the objects of gs://demo-proj-wi-test as demo-proj.svc.id.goog: {   "kind": "storage#objects" } \n');
      expect(run.stderr).toContain('attempt 1 of 3: listing the objects of gs://demo-proj-wi-test as demo-proj.svc.id.goog answered HTTP 403');
      expect(run.calls.filter((c) => c === LIST_URL)).toHaveLength(2);
      expect(`${run.stdout}${run.stderr}`).not.toContain('ya29.fake-access-token');
    });

    it('fails with the last answer after its attempts', () => {
      const run = runCheck(container, { [LIST_URL]: [{ status: 403, body: '{"error": "forbidden"}' }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.stderr.trim().split('\n').pop()).toBe(
        'FAIL: listing the objects of gs://demo-proj-wi-test as the pod identity answered HTTP 403, expected 200 with "kind": "storage#objects": {"error": "forbidden"}');
      expect(run.calls.filter((c) => c === LIST_URL)).toHaveLength(3);
    });

    it('fails naming the metadata server when there is no token', () => {
      const run = runCheck(container, {}, { ...fast, gcloudError: 'ERROR: (gcloud.auth.print-access-token) HTTP Error 403: Forbidden\n' });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('FAIL: no access token for the pod identity from the GKE metadata server: ERROR: (gcloud.auth.print-access-token) HTTP Error 403: Forbidden');
      expect(run.calls).not.toContain(LIST_URL);
    });
  });
});
