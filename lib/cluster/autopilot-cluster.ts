import { Construct } from 'constructs';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ITaggedNodePool } from '../core/cluster-ref';
import { WorkloadIdentityClusterBase } from './cluster-base';
import { ClusterCommonProps } from './cluster-props';
import { clusterNodeAccountId, NodeServiceAccount } from './node-service-account';
import { CLOUD_PLATFORM_SCOPE } from './node-config';

/** Properties of a {@link WorkloadIdentityAutopilotCluster}. */
export interface WorkloadIdentityAutopilotClusterProps extends ClusterCommonProps {
  /**
   * The service account of the nodes Autopilot provisions.
   * @default - a new least-privilege service account `<name>-nodes`
   */
  readonly nodeServiceAccount?: NodeServiceAccount;
}

/**
 * A GKE Autopilot cluster. Workload Identity Federation, shielded nodes with secure boot, Dataplane V2
 * and the GKE metadata server are always on in Autopilot; this construct adds the same control-plane
 * hardening as the Standard cluster and a least-privilege node service account.
 */
export class WorkloadIdentityAutopilotCluster extends WorkloadIdentityClusterBase {
  /** Always true. */
  public readonly autopilot = true;
  /** Always true: Autopilot runs GKE Dataplane V2. */
  public readonly dataplaneV2 = true;
  /** Always empty: this app tags no nodes of this cluster. */
  public readonly taggableNodePools: ITaggedNodePool[] = [];
  /** The `google_container_cluster` resource. */
  public readonly resource: ContainerCluster;
  /** The service account of Autopilot's nodes. */
  public readonly nodeServiceAccount: NodeServiceAccount;

  constructor(scope: Construct, id: string, props: WorkloadIdentityAutopilotClusterProps) {
    super(scope, id, props);
    this.nodeServiceAccount = props.nodeServiceAccount ?? new NodeServiceAccount(this, 'NodeServiceAccount', {
      project: props.project,
      accountId: clusterNodeAccountId(props.name),
      displayName: `GKE Autopilot nodes of ${props.name}`,
    });
    this.resource = new ContainerCluster(this, 'Resource', {
      ...this._commonConfig(props),
      enableAutopilot: true,
      clusterAutoscaling: {
        autoProvisioningDefaults: {
          serviceAccount: this.nodeServiceAccount.email,
          oauthScopes: [CLOUD_PLATFORM_SCOPE],
        },
      },
    });
    this._writeOutputs(props, this.nodeServiceAccount.email);
  }
}
