import { Construct, IConstruct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { GcpProject } from '../core/gcp-project';

/** Options of {@link IWorkloadIdentityCluster.connect}. */
export interface KubernetesConnectionOptions {
  /**
   * The provider alias, needed when one stack talks to several clusters. Resources of the aliased
   * cluster must then name the returned provider.
   * @default - the stack's default kubernetes provider
   */
  readonly alias?: string;
}

/** A GKE cluster with Workload Identity Federation, created in this app or adopted. */
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
   * A kubernetes provider in `scope`'s stack, configured from the cluster's name and location through
   * data sources read in that stack, so no token or certificate crosses stacks. The stack is made to
   * depend on the cluster's stack. The cluster's own stack cannot be connected: Terraform reads the data
   * sources at plan time, before the cluster exists.
   */
  connect(scope: Construct, options?: KubernetesConnectionOptions): KubernetesProvider;
}
