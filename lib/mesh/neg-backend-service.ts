import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { DataGoogleComputeNetworkEndpointGroup } from '@cdktf/provider-google/lib/data-google-compute-network-endpoint-group';
import { GcpProject } from '../core/gcp-project';
import { checkListedOnce, inputError } from '../core/errors';
import { checkName, RESOURCE_NAME, ZONE } from '../core/names';
import { checkProps } from '../core/props';
import { checkKnownLocation } from '../core/locations';

/** Where the NEGs of a Service are and how much each endpoint takes. */
export interface NegBackendPlacement {
  /**
   * The zones the pods run in: GKE creates one NEG of the same name per zone. For a regional cluster list
   * every zone its node pools use, such as `['us-east1-b', 'us-east1-c', 'us-east1-d']`.
   */
  readonly zones: string[];
  /**
   * The requests per second each endpoint takes (`max_rate_per_endpoint` with balancing mode RATE).
   * @default 5 - the guide's value
   */
  readonly maxRatePerEndpoint?: number;
}

/** The NEGs GKE created for a Service, which back a mesh service. */
export interface NegBackendOptions extends NegBackendPlacement {
  /**
   * The NEG name, as the Service's `cloud.google.com/neg` annotation declares it.
   * @default - the NEG name of the service's `workload`
   */
  readonly negName?: string;
}

/** Properties of a {@link NegBackendService}. */
export interface NegBackendServiceProps extends NegBackendPlacement {
  /** The project of the backend service and the NEGs. */
  readonly project: GcpProject;
  /** The backend service name, such as `td-gke-service`. */
  readonly name: string;
  /** The NEG name, as the Service's `cloud.google.com/neg` annotation declares it. */
  readonly negName: string;
  /** The health check id (`projects/P/global/healthChecks/NAME`). */
  readonly healthCheck: string;
  /** The client TLS policy in the `//networksecurity.googleapis.com/projects/…` form. */
  readonly clientTlsPolicy: string;
  /** The SPIFFE ids the server certificates must carry. */
  readonly subjectAltNames: string[];
}

/**
 * A global `INTERNAL_SELF_MANAGED` backend service for Envoy clients, backed by the zonal NEGs GKE created
 * for a Service: each NEG is read by name and zone (so it must exist: deploy this after the Service) and
 * added as a RATE backend. Security settings make client proxies use mesh mTLS and accept only servers
 * whose certificate carries the expected SPIFFE id.
 */
export class NegBackendService extends Construct {
  /** The backend service name. */
  public readonly backendServiceName: string;
  /** The `google_compute_backend_service` resource. */
  public readonly resource: ComputeBackendService;
  /** The NEG data sources, one per zone, in the order of `zones`. */
  public readonly networkEndpointGroups: DataGoogleComputeNetworkEndpointGroup[];

  constructor(scope: Construct, id: string, props: NegBackendServiceProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', negName: 'string!', zones: 'strings!', maxRatePerEndpoint: 'number', healthCheck: 'string!', clientTlsPolicy: 'string!', subjectAltNames: 'strings!' });
    checkName(this, 'name', props.name, RESOURCE_NAME);
    checkName(this, 'negName', props.negName, RESOURCE_NAME);
    (Token.isUnresolved(props.zones) ? [] : props.zones).forEach((zone, i) => checkKnownLocation(this, `zones[${i}]`, zone, 'zone'));
    checkZones(this, props.zones);
    const maxRate = props.maxRatePerEndpoint ?? 5;
    if (!Token.isUnresolved(maxRate) && !(maxRate > 0)) {
      throw inputError(this, 'maxRatePerEndpoint', maxRate, 'must be a positive number of requests per second');
    }
    if (props.subjectAltNames.length === 0) {
      throw inputError(this, 'subjectAltNames', [], 'must name the server identity: without it clients accept any certificate of the mesh');
    }
    this.backendServiceName = props.name;
    // Construct ids name the zone (an unresolved zone, only known at plan time, by its position).
    this.networkEndpointGroups = props.zones.map((zone, i) => new DataGoogleComputeNetworkEndpointGroup(this, `Neg-${Token.isUnresolved(zone) ? i : zone}`, {
      project: props.project.id,
      name: props.negName,
      zone,
    }));
    this.resource = new ComputeBackendService(this, 'Resource', {
      project: props.project.id,
      name: props.name,
      loadBalancingScheme: 'INTERNAL_SELF_MANAGED',
      protocol: 'HTTP',
      healthChecks: [props.healthCheck],
      backend: this.networkEndpointGroups.map((neg) => ({
        group: neg.selfLink,
        balancingMode: 'RATE',
        maxRatePerEndpoint: maxRate,
        capacityScaler: 1,
      })),
      securitySettings: { clientTlsPolicy: props.clientTlsPolicy, subjectAltNames: props.subjectAltNames },
    });
  }
}

function checkZones(scope: Construct, zones: string[]): void {
  if (zones.length === 0) {
    throw inputError(scope, 'zones', zones, 'must list the zones the pods run in (one NEG per zone)');
  }
  zones.forEach((zone, i) => {
    checkName(scope, `zones[${i}]`, zone, ZONE);
    checkListedOnce(scope, `zones[${i}]`, zones, i);
  });
}
