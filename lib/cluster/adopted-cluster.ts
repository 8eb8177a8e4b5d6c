import { Construct } from 'constructs';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ITaggedNodePool } from '../core/cluster-ref';
import { WorkloadIdentityClusterBase } from './cluster-base';
import { AuthorizedNetwork, ClusterLocationProps } from './cluster-props';
import { ReleaseChannel } from './release-channel';
import { adoptionViolations, schemaArguments } from './adoption';
import { AdoptedNodePool, AdoptedNodePoolOptions } from './adopted-node-pool';

/** Properties of an {@link AdoptedWorkloadIdentityCluster}. */
export interface AdoptedWorkloadIdentityClusterProps extends ClusterLocationProps {
  /**
   * Whether the existing cluster runs GKE Dataplane V2. A fact about the cluster (it cannot change in
   * place); the library chooses the metadata-server NetworkPolicy from it.
   */
  readonly dataplaneV2: boolean;
  /**
   * The existing cluster's minimum control-plane version, when older than 1.21.0-gke.1000 (changes the
   * metadata-server NetworkPolicy).
   * @default - a current version (1.21.0-gke.1000 or later)
   */
  readonly controlPlaneVersion?: string;
  /**
   * Enable or disable mesh certificates in place.
   * @default - not managed: the cluster keeps its setting
   */
  readonly meshCertificates?: boolean;
  /**
   * Enrol the cluster in a release channel in place.
   * @default - not managed: the cluster keeps its channel
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * Replace the master authorized networks in place.
   * @default - not managed: the cluster keeps its authorized networks
   */
  readonly authorizedNetworks?: AuthorizedNetwork[];
  /**
   * Refuse to destroy the cluster through this app.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * An existing GKE Standard cluster brought under this app with a Terraform import block, enabling
 * Workload Identity Federation in place (guide 001, "updating an existing cluster"). The adoption
 * manages only arguments that change in place (the workload pool, and mesh certificates, release channel,
 * authorized networks and deletion protection when given); every other argument is ignored, so the plan
 * never replaces the cluster. Then adopt its node pools with {@link adoptNodePool} to switch them to the
 * GKE metadata server in place.
 */
export class AdoptedWorkloadIdentityCluster extends WorkloadIdentityClusterBase {
  /**
   * Arguments of `google_container_cluster` whose change replaces the cluster (ForceNew in provider
   * 6.50). An adopted cluster always ignores them.
   */
  public static readonly REPLACING_ARGUMENTS: string[] = [
    'network', 'subnetwork', 'ip_allocation_policy', 'private_cluster_config', 'initial_node_count', 'node_config',
    'networking_mode', 'datapath_provider', 'master_auth', 'cluster_ipv4_cidr', 'enable_autopilot',
    'default_max_pods_per_node', 'enable_kubernetes_alpha', 'enable_tpu', 'description', 'confidential_nodes',
  ];

  /** Always false: adoption is for Standard clusters (Autopilot always runs Workload Identity). */
  public readonly autopilot = false;
  /** Always empty: this app tags no nodes of this cluster. */
  public readonly taggableNodePools: ITaggedNodePool[] = [];
  /** Whether the cluster runs GKE Dataplane V2, as stated. */
  public readonly dataplaneV2: boolean;
  /** The imported `google_container_cluster`. */
  public readonly resource: ContainerCluster;
  /** The arguments this adoption writes; all others are ignored. */
  public readonly managedArguments: string[];

  constructor(scope: Construct, id: string, props: AdoptedWorkloadIdentityClusterProps) {
    super(scope, id, props);
    this.dataplaneV2 = props.dataplaneV2;
    const config = {
      project: props.project.id,
      name: props.name,
      location: props.location,
      deletion_protection: props.deletionProtection ?? true,
      workload_identity_config: { workloadPool: props.project.workloadPool },
      mesh_certificates: props.meshCertificates === undefined ? undefined : { enableCertificates: props.meshCertificates },
      release_channel: props.releaseChannel === undefined ? undefined : { channel: props.releaseChannel },
      master_authorized_networks_config: props.authorizedNetworks === undefined ? undefined
        : { cidrBlocks: this._authorizedNetworkBlocks(props.authorizedNetworks) },
    };
    this.managedArguments = Object.keys(config).filter((k) => (config as Record<string, unknown>)[k] !== undefined);
    this.resource = new ContainerCluster(this, 'Resource', {
      project: config.project,
      name: config.name,
      location: config.location,
      deletionProtection: config.deletion_protection,
      workloadIdentityConfig: config.workload_identity_config,
      meshCertificates: config.mesh_certificates,
      releaseChannel: config.release_channel,
      masterAuthorizedNetworksConfig: config.master_authorized_networks_config,
      lifecycle: { ignoreChanges: schemaArguments(ContainerCluster).filter((a) => !this.managedArguments.includes(a)) },
    });
    this.resource.importFrom(this.clusterId);
    this.node.addValidation({
      validate: () => adoptionViolations(this.resource, this.managedArguments, AdoptedWorkloadIdentityCluster.REPLACING_ARGUMENTS, 'cluster'),
    });
  }

  /** Adopts one of the cluster's existing node pools. */
  public adoptNodePool(id: string, options: AdoptedNodePoolOptions): AdoptedNodePool {
    return new AdoptedNodePool(this, id, { ...options, cluster: this });
  }
}
