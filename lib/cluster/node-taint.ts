/** The effect of a node taint. */
export class TaintEffect {
  /** Pods without a toleration are not scheduled. */
  public static readonly NO_SCHEDULE = new TaintEffect('NO_SCHEDULE');
  /** The scheduler avoids the node for pods without a toleration. */
  public static readonly PREFER_NO_SCHEDULE = new TaintEffect('PREFER_NO_SCHEDULE');
  /** Pods without a toleration are evicted. */
  public static readonly NO_EXECUTE = new TaintEffect('NO_EXECUTE');

  /** The provider's value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
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
