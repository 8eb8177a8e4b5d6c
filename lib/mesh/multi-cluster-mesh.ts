import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ComputeFirewall, ComputeFirewallAllow } from '@cdktf/provider-google/lib/compute-firewall';
import { WorkloadIdentityClusterBase } from '../cluster/cluster-base';
import { ITaggedNodePool } from '../core/cluster-ref';
import { checkListedOnce, inputError } from '../core/errors';
import { checkName, checkPort, IPV4_CIDR, ipv4CidrsOverlap, parseIpv4Cidr, RESOURCE_NAME } from '../core/names';
import { MultiClusterMeshMember, MultiClusterMeshProps } from './multi-cluster-mesh-props';
import { checkProps } from '../core/props';

/** A member as checked: its cluster, Pod range, node tags and rule name. */
interface CheckedMember {
  readonly cluster: WorkloadIdentityClusterBase;
  readonly podCidr: string;
  readonly nodeTags: string[];
  readonly firewallName: string;
  /** The node pools the tags were taken from, when `nodeTags` was not given. */
  readonly taggedPools?: ITaggedNodePool[];
}

/**
 * Clusters that form one Cloud Service Mesh, with clients in one cluster and servers in another (guide 002,
 * "deploying in a multi-cluster environment"). Checks that the clusters share one fleet and one trust domain
 * (one project: the workload pool `PROJECT_ID.svc.id.goog` and the SPIFFE ids of its service accounts are the
 * same in every cluster), issue mesh certificates and share one VPC network, and writes the guide's firewall
 * rules: per cluster one ingress rule `per-<cluster>-pods` from that cluster's Pod range to the nodes of the
 * other clusters (their network tags). Create it in the platform stack, after the clusters' node pools.
 */
export class MultiClusterMesh extends Construct {
  /** The protocols the guide's rules admit, used with `allowAllTraffic`. */
  public static readonly ALL_PROTOCOLS: string[] = ['tcp', 'udp', 'icmp', 'esp', 'ah', 'sctp'];

  /** The clusters, in the order given. */
  public readonly clusters: WorkloadIdentityClusterBase[];
  /** The project whose fleet holds every cluster. */
  public readonly fleetProject: string;
  /** The trust domain of every cluster's workloads: `PROJECT_ID.svc.id.goog`. */
  public readonly trustDomain: string;
  /** The VPC network of the clusters and the firewall rules. */
  public readonly network: string;
  /** The firewall rules, one per cluster in the order of `clusters`: that cluster's pods to the others' nodes. */
  public readonly firewalls: ComputeFirewall[];
  private readonly members: CheckedMember[];

  constructor(scope: Construct, id: string, props: MultiClusterMeshProps) {
    super(scope, id);
    checkProps(this, props, { clusters: [{ cluster: 'object!', podCidr: 'string!', nodeTags: 'strings', firewallName: 'string' }], ports: 'numbers', allowAllTraffic: 'boolean' });
    if (props.clusters.length < 2) {
      throw inputError(this, 'clusters', props.clusters.map((m) => m.cluster.node.path),
        'must list at least two clusters: a multi-cluster mesh admits the pods of each cluster to the nodes of the others');
    }
    const allow = this.allowedTraffic(props);
    this.members = props.clusters.map((member, i) => this.checkMember(member, i, props.clusters));
    const first = this.members[0].cluster;
    this.clusters = this.members.map((m) => m.cluster);
    this.fleetProject = first.project.id;
    this.trustDomain = first.workloadPool;
    this.network = networkOf(first);

    this.firewalls = this.members.map((member) => {
      const others = this.members.filter((other) => other !== member);
      const targetTags = [...new Set(others.flatMap((other) => other.nodeTags))];
      return new ComputeFirewall(this, `Firewall-${Token.isUnresolved(member.firewallName) ? member.cluster.node.id : member.firewallName}`, {
        project: this.fleetProject,
        name: member.firewallName,
        network: this.network,
        direction: 'INGRESS',
        sourceRanges: [member.podCidr],
        targetTags,
        allow,
        description: `Multi-cluster mesh: pods of ${member.cluster.clusterName} to the nodes of ` +
          `${others.map((other) => other.cluster.clusterName).join(', ')}`,
      });
    });
    this.node.addValidation({ validate: () => this.untaggedLatePools() });
  }

  /** The firewall rule that admits the pods of `cluster` to the other clusters' nodes. */
  public firewallOf(cluster: WorkloadIdentityClusterBase): ComputeFirewall {
    return this.firewalls[this.indexOf(cluster)];
  }

  /** The Pod range of `cluster`, as given. */
  public podCidrOf(cluster: WorkloadIdentityClusterBase): string {
    return this.members[this.indexOf(cluster)].podCidr;
  }

  /** The network tags of `cluster`'s nodes, which the other clusters' rules target. */
  public nodeTagsOf(cluster: WorkloadIdentityClusterBase): string[] {
    return [...this.members[this.indexOf(cluster)].nodeTags];
  }

  private indexOf(cluster: WorkloadIdentityClusterBase): number {
    const index = this.clusters.indexOf(cluster);
    if (index < 0) {
      throw inputError(this, 'cluster', cluster.node.path,
        `is not a cluster of this multi-cluster mesh (${this.clusters.map((c) => c.node.path).join(', ')})`);
    }
    return index;
  }

  private allowedTraffic(props: MultiClusterMeshProps): ComputeFirewallAllow[] {
    const ports = props.ports;
    if (props.allowAllTraffic) {
      if (ports !== undefined) {
        throw inputError(this, 'ports', ports, 'cannot be combined with allowAllTraffic, which admits every port; choose one');
      }
      return MultiClusterMesh.ALL_PROTOCOLS.map((protocol) => ({ protocol }));
    }
    if (ports === undefined || ports.length === 0) {
      throw inputError(this, 'ports', ports,
        'must list the TCP ports the clusters\' pods serve each other (the mesh services\' application ports, such as 8000), ' +
        'or set allowAllTraffic: true to admit every protocol and port as the guide does');
    }
    ports.forEach((port, i) => {
      checkPort(this, `ports[${i}]`, port);
      checkListedOnce(this, `ports[${i}]`, ports, i);
    });
    return [{ protocol: 'tcp', ports: ports.map(String) }];
  }

  private checkMember(member: MultiClusterMeshMember, i: number, all: MultiClusterMeshMember[]): CheckedMember {
    const field = `clusters[${i}]`;
    const { cluster } = member;
    const earlier = all.slice(0, i);
    const twin = earlier.findIndex((other) => other.cluster === cluster || other.cluster.clusterId === cluster.clusterId);
    if (twin >= 0) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        `is listed twice (also as clusters[${twin}], ${cluster.clusterId}); list each cluster once`);
    }
    if (!cluster.fleetRegistered) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        'is not registered in a fleet: create it with fleet: true, so that every cluster of the mesh is a member of the project\'s fleet');
    }
    if (!cluster.meshCertificatesEnabled) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        'does not issue mesh certificates: create it with meshCertificates: true, or its workloads cannot take part in mTLS with the other clusters');
    }
    if (i > 0) this.checkSameProjectAndNetwork(field, cluster, all[0].cluster);

    checkName(this, `${field}.podCidr`, member.podCidr, IPV4_CIDR);
    if (parseIpv4Cidr(member.podCidr)?.prefix === 0) {
      throw inputError(this, `${field}.podCidr`, member.podCidr, 'must be the cluster\'s Pod range, not every address');
    }
    const overlapping = earlier.findIndex((other) => ipv4CidrsOverlap(other.podCidr, member.podCidr));
    if (overlapping >= 0) {
      throw inputError(this, `${field}.podCidr`, member.podCidr,
        `overlaps the Pod range ${all[overlapping].podCidr} of ${all[overlapping].cluster.node.path}: clusters of one network need ` +
        'separate Pod ranges, or the rules cannot tell their pods apart');
    }

    const firewallName = member.firewallName ?? `per-${cluster.clusterName}-pods`;
    checkName(this, `${field}.firewallName`, firewallName, RESOURCE_NAME);
    const sameName = earlier.findIndex((other) => (other.firewallName ?? `per-${other.cluster.clusterName}-pods`) === firewallName);
    if (sameName >= 0) {
      throw inputError(this, `${field}.firewallName`, firewallName,
        `is also the rule name of clusters[${sameName}] (${all[sameName].cluster.node.path}); give one of them another firewallName`);
    }
    return { cluster, podCidr: member.podCidr, firewallName, ...this.nodeTagsOfMember(member, field) };
  }

  private checkSameProjectAndNetwork(field: string, cluster: WorkloadIdentityClusterBase, first: WorkloadIdentityClusterBase): void {
    if (cluster.project.id !== first.project.id) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        `is in project ${cluster.project.id} (fleet of ${cluster.project.id}, trust domain ${cluster.workloadPool}) but ` +
        `${first.node.path} is in project ${first.project.id} (fleet of ${first.project.id}, trust domain ${first.workloadPool}): ` +
        'the clusters of a multi-cluster mesh must share one fleet and one trust domain, so create them in one project');
    }
    const network = networkOf(cluster);
    const firstNetwork = networkOf(first);
    if (!Token.isUnresolved(network) && !Token.isUnresolved(firstNetwork)
      && networkPath(network, cluster.project.id) !== networkPath(firstNetwork, first.project.id)) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        `is on network ${network} but ${first.node.path} is on network ${firstNetwork}: the rules admit Pod ranges ` +
        'within one VPC network, so create the clusters on one network');
    }
  }

  private nodeTagsOfMember(member: MultiClusterMeshMember, field: string): Pick<CheckedMember, 'nodeTags' | 'taggedPools'> {
    const { cluster } = member;
    if (member.nodeTags !== undefined) {
      if (member.nodeTags.length === 0) {
        throw inputError(this, `${field}.nodeTags`, [], 'must list at least one tag: a rule without target tags would admit the pods to every instance of the network');
      }
      member.nodeTags.forEach((tag, j) => checkName(this, `${field}.nodeTags[${j}]`, tag, RESOURCE_NAME));
      return { nodeTags: [...new Set(member.nodeTags)] };
    }
    const pools = cluster.taggableNodePools;
    if (pools.length === 0) {
      throw inputError(this, `${field}.nodeTags`, undefined,
        `is required: ${cluster.node.path} has no node pools in this app to take network tags from; list the tags of its nodes ` +
        '(such as the gke-CLUSTER-…-node tag GKE gives them)');
    }
    const untagged = pools.find((pool) => pool.networkTags.length === 0);
    if (untagged) {
      throw inputError(this, `${field}.cluster`, cluster.node.path,
        `has node pool ${untagged.node.path} without network tags, so the other clusters' pods could not reach pods scheduled ` +
        'there; give every pool networkTags, or list the targeted tags as nodeTags');
    }
    return { nodeTags: [...new Set(pools.flatMap((pool) => pool.networkTags))], taggedPools: pools };
  }

  /** Node pools added after this construct whose nodes carry none of the tags the rules target. */
  private untaggedLatePools(): string[] {
    return this.members.flatMap((member) => {
      if (!member.taggedPools) return [];
      return member.cluster.taggableNodePools
        .filter((pool) => !member.taggedPools!.includes(pool) && !pool.networkTags.some((tag) => member.nodeTags.includes(tag)))
        .map((pool) => `${this.node.path}: node pool ${pool.node.path} was added to ${member.cluster.node.path} after the ` +
          `multi-cluster mesh took the cluster's node tags (${member.nodeTags.join(', ')}) and carries none of them, so the other ` +
          'clusters\' pods cannot reach its nodes; create the multi-cluster mesh after the node pools, tag the pool with one of ' +
          'those tags, or list nodeTags');
    });
  }
}

/**
 * The network of a cluster: what it was created with (`default` unless told otherwise). Only adopted clusters
 * leave the argument unwritten, and they are refused before (no fleet registration in this app).
 */
function networkOf(cluster: WorkloadIdentityClusterBase): string {
  return cluster.nodeNetwork ?? 'default';
}

/** `projects/P/global/networks/N` for a network name, path or URL; a bare name is in the cluster's project. */
function networkPath(network: string, projectId: string): string {
  const path = /(projects\/[^/]+\/global\/networks\/[^/]+)$/.exec(network);
  return path ? path[1] : `projects/${projectId}/global/networks/${network}`;
}
