import { Construct } from 'constructs';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { GcpProject } from '../core/gcp-project';
import { checkName, NETWORK, REGION, RESOURCE_NAME } from '../core/names';
import { checkProps } from '../core/props';
import { checkKnownLocation } from '../core/locations';
import { Token } from 'cdktf';
import { reportInputError } from '../core/errors';
import { claimName } from '../core/name-claims';

/** Properties of {@link PrivateNodesNat}. */
export interface PrivateNodesNatProps {
  /** The project of the network. */
  readonly project: GcpProject;
  /** The VPC network of the cluster's nodes (name or self link). */
  readonly network: string;
  /** The region of the cluster's nodes. */
  readonly region: string;
  /**
   * The name of the Cloud Router; the NAT is named `<name>-nat`.
   * @default 'private-nodes'
   */
  readonly name?: string;
}

/**
 * Outbound internet access for private nodes through Cloud NAT, so they can pull public images (Docker
 * Hub, for example the guides' `google/cloud-sdk`) without public IP addresses. Google APIs and registries
 * are reached through Private Google Access, which GKE enables on the subnetwork of a private cluster.
 * Inbound connections stay impossible.
 */
export class PrivateNodesNat extends Construct {
  /** The Cloud Router. */
  public readonly router: ComputeRouter;
  /** The Cloud NAT gateway on the router. */
  public readonly nat: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: PrivateNodesNatProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', network: 'string!', region: 'string!', name: 'string' });
    const name = props.name ?? 'private-nodes';
    checkName(this, 'name', name, RESOURCE_NAME);
    checkName(this, 'region', props.region, REGION);
    checkKnownLocation(this, 'region', props.region, 'region');
    checkName(this, 'network', props.network, NETWORK);
    if (!Token.isUnresolved(name) && `${name}-nat`.length > 63) {
      reportInputError(this, 'name', name, `must be at most 59 characters: the NAT is named NAME-nat, and Cloud NAT names take at most 63. ` +
        `Fix: shorten name by ${`${name}-nat`.length - 63} characters`);
    }
    claimName(this, 'name', `Cloud Router in project ${props.project.id}, region ${props.region}`, name);
    this.router = new ComputeRouter(this, 'Router', {
      project: props.project.id, name, network: props.network, region: props.region,
    });
    this.nat = new ComputeRouterNat(this, 'Nat', {
      project: props.project.id,
      name: `${name}-nat`,
      router: this.router.name,
      region: props.region,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
}
