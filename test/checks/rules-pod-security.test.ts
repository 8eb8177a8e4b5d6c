import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { DeploymentV1, DeploymentV1SpecTemplateSpec, DeploymentV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { SecuritySeverity } from '../../lib';
import { POD_SECURITY_RULES } from '../../lib/checks/rules-pod-security';
import { coveredIds, describeRuleCases, RuleCase, TestApp } from './fixtures';

const DEPLOYMENT = 'kubernetes_deployment_v1.app';
const MANIFEST = 'kubernetes_manifest.app';

type PodSpec = Partial<DeploymentV1SpecTemplateSpec>;

/** A hardened deployment whose pod spec and first container can be changed. */
function deployment(t: TestApp, spec: PodSpec = {}, container: Partial<DeploymentV1SpecTemplateSpecContainer> = {}): void {
  new DeploymentV1(t.workloads, 'app', {
    metadata: { name: 'app', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: 'app',
          container: [{ name: 'app', image: 'example.com/app@sha256:0', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true }, ...container }],
          ...spec,
        },
      },
    },
  });
}

/** The same workload written as a kubernetes_manifest Deployment (camelCase). */
function manifestDeployment(t: TestApp, podSpec: Record<string, unknown> = {}, containerFields: Record<string, unknown> = {}): void {
  new Manifest(t.workloads, 'app', {
    manifest: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: {
            automountServiceAccountToken: false,
            containers: [{ name: 'app', image: 'example.com/app@sha256:0', securityContext: { allowPrivilegeEscalation: false }, ...containerFields }],
            ...podSpec,
          },
        },
      },
    },
  });
}

const CASES: RuleCase[] = [
  {
    id: 'POD-1', name: 'privileged container', address: DEPLOYMENT,
    fails: (t) => deployment(t, {}, { securityContext: { privileged: true } }),
    passes: (t) => deployment(t),
  },
  {
    id: 'POD-1', name: 'privileged container in a manifest Deployment', address: MANIFEST,
    fails: (t) => manifestDeployment(t, {}, { securityContext: { privileged: true } }),
    passes: (t) => manifestDeployment(t),
  },
  {
    id: 'POD-2', name: 'hostPath of the node root', address: DEPLOYMENT,
    fails: (t) => deployment(t, { volume: [{ name: 'root', hostPath: { path: '/' } }] }),
    passes: (t) => deployment(t, { volume: [{ name: 'scratch', emptyDir: {} }] }),
  },
  {
    id: 'POD-2', name: 'hostPath of the containerd socket in a manifest', address: MANIFEST,
    fails: (t) => manifestDeployment(t, { volumes: [{ name: 'sock', hostPath: { path: '/run/containerd/containerd.sock' } }] }),
    passes: (t) => manifestDeployment(t, { volumes: [{ name: 'scratch', emptyDir: {} }] }),
  },
  {
    id: 'POD-2', name: 'hostPath of another node directory', address: DEPLOYMENT, severity: SecuritySeverity.WARNING,
    fails: (t) => deployment(t, { volume: [{ name: 'logs', hostPath: { path: '/var/log/app' } }] }),
    passes: (t) => deployment(t),
  },
  {
    id: 'POD-3', name: 'host PID namespace', address: DEPLOYMENT,
    fails: (t) => deployment(t, { hostPid: true }),
    passes: (t) => deployment(t, { hostPid: false }),
  },
  {
    id: 'POD-3', name: 'host IPC namespace in a manifest', address: MANIFEST,
    fails: (t) => manifestDeployment(t, { hostIPC: true }),
    passes: (t) => manifestDeployment(t),
  },
  {
    id: 'POD-4', name: 'SYS_ADMIN added', address: DEPLOYMENT,
    fails: (t) => deployment(t, {}, { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } } }),
    passes: (t) => deployment(t, {}, { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } }),
  },
  {
    id: 'POD-4', name: 'NET_RAW added (beyond the baseline, not root-equivalent)', address: DEPLOYMENT, severity: SecuritySeverity.WARNING,
    fails: (t) => deployment(t, {}, { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_RAW'] } } }),
    passes: (t) => deployment(t),
  },
  {
    id: 'POD-5', name: 'privilege escalation allowed', address: DEPLOYMENT,
    fails: (t) => deployment(t, {}, { securityContext: { allowPrivilegeEscalation: true } }),
    passes: (t) => deployment(t),
  },
  {
    id: 'POD-6', name: 'runs as UID 0', address: DEPLOYMENT,
    fails: (t) => deployment(t, { securityContext: { runAsUser: '0' } }, { securityContext: { allowPrivilegeEscalation: false } }),
    passes: (t) => deployment(t, { securityContext: { runAsUser: '10001' } }),
  },
  {
    id: 'POD-7', name: 'token mounted for a KSA without a Kubernetes role', address: DEPLOYMENT,
    fails: (t) => deployment(t, { automountServiceAccountToken: true }),
    passes: (t) => {
      deployment(t, { automountServiceAccountToken: true });
      new RoleBindingV1(t.workloads, 'reader', {
        metadata: { name: 'app-reads-config', namespace: 'shop' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'config-reader' },
        subject: [{ kind: 'ServiceAccount', name: 'app', namespace: 'shop' }],
      });
    },
  },
  {
    id: 'POD-7', name: 'token mounted through the KSA\'s own setting', address: DEPLOYMENT,
    fails: (t) => {
      deployment(t, { automountServiceAccountToken: undefined });
      new ServiceAccountV1(t.workloads, 'ksa', { metadata: { name: 'app', namespace: 'shop' }, automountServiceAccountToken: true });
    },
    passes: (t) => {
      deployment(t, { automountServiceAccountToken: undefined });
      new ServiceAccountV1(t.workloads, 'ksa', { metadata: { name: 'app', namespace: 'shop' }, automountServiceAccountToken: false });
    },
  },
];

describeRuleCases(CASES);

describeRuleCases([
  {
    id: 'K8S-4', name: 'host network in a DaemonSet (an error unless suppressed)', address: 'kubernetes_daemon_set_v1.agent',
    fails: (t) => new DaemonSetV1(t.workloads, 'agent', {
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, container: [{ name: 'a', image: 'agent' }] } } },
    }),
    passes: (t) => new DaemonSetV1(t.workloads, 'agent', {
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { container: [{ name: 'a', image: 'agent' }] } } },
    }),
  },
  {
    id: 'POD-1', name: 'privileged container in a CronJob\'s pod template', address: 'kubernetes_cron_job_v1.batch',
    fails: (t) => new CronJobV1(t.workloads, 'batch', {
      metadata: { name: 'batch' },
      spec: { schedule: '* * * * *', jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ name: 'b', image: 'b', securityContext: { privileged: true } }] } } } } },
    }),
    passes: (t) => new CronJobV1(t.workloads, 'batch', {
      metadata: { name: 'batch' },
      spec: { schedule: '* * * * *', jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ name: 'b', image: 'b' }] } } } } },
    }),
  },
]);

it('has cases for every pod security rule', () => {
  expect(coveredIds(CASES)).toEqual(POD_SECURITY_RULES.map((r) => r.id).sort());
});
