import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { checkName, CONTAINER_IMAGE, DNS_1123_LABEL } from '../core/names';
import { checkRunId } from './verification-timing';
import { timingOf, VerificationTiming } from './verification-timing';

/** How a verification Job runs, retries and is kept; every check takes these options. */
export interface VerificationJobOptions {
  /**
   * The Job name, which `kubectl wait job/<name>` uses.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The container image. It needs a POSIX shell and curl (the Workload Identity check also gcloud and bash).
   * @default - the check's image: `google/cloud-sdk:slim` for WorkloadIdentityCheck, `curlimages/curl:8.11.1` for the others
   */
  readonly image?: string;
  /**
   * How many times the check tries before it fails. Access granted a moment ago, mesh configuration and
   * authorization policies take a while to reach the pod, so one attempt is not enough.
   * @default 30
   */
  readonly attempts?: number;
  /**
   * Seconds between two attempts.
   * @default 10
   */
  readonly retryIntervalSeconds?: number;
  /**
   * How many failed pods the Job replaces before it is Failed (`backoffLimit`). Each pod runs every attempt.
   * @default 1 - one more pod, for a pod lost to its node; Kubernetes' own default of 6 hides a failing check for long
   */
  readonly backoffLimit?: number;
  /**
   * The Job's deadline (`activeDeadlineSeconds`), counted from the Job's start: then its pods are stopped and
   * the Job is Failed. It also stops a pod whose sidecar never exits. At least `attempts × retryIntervalSeconds + 60`.
   * @default 600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * A run id, appended to the Job name (`<name>-<runId>`): the deliberate way to run the check again. The
   * finished Job is kept (it has no time to live), so a settled deployment plans no changes; a new run id
   * renames the Job, so the next deploy replaces it and the check runs again. Use something that changes
   * when you want a new proof, such as a release tag or a CI run number.
   * @default - none: the Job is named `name`, created once and kept
   */
  readonly runId?: string;
  /**
   * Make `cdktf deploy` wait for the Job and fail when the check fails (`wait_for_completion`).
   * @default false - the deploy creates the Job and goes on; `kubectl wait` reads the result
   */
  readonly waitForCompletion?: boolean;
  /**
   * Further resources of this stack the Job waits for.
   * @default - only what the check itself depends on
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A check of a deployed blueprint that runs as a Kubernetes Job (`batch/v1`) and fails when its expectation
 * fails, so that `kubectl wait --for=condition=complete job/<name>` proves the deployment. The Job runs one
 * container, `check`, with restartPolicy Never, a small backoffLimit and a deadline, and is kept after it
 * finishes (no time to live, so the next plan shows no changes; `runId` runs it again); it
 * prints one `PASS: …` or `FAIL: …` line and exits 0 or 1. Values from the check's properties reach its
 * shell script only as environment variables, never as script text.
 */
export abstract class VerificationCheck extends Construct {
  /** The label every verification Job and pod carries, as a `kubectl -l` selector. */
  public static readonly SELECTOR = 'app.kubernetes.io/component=verification';
  /** The image of the checks that only need curl. */
  public static readonly CURL_IMAGE = 'curlimages/curl:8.11.1';
  /** The name of the container that runs the check. */
  public static readonly CONTAINER_NAME = 'check';

  /** The check's name (`name`, default the construct id), which names the resources the check keeps across runs. */
  public readonly checkName: string;
  /** The Job name: the check's name, and `-<runId>` when a run id is given. */
  public readonly jobName: string;
  /** The namespace of the Job. */
  public readonly namespace: string;
  /** The container image. */
  public readonly image: string;
  /** The command that waits for the check's success, sized to its deadline: it fails on timeout. */
  public readonly waitCommand: string;
  /** The command that prints the check's output. */
  public readonly logsCommand: string;
  /** The `kubernetes_job_v1` resource. */
  public abstract readonly resource: JobV1;
  /** @internal The timing options with their defaults. */
  public readonly _timing: VerificationTiming;

  protected constructor(scope: Construct, id: string, namespace: string, defaultImage: string, options: VerificationJobOptions) {
    super(scope, id);
    this.checkName = options.name ?? id;
    checkName(this, 'name', this.checkName, DNS_1123_LABEL);
    this.jobName = options.runId === undefined ? this.checkName : `${this.checkName}-${options.runId}`;
    if (options.runId !== undefined) checkRunId(this, options.runId, this.jobName);
    checkName(this, 'namespace', namespace, DNS_1123_LABEL);
    this.namespace = namespace;
    this.image = options.image ?? defaultImage;
    checkName(this, 'image', this.image, CONTAINER_IMAGE);
    this._timing = timingOf(this, options);
    const timeout = this._timing.activeDeadlineSeconds + 60;
    this.waitCommand = `kubectl wait --for=condition=complete job/${this.jobName} -n ${namespace} --timeout=${timeout}s`;
    this.logsCommand = `kubectl logs -l job-name=${this.jobName} -n ${namespace} -c ${VerificationCheck.CONTAINER_NAME} --prefix --tail=-1`;
  }
}
