/** The effect of a node taint; each value is the provider's. */
export enum TaintEffect {
  /** Pods without a toleration are not scheduled. */
  NO_SCHEDULE = 'NO_SCHEDULE',
  /** The scheduler avoids the node for pods without a toleration. */
  PREFER_NO_SCHEDULE = 'PREFER_NO_SCHEDULE',
  /** Pods without a toleration are evicted. */
  NO_EXECUTE = 'NO_EXECUTE',
}

/** A Kubernetes taint on every node of a pool. */
export interface NodeTaint {
  /** The taint key. */
  readonly key: string;
  /** The taint value. */
  readonly value: string;
  /** The taint effect. */
  readonly effect: TaintEffect;
}
