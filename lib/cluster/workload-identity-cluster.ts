import { Construct } from 'constructs';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ITaggedNodePool } from '../core/cluster-ref';
import { WorkloadIdentityClusterBase } from './cluster-base';
import { ClusterCommonProps } from './cluster-props';
import { clusterNodeAccountId, NodeServiceAccount } from './node-service-account';
import { ConcealedNodePool, ConcealedNodePoolOptions } from './concealed-node-pool';
import { hardenedNodeConfig } from './node-config';
import { checkNodeLocations } from './node-locations';

/** Properties of a Standard {@link WorkloadIdentityCluster}. */
export interface WorkloadIdentityClusterProps extends ClusterCommonProps {
  /**
   * Run GKE Dataplane V2, which enforces NetworkPolicy. When false, Calico network policy is enabled
   * instead, so NetworkPolicies are always enforced.
   * @default true
   */
  readonly dataplaneV2?: boolean;
  /**
   * The node service account of the temporary default pool and, unless a pool names its own, of every
   * node pool.
   * @default - a new least-privilege service account `<name>-nodes`
   */
  readonly nodeServiceAccount?: NodeServiceAccount;
  /**
   * The zones of the cluster's nodes (`node_locations`), all in the cluster's region; node pools use them
   * unless they name their own. For a zonal cluster, the extra zones besides its own.
   * @default - GKE's choice: three zones of the region (a zonal cluster: its zone)
   */
  readonly nodeLocations?: string[];
  /**
   * Intranode visibility: traffic between pods of one node goes through the VPC, so VPC firewall rules
   * and flow logs see it. GKE restarts the nodes' networking components when it changes, and flow logs
   * grow, so it is an opt-in; `false` turns it off.
   * @default - not set: the cluster keeps GKE's setting (off for new clusters)
   */
  readonly intranodeVisibility?: boolean;
}

/**
 * A GKE Standard cluster with Workload Identity Federation and the hardening of the guides: regional
 * control plane, release channel, VPC-native networking, private nodes behind master authorized networks,
 * Dataplane V2, shielded nodes, no client certificate, no legacy ABAC, deletion protection. The default
 * node pool is removed (it only exists briefly, on a least-privilege service account and the GKE metadata
 * server); add pools with {@link addNodePool}.
 */
export class WorkloadIdentityCluster extends WorkloadIdentityClusterBase {
  /** Always false: this is a Standard cluster. */
  public readonly autopilot = false;
  /** Whether the cluster runs GKE Dataplane V2. */
  public readonly dataplaneV2: boolean;
  /** The `google_container_cluster` resource. */
  public readonly resource: ContainerCluster;
  /** The default node service account of the cluster's pools. */
  public readonly nodeServiceAccount: NodeServiceAccount;
  private readonly pools: ConcealedNodePool[] = [];

  constructor(scope: Construct, id: string, props: WorkloadIdentityClusterProps) {
    super(scope, id, props);
    this.dataplaneV2 = props.dataplaneV2 ?? true;
    this.nodeServiceAccount = props.nodeServiceAccount ?? new NodeServiceAccount(this, 'NodeServiceAccount', {
      project: props.project,
      accountId: clusterNodeAccountId(props.name),
      displayName: `GKE nodes of ${props.name}`,
    });

    this.resource = new ContainerCluster(this, 'Resource', {
      ...this._commonConfig(props),
      nodeLocations: checkNodeLocations(this, props.nodeLocations, props.location),
      enableIntranodeVisibility: props.intranodeVisibility,
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: hardenedNodeConfig({ serviceAccountEmail: this.nodeServiceAccount.email }),
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      datapathProvider: this.dataplaneV2 ? 'ADVANCED_DATAPATH' : 'LEGACY_DATAPATH',
      networkPolicy: this.dataplaneV2 ? undefined : { enabled: true, provider: 'CALICO' },
      addonsConfig: this.dataplaneV2 ? undefined : { networkPolicyConfig: { disabled: false } },
      lifecycle: { ignoreChanges: ['node_config'] },
    });
    this._writeOutputs(props, this.nodeServiceAccount.email);
  }

  /** Adds a {@link ConcealedNodePool} to this cluster. */
  public addNodePool(id: string, options: ConcealedNodePoolOptions = {}): ConcealedNodePool {
    const pool = new ConcealedNodePool(this, id, { ...options, cluster: this });
    this.pools.push(pool);
    return pool;
  }

  /** The node pools added with {@link addNodePool}. */
  public get nodePools(): ConcealedNodePool[] {
    return [...this.pools];
  }

  /** The node pools added with {@link addNodePool}, whose network tags firewall rules can target. */
  public get taggableNodePools(): ITaggedNodePool[] {
    return this.nodePools;
  }
}
