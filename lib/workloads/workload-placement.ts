import type { ConcealedNodePool } from '../cluster/concealed-node-pool';
import { NodeTaint, TaintEffect } from '../cluster/node-taint';

/** How a toleration matches a taint's value (Kubernetes spelling). */
export enum TolerationOperator {
  /** The taint's key and value must equal the toleration's. */
  EQUAL = 'Equal',
  /** Any value of the key matches; the toleration has no value. */
  EXISTS = 'Exists',
}

/** The taint effect a toleration matches, spelled as Kubernetes spells it (not GKE's `NO_SCHEDULE`). */
export enum TolerationEffect {
  /** Tolerates `NoSchedule` taints: the pod may be scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** Tolerates `PreferNoSchedule` taints. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Tolerates `NoExecute` taints: the pod is not evicted (for `tolerationSeconds`, if set). */
  NO_EXECUTE = 'NoExecute',
}

/** A pod toleration (`spec.tolerations[]`), checked when a workload uses it. */
export interface PodToleration {
  /**
   * The taint key, a Kubernetes label key such as `workload` or `example.com/dedicated`.
   * @default - every key; the operator must then be `EXISTS`
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL - Kubernetes' default
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value, for `EQUAL`; `EXISTS` takes none.
   * @default - the empty value
   */
  readonly value?: string;
  /**
   * The taint effect matched.
   * @default - every effect
   */
  readonly effect?: TolerationEffect;
  /**
   * For `NO_EXECUTE` only: how many seconds the pod stays on a node after the taint appears.
   * @default - for ever
   */
  readonly tolerationSeconds?: number;
}

/** What {@link WorkloadPlacement.custom} places pods by. */
export interface WorkloadPlacementOptions {
  /**
   * Node labels the pods must find on their node (`nodeSelector`), beside the metadata-server selector the
   * library adds on Standard clusters.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: PodToleration[];
}

/** GKE's label on every node of a Standard node pool: the pool's name. */
const NODE_POOL_LABEL = 'cloud.google.com/gke-nodepool';

const KUBERNETES_EFFECT: Record<TaintEffect, TolerationEffect> = {
  [TaintEffect.NO_SCHEDULE]: TolerationEffect.NO_SCHEDULE,
  [TaintEffect.PREFER_NO_SCHEDULE]: TolerationEffect.PREFER_NO_SCHEDULE,
  [TaintEffect.NO_EXECUTE]: TolerationEffect.NO_EXECUTE,
};

/**
 * Where a workload's pods run: the node labels they select and the taints they tolerate. Give it to
 * `WorkloadCronJob` (`pod.placement`) or `MeshWorkload` (`placement`); the workload checks it against its
 * cluster and writes `node_selector` and `toleration` blocks into the pod spec.
 */
export class WorkloadPlacement {
  /** GKE's node label holding the node pool name, which {@link WorkloadPlacement.onPool} selects. */
  public static readonly NODE_POOL_LABEL = NODE_POOL_LABEL;

  /**
   * Only on `pool`: select its nodes by GKE's node pool label (`cloud.google.com/gke-nodepool: <pool name>`)
   * and tolerate each of its taints, so pods land on a tainted pool (such as a Spot pool for batch work)
   * and nowhere else. The workload must run in the pool's cluster.
   */
  public static onPool(pool: ConcealedNodePool): WorkloadPlacement {
    return new WorkloadPlacement({ [NODE_POOL_LABEL]: pool.poolName }, pool.taints.map(WorkloadPlacement.toleration), pool);
  }

  /** Any node selector and tolerations, checked when a workload uses them. */
  public static custom(options: WorkloadPlacementOptions): WorkloadPlacement {
    return new WorkloadPlacement({ ...(options.nodeSelector ?? {}) }, [...(options.tolerations ?? [])]);
  }

  /** The toleration of exactly one node taint (same key and value, the effect in Kubernetes spelling). */
  public static toleration(taint: NodeTaint): PodToleration {
    return { key: taint.key, operator: TolerationOperator.EQUAL, value: taint.value, effect: KUBERNETES_EFFECT[taint.effect] };
  }

  /** The node labels the pods select. */
  public readonly nodeSelector: { [key: string]: string };
  /** The taints the pods tolerate. */
  public readonly tolerations: PodToleration[];
  /** The node pool the pods are placed on, for {@link WorkloadPlacement.onPool}. */
  public readonly pool?: ConcealedNodePool;

  private constructor(nodeSelector: { [key: string]: string }, tolerations: PodToleration[], pool?: ConcealedNodePool) {
    this.nodeSelector = nodeSelector;
    this.tolerations = tolerations;
    this.pool = pool;
  }
}
