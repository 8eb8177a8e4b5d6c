import { ITerraformDependable } from 'cdktf';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { PodCommandContainer } from '../workloads/gke-metadata-server';
import { JobRestartPolicy } from '../workloads/job-policies';
import { dependOnAtSynthesis } from '../workloads/synth-dependencies';
import { SCRIPT_ENV } from './check-script';
import { VerificationCheck } from './verification-check';
import { jobV1Module } from '../core/provider-modules';

/** The labels of every verification Job and pod (`VerificationCheck.SELECTOR`). */
const LABELS = { 'app.kubernetes.io/component': 'verification' };

/** What a check puts into its Job beyond the common settings. */
export interface VerificationJobSpec {
  /** The kubernetes provider of the check's stack and cluster. */
  readonly provider: KubernetesProvider;
  /** The shell script the `check` container runs with `/bin/sh -c`. */
  readonly script: string;
  /** The script's inputs. */
  readonly env: { [name: string]: string };
  /** Resource requests of the container (Autopilot sizes the pod from them). */
  readonly resourceRequests: { [resource: string]: string };
  /** The Kubernetes service account; undefined runs as the namespace's `default`. */
  readonly serviceAccountName?: string;
  /** Whether the pod gets a Kubernetes API token mounted. */
  readonly automountServiceAccountToken: boolean;
  /** Where the pod may run. */
  readonly nodeSelector?: { [key: string]: string };
  /** Pod annotations. */
  readonly annotations?: { [key: string]: string };
  /** Containers that run before the check. */
  readonly initContainers?: PodCommandContainer[];
  /** Resources of the check's stack the Job waits for, read when the app is synthesised. */
  readonly dependsOn: () => ITerraformDependable[];
}

/**
 * The `kubernetes_job_v1` of a check: one `check` container running the script, restartPolicy Never, the
 * check's backoff limit and deadline, the runtime's default seccomp profile, no privilege escalation and no
 * capabilities, and the log tail as termination message when the check fails. It has no
 * `ttl_seconds_after_finished`: Kubernetes would delete the finished Job, Terraform would find it missing,
 * and every later plan would create it again.
 */
export function verificationJob(check: VerificationCheck, spec: VerificationJobSpec): JobV1 {
  const timing = check._timing;
  const env = {
    [SCRIPT_ENV.attempts]: String(timing.attempts),
    [SCRIPT_ENV.retryIntervalSeconds]: String(timing.retryIntervalSeconds),
    ...spec.env,
  };
  const waitTimeout = `${timing.activeDeadlineSeconds + 60}s`;
  const nodeSelector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? spec.nodeSelector : undefined;
  const annotations = spec.annotations && Object.keys(spec.annotations).length > 0 ? spec.annotations : undefined;
  const initContainers = spec.initContainers && spec.initContainers.length > 0 ? spec.initContainers : undefined;
  const { JobV1: Job } = jobV1Module();
  const job = new Job(check, 'Resource', {
    provider: spec.provider,
    metadata: { name: check.jobName, namespace: check.namespace, labels: LABELS },
    spec: {
      backoffLimit: timing.backoffLimit,
      activeDeadlineSeconds: timing.activeDeadlineSeconds,
      template: {
        metadata: { labels: LABELS, annotations },
        spec: {
          restartPolicy: JobRestartPolicy.NEVER,
          serviceAccountName: spec.serviceAccountName,
          automountServiceAccountToken: spec.automountServiceAccountToken,
          nodeSelector,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          initContainer: initContainers,
          container: [{
            name: VerificationCheck.CONTAINER_NAME,
            image: check.image,
            command: ['/bin/sh', '-c', spec.script],
            env: Object.entries(env).map(([name, value]) => ({ name, value })),
            resources: { requests: spec.resourceRequests },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            terminationMessagePolicy: 'FallbackToLogsOnError',
          }],
        },
      },
    },
    waitForCompletion: timing.waitForCompletion,
    timeouts: timing.waitForCompletion ? { create: waitTimeout, update: waitTimeout } : undefined,
  });
  dependOnAtSynthesis(job, spec.dependsOn);
  return job;
}
