import { Construct } from 'constructs';
import { mirroredVariable } from '../core/mirrored-variable';
import { checkListedOnce, inputError } from '../core/errors';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { NetworkServicesGateway } from '@cdktf/provider-google/lib/network-services-gateway';
import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { checkName, checkPort, DNS_1123_LABEL, GATEWAY_SCOPE, MESH_HOSTNAME, RESOURCE_NAME } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadPrincipal } from '../identity/workload-principal';
import { MeshGatewayProxy, MeshGatewayProxyOptions } from '../workloads/mesh-gateway-proxy';
import { checkPathMatches, PathMatch } from './path-match';
import { SecureMeshService } from './secure-mesh-service';
import { meshServerTlsPolicy } from './server-tls-policy';
import { ServiceMesh } from './service-mesh';
import { checkProps } from '../core/props';

/** A route of a {@link MeshIngressGateway}: which requests go to which mesh service. */
export interface GatewayRouteOptions {
  /** The mesh service the matching requests go to. */
  readonly service: SecureMeshService;
  /**
   * The host names (`Host` / `:authority`) of the route. Routes with the same host names share one
   * HTTPRoute; a host name belongs to one such set only.
   * @default - the gateway's `hostname`
   */
  readonly hostnames?: string[];
  /**
   * The request paths routed to the service. Within a set of host names, exact paths win over prefixes
   * (longest first), prefixes over regular expressions, and those over a route without paths.
   * @default - every path not matched by another route of the same host names
   */
  readonly paths?: PathMatch[];
}

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
  /**
   * The mesh service every request to `hostname` is routed to, unless a route of `routes` matches first.
   * Shorthand for a route `{ service }` without paths.
   * @default - none: `routes` must route something
   */
  readonly routeTo?: SecureMeshService;
  /**
   * Further routes by host name and path, to one or several mesh services. More can be added with
   * {@link MeshIngressGateway.addRoute}.
   * @default - only `routeTo`
   */
  readonly routes?: GatewayRouteOptions[];
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
  /** The HTTPRoute on the gateway of the gateway's own host name (the first one when `routeTo` is not given). */
  public readonly route: NetworkServicesHttpRoute;
  private readonly routeName: string;
  private readonly routeSets: RouteSet[] = [];

  constructor(scope: Construct, id: string, props: MeshIngressGatewayProps) {
    super(scope, id);
    checkProps(this, props, { mesh: 'object!', name: 'string', scope: 'string', hostname: 'string!', port: 'number!', routeTo: 'object', routes: [{ service: 'object!', hostnames: 'strings', paths: 'object' }], identity: 'object!', serverTlsPolicyName: 'string', routeName: 'string' });
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
    this.routeName = routeName;
    const routes = [...(props.routeTo ? [{ service: props.routeTo }] : []), ...(props.routes ?? [])];
    if (routes.length === 0) {
      throw inputError(this, 'routeTo', undefined, 'or routes must route the gateway\'s requests to a mesh service; give routeTo: service');
    }
    routes.forEach((route) => this.addRoute(route));
    this.route = this.routeSets[0].resource;

    props.mesh._registerMember(this, [], {
      'server TLS policy': serverTlsPolicyName,
      'gateway': this.gatewayName,
    });
  }

  /**
   * Routes the requests with the given host names and paths to a mesh service. The first set of host names
   * gets the HTTPRoute `routeName`; every further set its own HTTPRoute, `<gateway name>-<first host name>`.
   */
  public addRoute(options: GatewayRouteOptions): void {
    const hostnames = options.hostnames ?? [this.hostname];
    if (hostnames.length === 0) throw inputError(this, 'routes.hostnames', [], 'must list at least one host name');
    hostnames.forEach((hostname, i) => {
      checkName(this, `routes.hostnames[${i}]`, hostname, MESH_HOSTNAME);
      checkListedOnce(this, `routes.hostnames[${i}]`, hostnames, i);
    });
    if (options.paths !== undefined) checkPathMatches(this, 'routes.paths', options.paths);
    const set = this.routeSetFor(hostnames);
    for (const path of options.paths ?? [undefined]) {
      const key = path ? path.toString() : 'every path';
      const taken = set.rules.find((rule) => rule.key === key);
      if (taken) {
        throw inputError(this, 'routes.paths', key,
          `of ${hostnames.join(', ')} is already routed to ${taken.service.node.path}; route each path of a host name once`);
      }
      set.rules.push({ key, path, service: options.service, backend: options.service.backendServiceReference(this) });
    }
    set.resource.putRules(sortedRules(set.rules).map((rule) => ({
      matches: rule.path ? [routeMatch(rule.path)] : undefined,
      action: { destinations: [{ serviceName: rule.backend }] },
    })));
  }

  /** The host names routed to `service`, which `allowGateway` admits by default. */
  public hostnamesRoutingTo(service: SecureMeshService): string[] {
    return this.routeSets.filter((set) => set.rules.some((rule) => rule.service === service)).flatMap((set) => set.hostnames);
  }

  private routeSetFor(hostnames: string[]): RouteSet {
    const key = [...hostnames].sort().join(',');
    const existing = this.routeSets.find((set) => set.key === key);
    if (existing) return existing;
    hostnames.forEach((hostname) => {
      const other = this.routeSets.find((set) => set.hostnames.includes(hostname));
      if (other) {
        throw inputError(this, 'routes.hostnames', hostnames,
          `share ${hostname} with the routes of ${other.hostnames.join(', ')}; a host name belongs to one HTTPRoute, so give ` +
          'those routes exactly the same host names');
      }
    });
    const first = this.routeSets.length === 0;
    const name = first ? this.routeName : routeNameFor(this.gatewayName, hostnames[0]);
    checkName(this, 'routes.hostnames', name, RESOURCE_NAME);
    const resource = new NetworkServicesHttpRoute(this, first ? 'HttpRoute' : `HttpRoute-${key}`, {
      project: this.mesh.project.id,
      name,
      hostnames,
      gateways: [this.resource.id],
      rules: [],
    });
    this.mesh._registerMember(this, [], { 'HTTP route': name });
    const set: RouteSet = { key, hostnames: [...hostnames], rules: [], resource };
    this.routeSets.push(set);
    return set;
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
      name: mirroredVariable(scope, this, this.hostname),
      scope: this.scope,
      port: this.port,
    });
  }
}

interface RouteRule {
  readonly key: string;
  readonly path?: PathMatch;
  readonly service: SecureMeshService;
  readonly backend: string;
}

interface RouteSet {
  readonly key: string;
  readonly hostnames: string[];
  readonly rules: RouteRule[];
  readonly resource: NetworkServicesHttpRoute;
}

/** Most specific first: exact paths, prefixes (longest first), regular expressions, then every path. */
function sortedRules(rules: RouteRule[]): RouteRule[] {
  const rank = (rule: RouteRule) => (rule.path ? ['exact', 'prefix', 'regex'].indexOf(rule.path.kind) : 3);
  return [...rules].sort((a, b) => rank(a) - rank(b)
    || (a.path?.kind === 'prefix' && b.path?.kind === 'prefix' ? b.path.value.length - a.path.value.length : 0));
}

function routeMatch(path: PathMatch): { fullPathMatch?: string; prefixMatch?: string; regexMatch?: string } {
  if (path.kind === 'exact') return { fullPathMatch: path.value };
  if (path.kind === 'prefix') return { prefixMatch: path.value };
  return { regexMatch: path.value };
}

/** `<gateway>-<host name>`, with dots and other characters turned into hyphens, at most 63 characters. */
function routeNameFor(gatewayName: string, hostname: string): string {
  return `${gatewayName}-${hostname.replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63).replace(/-+$/, '');
}
