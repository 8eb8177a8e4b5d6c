import { Construct } from 'constructs';
import { Token } from 'cdktf';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { inputError } from '../core/errors';
import { checkName, GCS_BUCKET_NAME } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadPodSettings } from '../workloads/workload-pod-settings';
import { SCRIPT_ENV, workloadIdentityScript } from './check-script';
import { placeWithIdentity } from './placement';
import { VerificationCheck, VerificationJobOptions } from './verification-check';
import { verificationJob } from './verification-job';
import { checkedProps } from '../core/props';

/** Properties of a {@link WorkloadIdentityCheck}. */
export interface WorkloadIdentityCheckProps extends VerificationJobOptions {
  /** The workload identity to prove: the Job runs as its KSA, in its namespace. */
  readonly identity: WorkloadIdentity;
  /**
   * The Cloud Storage bucket the identity may list (its name, without `gs://`), such as the guide's test
   * bucket with `roles/storage.objectViewer` granted to the identity.
   */
  readonly bucket: string;
}

/**
 * Guide 001's "verify the setup" as a Job: a pod running as the identity's Kubernetes service account (on
 * nodes with the GKE metadata server, after waiting for it) takes an access token from the metadata server
 * and lists the bucket's objects with it, as the guide's test Pod does:
 * `curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://storage.googleapis.com/storage/v1/b/BUCKET/o`.
 * It passes on HTTP 200 with `"kind": "storage#objects"`. It creates no grant: it proves the ones the app made.
 */
export class WorkloadIdentityCheck extends VerificationCheck {
  /** The guide's test image: gcloud, curl and bash. */
  public static readonly DEFAULT_IMAGE = 'google/cloud-sdk:slim';

  /** The `kubernetes_job_v1` resource. */
  public readonly resource: JobV1;
  /** The pod settings of the identity the Job runs as. */
  public readonly podSettings: WorkloadPodSettings;

  constructor(scope: Construct, id: string, props: WorkloadIdentityCheckProps) {
    super(scope, id, checkedProps(scope, id, props, { identity: 'object!', bucket: 'string!', name: 'string', image: 'string', attempts: 'number', retryIntervalSeconds: 'number', backoffLimit: 'number', activeDeadlineSeconds: 'number', ttlSecondsAfterFinished: 'number', waitForCompletion: 'boolean', dependsOn: 'object' }).identity.namespace, WorkloadIdentityCheck.DEFAULT_IMAGE, props);
    if (!Token.isUnresolved(props.bucket) && props.bucket.startsWith('gs://')) {
      throw inputError(this, 'bucket', props.bucket, 'must be the bucket name without gs://');
    }
    checkName(this, 'bucket', props.bucket, GCS_BUCKET_NAME);
    // The check's image also runs the wait container, which needs bash and curl.
    this.podSettings = WorkloadPodSettings.of(props.identity, { waitForMetadataServer: true, waitImage: this.image });
    const placement = placeWithIdentity(this, props.identity);
    this.resource = verificationJob(this, {
      provider: placement.provider,
      script: workloadIdentityScript(),
      env: { [SCRIPT_ENV.bucket]: props.bucket },
      resourceRequests: { 'cpu': '500m', 'memory': '512Mi', 'ephemeral-storage': '10Mi' },
      serviceAccountName: this.podSettings.serviceAccountName,
      automountServiceAccountToken: this.podSettings.automountServiceAccountToken,
      nodeSelector: this.podSettings.nodeSelector,
      annotations: this.podSettings.annotations,
      initContainers: this.podSettings.initContainers,
      dependsOn: () => [...placement.dependsOn(), ...(props.dependsOn ?? [])],
    });
  }
}
