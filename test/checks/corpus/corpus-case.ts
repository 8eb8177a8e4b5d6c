import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { ReplicationControllerV1 } from '@cdktf/provider-kubernetes/lib/replication-controller-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { TerraformResource } from 'cdktf';
import { TestApp } from '../fixtures';

/** Where a case comes from: the category of the issue and whether it is written through an escape hatch. */
export type Category = 'pod security' | 'RBAC' | 'IAM' | 'federation' | 'mesh' | 'cluster';

/**
 * One misconfiguration as a careless user writes it with raw provider classes, and the rules that catch
 * it (any one of them). Critical cases must be caught as errors.
 */
export interface CorpusCase {
  readonly name: string;
  readonly category: Category;
  /** The rule ids that report this misconfiguration. */
  readonly caughtBy: string[];
  /** Written through `addOverride`, a single-object block or locals. */
  readonly escapeHatch?: boolean;
  /** Must be an error finding. */
  readonly critical?: boolean;
  readonly build: (t: TestApp) => void;
}

/** A correct configuration: no error or warning finding may appear. */
export interface CorrectCase {
  readonly name: string;
  readonly build: (t: TestApp) => void;
}

/** A plain pod spec in the provider's struct form (camelCase, blocks as arrays). */
export type PodSpec = Record<string, unknown>;

/** A container with the library's defaults for the rest of the pod. */
export function container(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: 'example.com/app@sha256:0', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true }, ...fields };
}

/** A hardened pod spec, changed by `spec`. */
export function podSpec(spec: PodSpec = {}): PodSpec {
  return { automountServiceAccountToken: false, serviceAccountName: 'app', container: [container()], ...spec };
}

const LABELS = { app: 'app' };

/** The provider workload types, each built around `spec`. */
export const WORKLOADS: { readonly [type: string]: (t: TestApp, spec: PodSpec) => TerraformResource } = {
  kubernetes_deployment_v1: (t, spec) => new DeploymentV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: spec as never } },
  }),
  kubernetes_daemon_set_v1: (t, spec) => new DaemonSetV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: spec as never } },
  }),
  kubernetes_stateful_set_v1: (t, spec) => new StatefulSetV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { serviceName: 'w', selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: spec as never } },
  }),
  kubernetes_job_v1: (t, spec) => new JobV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { template: { metadata: {}, spec: spec as never } },
  }),
  kubernetes_cron_job_v1: (t, spec) => new CronJobV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { schedule: '0 * * * *', jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: spec as never } } } },
  }),
  kubernetes_pod_v1: (t, spec) => new PodV1(t.workloads, 'w', { metadata: { name: 'w', namespace: 'shop' }, spec: spec as never }),
  kubernetes_replication_controller_v1: (t, spec) => new ReplicationControllerV1(t.workloads, 'w', {
    metadata: { name: 'w', namespace: 'shop' }, spec: { selector: LABELS, template: { metadata: { labels: LABELS }, spec: spec as never } },
  }),
};

/** A pod spec in Kubernetes' own form (camelCase, `containers`), for manifests. */
export function k8sPodSpec(spec: Record<string, unknown> = {}, containerFields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    automountServiceAccountToken: false, serviceAccountName: 'app',
    containers: [{ name: 'app', image: 'example.com/app@sha256:0', securityContext: { allowPrivilegeEscalation: false }, ...containerFields }],
    ...spec,
  };
}

/** A workload of `kind` written as a kubernetes_manifest around a Kubernetes pod spec. */
export function manifestWorkload(t: TestApp, kind: string, spec: Record<string, unknown>): void {
  const template = { metadata: { labels: LABELS }, spec };
  const bodies: Record<string, Record<string, unknown>> = {
    Pod: spec,
    Deployment: { selector: { matchLabels: LABELS }, template },
    DaemonSet: { selector: { matchLabels: LABELS }, template },
    StatefulSet: { serviceName: 'w', selector: { matchLabels: LABELS }, template },
    ReplicaSet: { selector: { matchLabels: LABELS }, template },
    Job: { template },
    CronJob: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
  };
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  new Manifest(t.workloads, 'w', { manifest: { apiVersion, kind, metadata: { name: 'w', namespace: 'shop' }, spec: bodies[kind] } });
}
