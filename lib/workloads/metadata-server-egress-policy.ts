import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { checkName, DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../core/names';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { metadataServerEndpointsToOpen } from '../core/gke-facts';
import { checkProps } from '../core/props';
import { claimName } from '../core/name-claims';
import { checkKubernetesLabels } from '../core/value-rules';

/** One address and port pods must reach to talk to the GKE metadata server. */
export interface MetadataServerEndpoint {
  /** The destination block, such as `169.254.169.252/32`. */
  readonly cidr: string;
  /** The destination port. */
  readonly port: number;
  /** The protocol: always `TCP`. */
  readonly protocol: string;
  /** Why the endpoint is needed. */
  readonly reason: string;
}

/** Properties of a {@link MetadataServerEgressPolicy}. */
export interface MetadataServerEgressPolicyProps {
  /** The cluster; its version and datapath choose the endpoints. */
  readonly cluster: IWorkloadIdentityCluster;
  /** The namespace of the pods. */
  readonly namespace: string;
  /**
   * The NetworkPolicy name.
   * @default 'allow-gke-metadata-server'
   */
  readonly name?: string;
  /**
   * Labels that select the pods the policy applies to.
   * @default - every pod of the namespace
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * The kubernetes provider.
   * @default - `cluster.connect(scope)`
   */
  readonly kubernetesProvider?: KubernetesProvider;
  /**
   * What the policy waits for, such as the namespace it lives in (`identity.dependables` when the
   * identity creates the namespace).
   * @default - nothing: the namespace exists before the deploy
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A NetworkPolicy that lets pods reach the GKE metadata server, for namespaces whose egress is otherwise
 * restricted (the troubleshooting guide: Workload Identity fails when a network policy blocks it). The
 * endpoints follow the cluster: 169.254.169.252/32 port 988 on GKE 1.21.0-gke.1000 and later, also
 * 127.0.0.1/32 port 988 when the cluster pins an older (or unknown) version, and 169.254.169.254/32 port 80 on
 * Dataplane V2, whose policies see the address before it is rewritten.
 *
 * A NetworkPolicy with an egress rule isolates the pods it selects: in a namespace with no other egress
 * policy, they can then reach nothing else (not even DNS). Add it next to the namespace's other egress
 * rules, or set `GCE_METADATA_HOST` (`GkeMetadataServer.hostEnv()`) so client libraries skip DNS.
 */
export class MetadataServerEgressPolicy extends Construct {
  /** The endpoints pods of `cluster` must reach, chosen from the cluster's version and datapath. */
  public static endpointsFor(cluster: IWorkloadIdentityCluster): MetadataServerEndpoint[] {
    return metadataServerEndpointsToOpen(cluster).map((e) => ({ cidr: `${e.ip}/32`, port: e.port, protocol: 'TCP', reason: e.reason }));
  }

  /** The endpoints the policy opens. */
  public readonly endpoints: MetadataServerEndpoint[];
  /** The `kubernetes_network_policy_v1`. */
  public readonly resource: NetworkPolicyV1;

  constructor(scope: Construct, id: string, props: MetadataServerEgressPolicyProps) {
    super(scope, id);
    checkProps(this, props, { cluster: 'object!', namespace: 'string!', name: 'string', podLabels: 'map', kubernetesProvider: 'object' });
    const name = props.name ?? 'allow-gke-metadata-server';
    checkName(this, 'namespace', props.namespace, DNS_1123_LABEL);
    checkName(this, 'name', name, DNS_1123_SUBDOMAIN);
    checkKubernetesLabels(this, 'podLabels', props.podLabels);
    claimName(this, 'name', `Kubernetes NetworkPolicy in namespace ${props.namespace} of cluster ${props.cluster.node.path}`, name);
    this.endpoints = MetadataServerEgressPolicy.endpointsFor(props.cluster);
    this.resource = new NetworkPolicyV1(this, 'Resource', {
      provider: props.kubernetesProvider ?? props.cluster.connect(scope),
      metadata: { name, namespace: props.namespace },
      spec: {
        podSelector: props.podLabels ? { matchLabels: props.podLabels } : {},
        policyTypes: ['Egress'],
        egress: this.endpoints.map((e) => ({
          to: [{ ipBlock: { cidr: e.cidr } }],
          ports: [{ port: String(e.port), protocol: e.protocol }],
        })),
      },
      dependsOn: props.dependsOn,
    });
  }
}
