import { Construct, IConstruct } from 'constructs';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { GcpProject } from './gcp-project';

/** Options of {@link IWorkloadIdentityCluster.connect}. */
export interface KubernetesConnectionOptions {
  /**
   * The provider alias, needed when one stack talks to several clusters. Resources of the aliased
   * cluster must then name the returned provider.
   * @default - the stack's default kubernetes provider
   */
  readonly alias?: string;
}

/** A node pool as firewall rules see it: the network tags its nodes carry. */
export interface ITaggedNodePool extends IConstruct {
  /** The network tags of the pool's nodes; empty when the pool sets none. */
  readonly networkTags: string[];
}

/**
 * A GKE cluster with Workload Identity Federation, created in this app or adopted: everything the
 * identity, workload, PKI, access, mesh and verification constructs need to know of a cluster, so none of
 * them depends on a cluster class.
 */
export interface IWorkloadIdentityCluster extends IConstruct {
  /** The cluster's project. */
  readonly project: GcpProject;
  /** The cluster name. */
  readonly clusterName: string;
  /** The cluster location: a region, or a zone for zonal clusters. */
  readonly location: string;
  /** The cluster's resource id: `projects/PROJECT/locations/LOCATION/clusters/NAME`. */
  readonly clusterId: string;
  /** The Workload Identity pool: `PROJECT_ID.svc.id.goog`. */
  readonly workloadPool: string;
  /** Whether this is an Autopilot cluster (every node runs the GKE metadata server). */
  readonly autopilot: boolean;
  /** Whether GKE issues mesh workload certificates (`mesh_certificates.enable_certificates`). */
  readonly meshCertificatesEnabled: boolean;
  /** Whether the cluster runs GKE Dataplane V2 (ADVANCED_DATAPATH). */
  readonly dataplaneV2: boolean;
  /**
   * The minimum control-plane version, when pinned; undefined means the release channel's version,
   * which is always 1.21.0-gke.1000 or later.
   */
  readonly controlPlaneVersion?: string;
  /**
   * The `google_container_cluster` this app writes for the cluster (created or adopted). Grants to the
   * cluster's workload pool in the same stack wait for it: IAM answers "Identity Pool does not exist" until
   * the first Workload Identity cluster of the project exists.
   * @default - none: the cluster is only referenced, nothing in this app creates it
   */
  readonly containerCluster?: ContainerCluster;
  /**
   * The VPC network the cluster was created on, as the configuration names it.
   * @default - not written by this app: the provider's `default` network
   */
  readonly nodeNetwork?: string;
  /**
   * The node pools this app adds to the cluster and whose network tags firewall rules can target; empty
   * for Autopilot and adopted clusters, whose nodes this app does not tag.
   */
  readonly taggableNodePools: ITaggedNodePool[];

  /**
   * A kubernetes provider in `scope`'s stack, configured from the cluster's name and location through
   * data sources read in that stack, so no token or certificate crosses stacks. The stack is made to
   * depend on the cluster's stack. The cluster's own stack cannot be connected: Terraform reads the data
   * sources at plan time, before the cluster exists.
   */
  connect(scope: Construct, options?: KubernetesConnectionOptions): KubernetesProvider;
}
