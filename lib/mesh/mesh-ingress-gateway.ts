import { Construct } from 'constructs';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { NetworkServicesGateway } from '@cdktf/provider-google/lib/network-services-gateway';
import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { checkName, checkPort, DNS_1123_LABEL, GATEWAY_SCOPE, MESH_HOSTNAME, RESOURCE_NAME } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadPrincipal } from '../identity/workload-principal';
import { MeshGatewayProxy, MeshGatewayProxyOptions } from '../workloads/mesh-gateway-proxy';
import { SecureMeshService } from './secure-mesh-service';
import { meshServerTlsPolicy } from './server-tls-policy';
import { ServiceMesh } from './service-mesh';
import { checkProps } from '../core/props';

/** Properties of a {@link MeshIngressGateway}. */
export interface MeshIngressGatewayProps {
  /** The mesh whose project the gateway lives in. */
  readonly mesh: ServiceMesh;
  /**
   * The Gateway resource name, such as `td-gke-gateway`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The gateway scope the Envoy proxies name in their bootstrap, such as `gateway-proxy`.
   * @default - `<name>-proxy`
   */
  readonly scope?: string;
  /**
   * The host name clients use, such as `mesh-gateway`; with {@link MeshIngressGateway.addProxy} it is
   * also the Kubernetes Service name.
   */
  readonly hostname: string;
  /** The port the gateway's Envoy listens on, such as 8080. */
  readonly port: number;
  /** The mesh service every request is routed to. */
  readonly routeTo: SecureMeshService;
  /**
   * The workload identity the gateway's Envoy proxies run as (the guide uses the client's); the service's
   * rules admit it with `allowGateway`.
   */
  readonly identity: WorkloadIdentity;
  /**
   * The name of the gateway's server TLS policy, such as `server-tls-policy`.
   * @default - `<name>-server-tls`
   */
  readonly serverTlsPolicyName?: string;
  /**
   * The name of the gateway's HTTPRoute, such as `td-gke-route`.
   * @default - `<name>-route`
   */
  readonly routeName?: string;
}

/**
 * A Cloud Service Mesh ingress gateway that terminates TLS: a server TLS policy without client validation
 * (clients inside the cluster present no mesh certificate; the gateway presents its own), an OPEN_MESH
 * Gateway with that policy, and an HTTPRoute on the gateway from its host name to a mesh service. The
 * gateway then reaches the service over mesh mTLS as its own principal. {@link addProxy} creates the
 * Envoy Deployment and Service in the workloads stack.
 */
export class MeshIngressGateway extends Construct {
  /** The Gateway resource name. */
  public readonly gatewayName: string;
  /** The gateway scope. */
  public readonly scope: string;
  /** The host name clients use. */
  public readonly hostname: string;
  /** The port the gateway's Envoy listens on. */
  public readonly port: number;
  /** The workload identity the gateway's proxies run as. */
  public readonly identity: WorkloadIdentity;
  /** The principal of that identity, whose SPIFFE id the gateway's mesh certificate carries. */
  public readonly principal: WorkloadPrincipal;
  /** The mesh of the gateway. */
  public readonly mesh: ServiceMesh;
  /** The server TLS policy (TLS only). */
  public readonly serverTlsPolicy: NetworkSecurityServerTlsPolicy;
  /** The `google_network_services_gateway` resource. */
  public readonly resource: NetworkServicesGateway;
  /** The HTTPRoute on the gateway. */
  public readonly route: NetworkServicesHttpRoute;

  constructor(scope: Construct, id: string, props: MeshIngressGatewayProps) {
    super(scope, id);
    checkProps(this, props, { mesh: 'object!', name: 'string', scope: 'string', hostname: 'string!', port: 'number!', routeTo: 'object!', identity: 'object!', serverTlsPolicyName: 'string', routeName: 'string' });
    this.gatewayName = props.name ?? id;
    checkName(this, 'name', this.gatewayName, RESOURCE_NAME);
    this.scope = props.scope ?? `${this.gatewayName}-proxy`;
    checkName(this, 'scope', this.scope, GATEWAY_SCOPE);
    checkName(this, 'hostname', props.hostname, MESH_HOSTNAME);
    checkPort(this, 'port', props.port);
    const serverTlsPolicyName = props.serverTlsPolicyName ?? `${this.gatewayName}-server-tls`;
    checkName(this, 'serverTlsPolicyName', serverTlsPolicyName, RESOURCE_NAME);
    const routeName = props.routeName ?? `${this.gatewayName}-route`;
    checkName(this, 'routeName', routeName, RESOURCE_NAME);
    this.hostname = props.hostname;
    this.port = props.port;
    this.identity = props.identity;
    this.principal = props.identity.principal;
    this.mesh = props.mesh;
    const project = props.mesh.project;

    this.serverTlsPolicy = meshServerTlsPolicy(this, 'ServerTlsPolicy', {
      project,
      name: serverTlsPolicyName,
      clientValidation: false,
      allowOpen: false,
      description: `TLS termination at gateway ${this.gatewayName} with its GKE mesh certificate`,
    });
    this.resource = new NetworkServicesGateway(this, 'Resource', {
      project: project.id,
      name: this.gatewayName,
      location: 'global',
      type: 'OPEN_MESH',
      scope: this.scope,
      ports: [props.port],
      serverTlsPolicy: this.serverTlsPolicy.id,
    });
    this.route = new NetworkServicesHttpRoute(this, 'HttpRoute', {
      project: project.id,
      name: routeName,
      hostnames: [props.hostname],
      gateways: [this.resource.id],
      rules: [{ action: { destinations: [{ serviceName: props.routeTo.backendServiceReference(this) }] } }],
    });

    props.mesh._registerMember(this, [], {
      'server TLS policy': serverTlsPolicyName,
      'HTTP route': routeName,
      'gateway': this.gatewayName,
    });
  }

  /**
   * Creates the gateway's Envoy Deployment and ClusterIP Service (port 443 to the gateway port) in
   * `scope`, usually the workloads stack. The Service is named after the host name, which therefore must
   * be a DNS label.
   */
  public addProxy(scope: Construct, id: string, options: MeshGatewayProxyOptions = {}): MeshGatewayProxy {
    checkName(this, 'hostname', this.hostname, DNS_1123_LABEL);
    return new MeshGatewayProxy(scope, id, {
      ...options,
      project: this.mesh.project,
      identity: this.identity,
      name: this.hostname,
      scope: this.scope,
      port: this.port,
    });
  }
}
