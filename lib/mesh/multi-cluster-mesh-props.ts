import { WorkloadIdentityClusterBase } from '../cluster/cluster-base';

/** One cluster of a {@link MultiClusterMesh}. */
export interface MultiClusterMeshMember {
  /** The cluster, created in this app with `fleet: true` and `meshCertificates: true`. */
  readonly cluster: WorkloadIdentityClusterBase;
  /**
   * The cluster's Pod IP range, such as `10.4.0.0/14`: the range of the subnetwork's secondary range named by
   * `podsRangeName`, or, when GKE chose the range, the source range of its `gke-CLUSTER-…-all` firewall rule
   * (`gcloud compute firewall-rules list --filter="name~gke-CLUSTER-[0-9a-z]*-all" --format="value(sourceRanges)"`).
   */
  readonly podCidr: string;
  /**
   * Network tags of the cluster's nodes, which the rules of the other clusters target, such as the tag
   * `gke-CLUSTER-…-node` GKE gives every node of the cluster (the target of the same `…-all` rule).
   * @default - the tags of every node pool of a Standard cluster, each of which must carry at least one;
   * required for Autopilot clusters, which have no node pools in this app
   */
  readonly nodeTags?: string[];
  /**
   * The name of the firewall rule that admits this cluster's pods to the other clusters' nodes.
   * @default - `per-<cluster name>-pods`, as in the guide (`per-cluster-a-pods`)
   */
  readonly firewallName?: string;
}

/** Properties of a {@link MultiClusterMesh}. */
export interface MultiClusterMeshProps {
  /**
   * The clusters, at least two: every one in the fleet and trust domain of one project, on one VPC network,
   * with Pod ranges that do not overlap.
   */
  readonly clusters: MultiClusterMeshMember[];
  /**
   * The TCP ports the pods of each cluster may reach on the other clusters' pods: the application ports of the
   * mesh services (client sidecars connect straight to the server pods' NEG endpoints, such as 8000).
   * @default - none; then `allowAllTraffic` must be set
   */
  readonly ports?: number[];
  /**
   * Admit every protocol and port between the clusters, as the guide's rules do (`tcp`, `udp`, `icmp`, `esp`,
   * `ah`, `sctp`), the way GKE admits a cluster's own pods to its nodes. Without it only `ports` over TCP are
   * admitted.
   * @default false - only `ports`
   */
  readonly allowAllTraffic?: boolean;
}
