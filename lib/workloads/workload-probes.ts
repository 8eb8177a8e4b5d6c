/**
 * An HTTP probe of a container (readiness, liveness or startup): `GET path` on a port outside the mesh.
 * The kubelet presents no mesh certificate, so a probe of a port Envoy intercepts would always fail.
 */
export interface HttpProbe {
  /** The request path, such as `/healthz`. */
  readonly path: string;
  /**
   * The port.
   * @default - the workload's `healthCheckPort`
   */
  readonly port?: number;
  /**
   * Seconds after the container starts before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds before a probe times out.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed probes in a row before the probe counts as failed.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** The probes of a workload's application container. */
export interface WorkloadProbes {
  /**
   * Whether the pod receives traffic.
   * @default - none: the pod is ready once its containers start
   */
  readonly readiness?: HttpProbe;
  /**
   * Whether the container is restarted.
   * @default - none
   */
  readonly liveness?: HttpProbe;
  /**
   * Holds the other probes until the application has started.
   * @default - none
   */
  readonly startup?: HttpProbe;
}
