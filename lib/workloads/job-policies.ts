/** What a CronJob does when a run is due while the previous one still runs (`concurrencyPolicy`); each value is Kubernetes'. */
export enum ConcurrencyPolicy {
  /** Start the new run anyway (Kubernetes' default). */
  ALLOW = 'Allow',
  /** Skip the new run while the previous one runs. */
  FORBID = 'Forbid',
  /** Stop the previous run and start the new one. */
  REPLACE = 'Replace',
}

/** What happens to a Job's failed container (`restartPolicy`; Jobs allow only these two); each value is Kubernetes'. */
export enum JobRestartPolicy {
  /** Never restart in place; the Job creates a new pod (up to its backoff limit). */
  NEVER = 'Never',
  /** Restart the container in the same pod. */
  ON_FAILURE = 'OnFailure',
}

/** When the kubelet pulls a container image (`imagePullPolicy`); each value is Kubernetes'. */
export enum ImagePullPolicy {
  /** Pull on every start, so a moving tag such as `latest` is current. */
  ALWAYS = 'Always',
  /** Pull only when the node lacks the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}
