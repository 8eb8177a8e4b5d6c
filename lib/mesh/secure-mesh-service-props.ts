import { TerraformProvider } from 'cdktf';
import { WorkloadPrincipal } from '../identity/workload-principal';
import { MeshWorkload } from '../workloads/mesh-workload';
import { MetadataLabelMatch } from './label-match';
import { HealthCheckFirewallOptions, MeshHealthCheckOptions } from './mesh-health-check';
import { NegBackendOptions } from './neg-backend-service';
import { ServiceMesh } from './service-mesh';

/** Names of the global resources of a {@link SecureMeshService}, for reproducing existing names. */
export interface SecureMeshServiceResourceNames {
  /**
   * The server mTLS policy, such as `server-mtls-policy`.
   * @default - `<name>-server-mtls`
   */
  readonly serverTlsPolicy?: string;
  /**
   * The authorization policy, such as `authz-policy` (created only when the service has rules).
   * @default - `<name>-authz`
   */
  readonly authorizationPolicy?: string;
  /**
   * The endpoint policy, such as `ep`.
   * @default - `<name>-ep`
   */
  readonly endpointPolicy?: string;
  /**
   * The backend service, such as `td-gke-service`.
   * @default - `<name>-backend`
   */
  readonly backendService?: string;
  /**
   * The HTTPRoute, such as `helloworld-http-route`.
   * @default - `<name>-route`
   */
  readonly httpRoute?: string;
}

/** Properties of a {@link SecureMeshService}. */
export interface SecureMeshServiceProps {
  /** The mesh the service's route attaches to; its client TLS policy secures the backend. */
  readonly mesh: ServiceMesh;
  /**
   * The base of the default resource names.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The meshed workload behind the service, the single source of its host name, port, server identity,
   * endpoint labels, health check port and NEG name. Values also given below must agree with it.
   * @default - none: `hostnames`, `port`, `server`, `endpointLabels` and `neg.negName` are required
   */
  readonly workload?: MeshWorkload;
  /**
   * The host names clients use, such as `service-test`.
   * @default - the workload's Service name
   */
  readonly hostnames?: string[];
  /**
   * The application port: the NEG endpoints' port, which Envoy intercepts.
   * @default - the workload's port
   */
  readonly port?: number;
  /**
   * The server's identity: the backend accepts only server certificates with its SPIFFE id.
   * @default - the workload's principal
   */
  readonly server?: WorkloadPrincipal;
  /**
   * The proxy metadata labels the endpoint policy matches, such as `{ app: 'payments' }`.
   * @default - the workload's proxy metadata
   */
  readonly endpointLabels?: { [key: string]: string };
  /**
   * How the endpoint labels are matched.
   * @default MetadataLabelMatch.MATCH_ALL - a proxy must carry every label
   */
  readonly labelMatch?: MetadataLabelMatch;
  /** The NEGs of the Service. */
  readonly neg: NegBackendOptions;
  /**
   * The health check.
   * @default - `<name>-hc`, probing each endpoint's serving port (or the workload's health check port)
   */
  readonly healthCheck?: MeshHealthCheckOptions;
  /**
   * The firewall rule that lets the health checkers reach the nodes. Without `nodePools` or `targetTags`
   * it targets every node pool of the workload's cluster (each must carry a network tag), on the
   * cluster's network.
   * @default - the workload cluster's node pools and network
   */
  readonly healthCheckFirewall?: HealthCheckFirewallOptions;
  /**
   * Also accept plaintext connections at the endpoints (`allow_open`), for migrating clients to mTLS. Such
   * requests carry no client identity; the choice is reported as a warning.
   * @default false - mTLS only
   */
  readonly allowOpen?: boolean;
  /**
   * Names of the global resources.
   * @default - derived from `name`
   */
  readonly resourceNames?: SecureMeshServiceResourceNames;
  /**
   * The google-beta provider of the authorization policy ({@link SecureMeshService.allow} and
   * {@link SecureMeshService.denyAll} create one; its type exists only in hashicorp/google-beta).
   * @default - the only `GoogleBetaProvider` of the service's stack, found at synth time
   */
  readonly betaProvider?: TerraformProvider;
}
