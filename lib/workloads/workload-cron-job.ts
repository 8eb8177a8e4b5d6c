import { Construct } from 'constructs';
import { Token } from 'cdktf';
import type { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { inputError } from '../core/errors';
import { cronJobV1Module } from '../core/provider-modules';
import { checkName, CONTAINER_IMAGE, CRON_JOB_NAME, CRON_SCHEDULE, DNS_1123_LABEL, ENV_VAR_NAME } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { ConcurrencyPolicy, ImagePullPolicy, JobRestartPolicy } from './job-policies';
import { checkResourceQuantities } from './container-settings';
import { providerTolerations } from './placement-checks';
import { dependOnAtSynthesis } from './synth-dependencies';
import { WorkloadPodOptions, WorkloadPodSettings } from './workload-pod-settings';
import { checkProps, memberOf } from '../core/props';
import { claimName } from '../core/name-claims';
import { checkKubernetesLabels, checkTimeZone } from '../core/value-rules';
import { addTokenEnv, containerEnv } from './container-env';

/** Properties of a {@link WorkloadCronJob}. */
export interface WorkloadCronJobProps {
  /** The identity the job runs as; the CronJob goes into its namespace. */
  readonly identity: WorkloadIdentity;
  /**
   * The CronJob name (at most 52 characters).
   * @default - the construct id
   */
  readonly name?: string;
  /** The schedule, such as `*\/1 * * * *` or `@hourly`. */
  readonly schedule: string;
  /**
   * The IANA time zone of the schedule, such as `Asia/Tokyo`.
   * @default - the time zone of the kube-controller-manager (UTC on GKE)
   */
  readonly timeZone?: string;
  /** The container image. */
  readonly image: string;
  /**
   * The command.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The arguments.
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Environment variables of the container.
   * @default - none (plus `GCE_METADATA_HOST` when `pod.metadataHostEnv` is set)
   */
  readonly env?: { [name: string]: string };
  /**
   * The container name.
   * @default 'batch'
   */
  readonly containerName?: string;
  /**
   * When to pull the image.
   * @default - Kubernetes' default (Always for `latest` or untagged images, otherwise IfNotPresent)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Resource requests of the container, such as `{ cpu: '250m', memory: '512Mi' }` (Autopilot sizes the
   * pod from them).
   * @default - none
   */
  readonly resourceRequests?: { [resource: string]: string };
  /**
   * What happens to a failed container.
   * @default JobRestartPolicy.NEVER - as in the walkthrough; each retry is a new pod, whose log stays readable
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * What happens when a run is due while the previous one still runs.
   * @default ConcurrencyPolicy.FORBID - runs never overlap
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * Finished Jobs kept.
   * @default 1 - as in the walkthrough
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs kept.
   * @default 1 - as in the walkthrough
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Create the CronJob suspended (no runs until resumed).
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Labels of the CronJob and its pods.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The troubleshooting guide's pod fixes, and where the pods run (`placement`).
   * @default - the defaults of WorkloadPodOptions (the metadata-server nodeSelector on Standard clusters)
   */
  readonly pod?: WorkloadPodOptions;
}

/**
 * A Kubernetes CronJob (`batch/v1`) whose pods run as a workload identity: the walkthrough's job that calls
 * Google Cloud APIs with no service account key. The pods use the identity's KSA, its token-mount setting
 * and the metadata-server pod fixes; the CronJob waits for the identity's namespace, KSA, link and grants,
 * including grants made after the CronJob is created.
 */
export class WorkloadCronJob extends Construct {
  /** The `kubernetes_cron_job_v1`. */
  public readonly resource: CronJobV1;
  /** The CronJob name. */
  public readonly cronJobName: string;
  /** The pod settings the job's pods use. */
  public readonly podSettings: WorkloadPodSettings;

  constructor(scope: Construct, id: string, props: WorkloadCronJobProps) {
    super(scope, id);
    checkProps(this, props, { identity: 'object!', name: 'string', schedule: 'string!', timeZone: 'string', image: 'string!', command: 'strings', args: 'strings', env: 'map', containerName: 'string', imagePullPolicy: memberOf(ImagePullPolicy, 'ImagePullPolicy'), resourceRequests: 'map', restartPolicy: memberOf(JobRestartPolicy, 'JobRestartPolicy'), concurrencyPolicy: memberOf(ConcurrencyPolicy, 'ConcurrencyPolicy'), successfulJobsHistoryLimit: 'number', failedJobsHistoryLimit: 'number', suspend: 'boolean', labels: 'map', pod: 'object' });
    this.cronJobName = props.name ?? id;
    checkName(this, 'name', this.cronJobName, CRON_JOB_NAME);
    checkName(this, 'image', props.image, CONTAINER_IMAGE);
    checkKubernetesLabels(this, 'labels', props.labels);
    checkTimeZone(this, props.timeZone);
    claimName(this, 'name', `Kubernetes CronJob in namespace ${props.identity.namespace} of cluster ${props.identity.cluster.node.path}`, this.cronJobName);
    if (!Token.isUnresolved(props.schedule) && /^\s*(?:CRON_)?TZ=/.test(props.schedule)) {
      throw inputError(this, 'schedule', props.schedule, 'must not carry a TZ= prefix (Kubernetes rejects it); use timeZone');
    }
    checkName(this, 'schedule', props.schedule, CRON_SCHEDULE);
    const containerName = props.containerName ?? 'batch';
    checkName(this, 'containerName', containerName, DNS_1123_LABEL);
    for (const name of Token.isUnresolved(props.env) ? [] : Object.keys(props.env ?? {})) checkName(this, `env.${name}`, name, ENV_VAR_NAME);
    checkResourceQuantities(this, 'resourceRequests', props.resourceRequests);
    checkHistoryLimit(this, 'successfulJobsHistoryLimit', props.successfulJobsHistoryLimit);
    checkHistoryLimit(this, 'failedJobsHistoryLimit', props.failedJobsHistoryLimit);

    const identity = props.identity;
    this.podSettings = WorkloadPodSettings.of(identity, props.pod, this);
    const pod = this.podSettings;
    const env = containerEnv(props.env, pod.env);
    const { CronJobV1: CronJob } = cronJobV1Module();
    this.resource = new CronJob(this, 'Resource', {
      provider: identity.kubernetesProvider,
      metadata: { name: this.cronJobName, namespace: identity.namespace, labels: props.labels },
      spec: {
        schedule: props.schedule,
        timezone: props.timeZone,
        concurrencyPolicy: props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
        successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? 1,
        failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? 1,
        suspend: props.suspend,
        jobTemplate: {
          metadata: props.labels ? { labels: props.labels } : {},
          spec: {
            template: {
              metadata: {
                ...(props.labels ? { labels: props.labels } : {}),
                ...(Object.keys(pod.annotations).length > 0 ? { annotations: pod.annotations } : {}),
              },
              spec: {
                restartPolicy: props.restartPolicy ?? JobRestartPolicy.NEVER,
                serviceAccountName: pod.serviceAccountName,
                automountServiceAccountToken: pod.automountServiceAccountToken,
                nodeSelector: Object.keys(pod.nodeSelector).length > 0 ? pod.nodeSelector : undefined,
                toleration: providerTolerations(pod.tolerations),
                initContainer: pod.initContainers.length > 0 ? pod.initContainers : undefined,
                container: [{
                  name: containerName,
                  image: props.image,
                  imagePullPolicy: props.imagePullPolicy,
                  command: props.command,
                  args: props.args,
                  env,
                  resources: props.resourceRequests ? { requests: props.resourceRequests } : undefined,
                  securityContext: { allowPrivilegeEscalation: false },
                }],
              },
            },
          },
        },
      },
    });
    addTokenEnv(this.resource, 'spec.job_template.spec.template.spec', props.env, pod.env);
    dependOnAtSynthesis(this.resource, () => identity.dependables);
  }
}

function checkHistoryLimit(scope: Construct, field: string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < 0) throw inputError(scope, field, value, 'must be a whole number of at least 0');
}
