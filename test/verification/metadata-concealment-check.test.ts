import { MetadataConcealmentCheck, WorkloadMetadata } from '../../lib';
import { metadataConcealmentScript } from '../../lib/verification/check-script';
import { onlyResource, synth } from '../helpers';
import { autopilotPlatform, platformAndWorkloads } from '../identity/fixtures';
import { jobNamed } from './fixtures';
import { runCheck } from './script-harness';

const KUBE_ENV = 'GET http://169.254.169.254/computeMetadata/v1/instance/attributes/kube-env';
const IDENTITY = 'GET http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/identity?audience=https://www.example.com';
const CONCEALED = 'This metadata endpoint is concealed.\n';
const NOT_LINKED = 'Your Kubernetes service account (default/metadata-concealment-check) is not annotated with a target Google service account, ' +
  'which is a requirement for retrieving Identity Tokens using Workload Identity.\nPlease add the iam.gke.io/gcp-service-account annotation.\n';

describe('MetadataConcealmentCheck', () => {
  it('runs guide 004\'s requests on the concealed pool, as a KSA of its own with no Google identity and no token', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const pool = cluster.addNodePool('concealed-pool');
    const check = new MetadataConcealmentCheck(workloads, 'metadata-concealment-check', { cluster, nodePool: pool });
    const json = synth(workloads);
    expect(onlyResource(json, 'kubernetes_service_account_v1')).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'metadata-concealment-check', namespace: 'default' },
      automount_service_account_token: false,
    });
    expect(jobNamed(json, 'metadata-concealment-check')).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'metadata-concealment-check', namespace: 'default', labels: { 'app.kubernetes.io/component': 'verification' } },
      depends_on: [expect.stringMatching(/^kubernetes_service_account_v1\.metadata-concealment-check_ServiceAccount_[0-9A-F]{8}$/)],
      wait_for_completion: false,
      spec: {
        backoff_limit: 1,
        active_deadline_seconds: 600,
        template: {
          metadata: { labels: { 'app.kubernetes.io/component': 'verification' } },
          spec: {
            restart_policy: 'Never',
            service_account_name: 'metadata-concealment-check',
            automount_service_account_token: false,
            node_selector: { 'iam.gke.io/gke-metadata-server-enabled': 'true', 'cloud.google.com/gke-nodepool': 'concealed-pool' },
            security_context: { seccomp_profile: { type: 'RuntimeDefault' } },
            container: [{
              name: 'check',
              image: 'curlimages/curl:8.11.1',
              command: ['/bin/sh', '-c', metadataConcealmentScript()],
              env: [{ name: 'CHECK_ATTEMPTS', value: '30' }, { name: 'CHECK_INTERVAL_SECONDS', value: '10' }],
              resources: { requests: { cpu: '50m', memory: '32Mi' } },
              security_context: { allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } },
              termination_message_policy: 'FallbackToLogsOnError',
            }],
          },
        },
      },
    });
    expect([check.jobName, check.namespace, check.image]).toEqual(['metadata-concealment-check', 'default', 'curlimages/curl:8.11.1']);
    expect(Object.keys(json.data ?? {}).sort()).toEqual(['google_client_config', 'google_container_cluster']);
  });

  it('without a pool, runs on any node with the GKE metadata server; takes its namespace, service account and provider', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const provider = cluster.connect(workloads, { alias: 'wi' });
    new MetadataConcealmentCheck(workloads, 'check', { cluster, namespace: 'verify', serviceAccountName: 'concealment-probe', kubernetesProvider: provider });
    const json = synth(workloads);
    const job = jobNamed(json, 'check');
    expect(job.spec.template.spec.node_selector).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true' });
    expect([job.metadata.namespace, job.spec.template.spec.service_account_name]).toEqual(['verify', 'concealment-probe']);
    expect((job as unknown as { provider: string }).provider).toBe('kubernetes.wi');
    expect(onlyResource(json, 'kubernetes_service_account_v1')).toMatchObject({ provider: 'kubernetes.wi', metadata: { name: 'concealment-probe', namespace: 'verify' } });
  });

  it('selects no node on Autopilot, whose nodes all run the GKE metadata server', () => {
    const { workloads, cluster } = autopilotPlatform();
    new MetadataConcealmentCheck(workloads, 'check', { cluster });
    expect(jobNamed(synth(workloads), 'check').spec.template.spec.node_selector).toBeUndefined();
  });

  it('refuses a pool that conceals nothing, and a pool on Autopilot', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const exposed = cluster.addNodePool('legacy', { workloadMetadata: WorkloadMetadata.GCE_METADATA, allowGceMetadata: true });
    expect(() => new MetadataConcealmentCheck(workloads, 'check', { cluster, nodePool: exposed })).toThrow(
      'workloads/check: invalid nodePool "platform/cluster/legacy": serves metadata mode GCE_METADATA, which conceals nothing: the check would fail by design');
    const autopilot = autopilotPlatform();
    const pool = platformAndWorkloads().cluster.addNodePool('concealed-pool');
    expect(() => new MetadataConcealmentCheck(autopilot.workloads, 'check', { cluster: autopilot.cluster, nodePool: pool })).toThrow(
      'workloads/check: invalid nodePool "platform/cluster/concealed-pool": cannot be chosen on the Autopilot cluster ap-cluster');
  });

  it('refuses a namespace or service account name Kubernetes would reject', () => {
    const { workloads, cluster } = platformAndWorkloads();
    expect(() => new MetadataConcealmentCheck(workloads, 'a', { cluster, namespace: 'Verify' })).toThrow(
      'workloads/a: invalid namespace "Verify": must be a DNS-1123 label');
    expect(() => new MetadataConcealmentCheck(workloads, 'b', { cluster, serviceAccountName: 'probe_sa' })).toThrow(
      'workloads/b: invalid serviceAccountName "probe_sa": must be a DNS-1123 subdomain');
  });

  describe('its script', () => {
    const { workloads, cluster } = platformAndWorkloads();
    new MetadataConcealmentCheck(workloads, 'check', { cluster });
    const container = jobNamed(synth(workloads), 'check').spec.template.spec.container[0];
    const fast = { env: { CHECK_ATTEMPTS: '4', CHECK_INTERVAL_SECONDS: '0' } };

    it('passes on GKE_METADATA nodes: kube-env concealed, no identity token for a KSA without a Google service account', () => {
      const run = runCheck(container, { [KUBE_ENV]: [{ status: 403, body: CONCEALED }], [IDENTITY]: [{ status: 404, body: NOT_LINKED }] }, fast);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe('PASS: kube-env: HTTP 403 This metadata endpoint is concealed.; instance identity token: HTTP 404 ' +
        'Your Kubernetes service account (default/metadata-concealment-check) is not annotated with a target Google service account, ' +
        'which is a requirement for retrieving Identity Tokens using Workload Identity.\n');
    });

    it('passes on the guide\'s answer for both endpoints, after the metadata server starts answering', () => {
      const run = runCheck(container, {
        [KUBE_ENV]: [{ status: 0 }, { status: 403, body: CONCEALED }],
        [IDENTITY]: [{ status: 0 }, { status: 403, body: CONCEALED }],
      }, fast);
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe('attempt 1 of 4: the metadata server at 169.254.169.254 did not answer\n');
      expect(run.stdout).toBe('PASS: kube-env: HTTP 403 This metadata endpoint is concealed.; instance identity token: HTTP 403 This metadata endpoint is concealed.\n');
    });

    it('fails at once when kube-env is served, without printing it', () => {
      const run = runCheck(container, { [KUBE_ENV]: [{ status: 200, body: 'KUBELET_KEY: c2VjcmV0\n' }], [IDENTITY]: [{ status: 404, body: NOT_LINKED }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.calls).toEqual([KUBE_ENV, IDENTITY]);
      expect(run.stderr).toContain('FAIL: kube-env was served (HTTP 200, not shown): pods on this node can read the kubelet credentials');
      expect(`${run.stdout}${run.stderr}`).not.toContain('c2VjcmV0');
    });

    it('fails at once when an identity token is issued, without printing it', () => {
      const run = runCheck(container, { [KUBE_ENV]: [{ status: 403, body: CONCEALED }], [IDENTITY]: [{ status: 200, body: 'eyJhbGciOiJSUzI1NiJ9.node' }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.calls).toHaveLength(2);
      expect(run.stderr).toContain('FAIL: the instance identity endpoint issued a token (HTTP 200, not shown)');
      expect(`${run.stdout}${run.stderr}`).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    });

    it('fails after its attempts on any other answer, quoting it', () => {
      const run = runCheck(container, { [KUBE_ENV]: [{ status: 403, body: CONCEALED }], [IDENTITY]: [{ status: 500, body: 'internal error' }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.calls).toHaveLength(8);
      expect(run.stderr.trim().split('\n').pop()).toBe('FAIL: the instance identity endpoint answered HTTP 500, expected "This metadata endpoint is concealed." ' +
        'or the GKE metadata server\'s refusal for a Kubernetes service account without a Google service account: internal error');
    });

    it('fails when kube-env is refused without the concealment answer', () => {
      const run = runCheck(container, { [KUBE_ENV]: [{ status: 404, body: 'Not Found' }], [IDENTITY]: [{ status: 404, body: NOT_LINKED }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.stderr.trim().split('\n').pop()).toBe('FAIL: kube-env answered HTTP 404 without "This metadata endpoint is concealed.": Not Found');
    });
  });
});
