/** What a CronJob does when a run is due while the previous one still runs (`concurrencyPolicy`). */
export class ConcurrencyPolicy {
  /** Start the new run anyway (Kubernetes' default). */
  public static readonly ALLOW = new ConcurrencyPolicy('Allow');
  /** Skip the new run while the previous one runs. */
  public static readonly FORBID = new ConcurrencyPolicy('Forbid');
  /** Stop the previous run and start the new one. */
  public static readonly REPLACE = new ConcurrencyPolicy('Replace');

  /** The Kubernetes value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/** What happens to a Job's failed container (`restartPolicy`; Jobs allow only these two). */
export class JobRestartPolicy {
  /** Never restart in place; the Job creates a new pod (up to its backoff limit). */
  public static readonly NEVER = new JobRestartPolicy('Never');
  /** Restart the container in the same pod. */
  public static readonly ON_FAILURE = new JobRestartPolicy('OnFailure');

  /** The Kubernetes value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/** When the kubelet pulls a container image (`imagePullPolicy`). */
export class ImagePullPolicy {
  /** Pull on every start, so a moving tag such as `latest` is current. */
  public static readonly ALWAYS = new ImagePullPolicy('Always');
  /** Pull only when the node lacks the image. */
  public static readonly IF_NOT_PRESENT = new ImagePullPolicy('IfNotPresent');
  /** Never pull; the image must be on the node. */
  public static readonly NEVER = new ImagePullPolicy('Never');

  /** The Kubernetes value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
