import { Construct, IConstruct } from 'constructs';
import { Annotations, IResolvable, TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { NetworkServicesEndpointPolicy } from '@cdktf/provider-google/lib/network-services-endpoint-policy';
import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { checkListedOnce, inputError } from '../core/errors';
import { checkBetaProvider } from '../core/google-beta';
import { checkName, checkPort, MESH_HOSTNAME, RESOURCE_NAME, ZONE } from '../core/names';
import { regionOf } from '../pki/ca-service-locations';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadPrincipal } from '../identity/workload-principal';
import { checkProxyMetadata } from '../workloads/mesh-pod';
import { checkKubernetesLabels } from '../core/value-rules';
import { MeshWorkload } from '../workloads/mesh-workload';
import { AuthorizationAction, ServiceAuthorizationPolicy } from './authorization-policy';
import { AllowOptions, AuthorizationHeaderMatch } from './authorization-rule';
import { checkPathMatches, pathsHeaderRegex } from './path-match';
import type { MeshIngressGateway } from './mesh-ingress-gateway';
import { MetadataLabelMatch } from './label-match';
import { HealthCheckFirewallOptions, MeshHealthCheck } from './mesh-health-check';
import { NegBackendService } from './neg-backend-service';
import { deployAfter, referenceFrom } from './references';
import { SecureMeshServiceProps } from './secure-mesh-service-props';
import { meshServerTlsPolicy } from './server-tls-policy';
import { ServiceMesh } from './service-mesh';
import { checkProps, required as requiredShape } from '../core/props';

/** The arguments of {@link SecureMeshService.allow}. */
const ALLOW_SHAPE = {
  peer: 'object!', options: requiredShape({ methods: 'strings!', hosts: 'strings', ports: 'numbers', paths: 'object', headerMatch: { headerName: 'string!', regexMatch: 'string!' } }),
} as const;

/**
 * One service of a Cloud Service Mesh, secured as guide 002 describes:
 * - a server mTLS policy (GKE mesh certificates as server identity and client validation);
 * - an endpoint policy for the service's Envoy sidecars (SIDECAR_PROXY, matched by proxy metadata labels)
 *   that attaches the mTLS policy and, once the service has rules, the authorization policy;
 * - a health check and the firewall rule that lets Google's health checkers reach the nodes;
 * - a global INTERNAL_SELF_MANAGED backend service over the Service's zonal NEGs, whose security settings
 *   make clients use mesh mTLS and accept only the server's SPIFFE id;
 * - an HTTPRoute on the mesh from the service's host names to the backend service.
 *
 * Everything lives in one stack, deployed after the workloads stack (the NEGs must exist). Without any
 * {@link allow} rule no authorization policy is attached: every mesh client with a valid certificate is
 * served. {@link denyAll} attaches a policy that denies every request instead.
 */
export class SecureMeshService extends Construct {
  /** The mesh of the service. */
  public readonly mesh: ServiceMesh;
  /** The base of the default resource names. */
  public readonly serviceName: string;
  /** The host names clients use. */
  public readonly hostnames: string[];
  /** The application port. */
  public readonly port: number;
  /** The server identity the backend requires. */
  public readonly server: WorkloadPrincipal;
  /** The backend service id, `projects/PROJECT/global/backendServices/NAME`, known at synth time. */
  public readonly backendServiceId: string;
  /** The server mTLS policy. */
  public readonly serverTlsPolicy: NetworkSecurityServerTlsPolicy;
  /** The endpoint policy. */
  public readonly endpointPolicy: NetworkServicesEndpointPolicy;
  /** The health check and its firewall rule. */
  public readonly healthCheck: MeshHealthCheck;
  /** The backend service and its NEG data sources. */
  public readonly backendService: NegBackendService;
  /** The HTTPRoute on the mesh. */
  public readonly route: NetworkServicesHttpRoute;
  private readonly authorizationPolicyName: string;
  private readonly betaProvider?: TerraformProvider;
  private authorization?: ServiceAuthorizationPolicy;

  constructor(scope: Construct, id: string, props: SecureMeshServiceProps) {
    super(scope, id);
    checkProps(this, props, { mesh: 'object!', name: 'string', workload: 'object', hostnames: 'strings', port: 'number', server: 'object', endpointLabels: 'map', neg: requiredShape({ negName: 'string', zones: 'strings!', maxRatePerEndpoint: 'number' }), healthCheck: { name: 'string', port: 'number', requestPath: 'string' }, healthCheckFirewall: { name: 'string', network: 'string', nodePools: 'object', targetTags: 'strings' }, allowOpen: 'boolean', resourceNames: { serverTlsPolicy: 'string', authorizationPolicy: 'string', endpointPolicy: 'string', backendService: 'string', httpRoute: 'string' } });
    const workload = props.workload;
    this.mesh = props.mesh;
    this.serviceName = props.name ?? id;
    checkName(this, 'name', this.serviceName, RESOURCE_NAME);
    this.hostnames = props.hostnames ?? (workload ? [workload.serviceName] : required(this, 'hostnames'));
    checkHostnames(this, this.hostnames);
    this.port = agreed(this, 'port', props.port, workload?.port);
    checkPort(this, 'port', this.port);
    this.server = agreedPrincipal(this, props.server, workload?.principal);
    const endpointLabels = props.endpointLabels ?? (workload ? workload.proxyMetadata : required(this, 'endpointLabels'));
    // A map token (a variable) is judged by the API at apply time; literal labels are checked here.
    const literalLabels = !Token.isUnresolved(endpointLabels);
    if (literalLabels) {
      checkProxyMetadata(this, 'endpointLabels', endpointLabels);
      // They select proxy metadata, which MeshWorkload writes with the syntax of Kubernetes labels.
      checkKubernetesLabels(this, 'endpointLabels', endpointLabels);
    }
    const labelMatch = props.labelMatch ?? MetadataLabelMatch.MATCH_ALL;
    if (workload) {
      if (literalLabels) checkLabelsMatch(this, labelMatch, endpointLabels, workload.proxyMetadata);
      deployAfter(this, workload);
    }
    const negName = agreed(this, 'neg.negName', props.neg.negName, workload?.negName);
    if (workload) checkZonesOfCluster(this, props.neg.zones, workload.cluster);
    const healthCheckPort = props.healthCheck?.port === undefined
      ? workload?.healthCheckPort
      : agreed(this, 'healthCheck.port', props.healthCheck.port, workload?.healthCheckPort);

    const names = props.resourceNames ?? {};
    const serverTlsPolicyName = names.serverTlsPolicy ?? `${this.serviceName}-server-mtls`;
    this.authorizationPolicyName = names.authorizationPolicy ?? `${this.serviceName}-authz`;
    const endpointPolicyName = names.endpointPolicy ?? `${this.serviceName}-ep`;
    const backendServiceName = names.backendService ?? `${this.serviceName}-backend`;
    const routeName = names.httpRoute ?? `${this.serviceName}-route`;
    Object.entries({
      serverTlsPolicy: serverTlsPolicyName, authorizationPolicy: this.authorizationPolicyName,
      endpointPolicy: endpointPolicyName, backendService: backendServiceName, httpRoute: routeName,
    }).forEach(([field, value]) => checkName(this, `resourceNames.${field}`, value, RESOURCE_NAME));
    const project = props.mesh.project;
    this.backendServiceId = `projects/${project.id}/global/backendServices/${backendServiceName}`;

    const allowOpen = props.allowOpen ?? false;
    if (props.betaProvider) checkBetaProvider(this, 'google_network_security_authorization_policy', props.betaProvider);
    this.betaProvider = props.betaProvider;
    if (allowOpen) {
      Annotations.of(this).addWarning(`${this.node.path}: allowOpen: the endpoints also accept plaintext requests, which carry no client identity`);
    }
    this.serverTlsPolicy = meshServerTlsPolicy(this, 'ServerTlsPolicy', {
      project,
      name: serverTlsPolicyName,
      clientValidation: true,
      allowOpen,
      description: `mTLS for ${this.serviceName}: GKE mesh certificates as server identity and client validation`,
    });
    this.endpointPolicy = new NetworkServicesEndpointPolicy(this, 'EndpointPolicy', {
      project: project.id,
      name: endpointPolicyName,
      type: 'SIDECAR_PROXY',
      endpointMatcher: {
        metadataLabelMatcher: {
          metadataLabelMatchCriteria: labelMatch.value,
          metadataLabels: metadataLabelsOf(endpointLabels),
        },
      },
      serverTlsPolicy: this.serverTlsPolicy.id,
    });
    this.healthCheck = new MeshHealthCheck(this, 'HealthCheck', {
      project,
      name: props.healthCheck?.name ?? `${this.serviceName}-hc`,
      applicationPort: this.port,
      port: healthCheckPort,
      requestPath: props.healthCheck?.requestPath,
      firewall: firewallTargets(this, props.healthCheckFirewall ?? {}, workload),
    });
    this.backendService = new NegBackendService(this, 'BackendService', {
      project,
      name: backendServiceName,
      negName,
      zones: props.neg.zones,
      maxRatePerEndpoint: props.neg.maxRatePerEndpoint,
      healthCheck: this.healthCheck.resource.id,
      clientTlsPolicy: props.mesh.clientTlsPolicyReference(this),
      subjectAltNames: [this.server.spiffeId],
    });
    this.route = new NetworkServicesHttpRoute(this, 'HttpRoute', {
      project: project.id,
      name: routeName,
      hostnames: this.hostnames,
      meshes: [props.mesh.meshReference(this)],
      rules: [{ action: { destinations: [{ serviceName: this.backendService.resource.id }] } }],
    });

    props.mesh._registerMember(this, this.hostnames, {
      'server TLS policy': serverTlsPolicyName,
      'authorization policy': this.authorizationPolicyName,
      'endpoint policy': endpointPolicyName,
      'backend service': backendServiceName,
      'HTTP route': routeName,
      'health check': this.healthCheck.healthCheckName,
      'firewall rule': this.healthCheck.firewallName,
    });
  }

  /** The authorization policy, once {@link allow} or {@link denyAll} created it. */
  public get authorizationPolicy(): ServiceAuthorizationPolicy | undefined {
    return this.authorization;
  }

  /**
   * Allows `peer` (the SPIFFE id of a workload principal or of a workload identity's KSA) the requests
   * `options` describe. The first rule attaches an ALLOW authorization policy: from then on every request
   * no rule matches is denied (HTTP 403).
   */
  public allow(peer: WorkloadPrincipal | WorkloadIdentity, options: AllowOptions): void {
    checkProps(`${this.node.path}.allow()`, { peer, options }, ALLOW_SHAPE);
    const principal = peer instanceof WorkloadIdentity ? peer.principal : peer;
    const headerMatch = this.headerCondition(options);
    const policy = this.authorizationPolicyFor(AuthorizationAction.ALLOW, 'allow()');
    policy.addRule({
      principals: [principal.spiffeId],
      hosts: options.hosts ?? this.hostnames,
      ports: options.ports ?? [this.port],
      methods: options.methods,
      headerMatch,
    });
  }

  /**
   * Allows requests that come through `gateway`: from the gateway's identity, with the host names the
   * gateway routes to this service (the authority the gateway forwards), to the service's port. Add the
   * gateway's routes first, or name `hosts`.
   */
  public allowGateway(gateway: MeshIngressGateway, options: AllowOptions): void {
    const hosts = options.hosts ?? gateway.hostnamesRoutingTo(this);
    if (hosts.length === 0) {
      throw inputError(this, 'allowGateway()', gateway.node.path,
        'routes nothing to this service yet, so no host name to allow is known; add the route first ' +
        '(routeTo, routes or gateway.addRoute({ service })), or give hosts');
    }
    this.allow(gateway.principal, { ...options, hosts });
  }

  /**
   * Denies every request to the service: attaches a DENY authorization policy without rules. Cannot be
   * combined with {@link allow}: an ALLOW rule already denies every request it does not match. Calling it
   * again changes nothing.
   */
  public denyAll(): void {
    this.authorizationPolicyFor(AuthorizationAction.DENY, 'denyAll()');
  }

  /**
   * The backend service id as `scope` should write it: a Terraform reference in this service's stack,
   * otherwise the literal id (and `scope`'s stack then deploys after this one).
   */
  public backendServiceReference(scope: IConstruct): string {
    deployAfter(scope, this);
    return referenceFrom(scope, this, this.backendService.resource.id, this.backendServiceId);
  }

  /** The rule's one header condition: the paths as a `:path` match, or the given header match. */
  private headerCondition(options: AllowOptions): AuthorizationHeaderMatch | undefined {
    if (options.paths === undefined) return options.headerMatch;
    checkPathMatches(this, 'paths', options.paths);
    if (options.headerMatch !== undefined) {
      throw inputError(this, 'headerMatch', options.headerMatch.headerName,
        'cannot be combined with paths: an authorization rule holds one header condition and paths use it (:path); ' +
        'make two allow() calls, or express the paths in headerMatch');
    }
    return { headerName: ':path', regexMatch: pathsHeaderRegex(options.paths) };
  }

  private authorizationPolicyFor(action: AuthorizationAction, caller: string): ServiceAuthorizationPolicy {
    if (this.authorization) {
      if (this.authorization.action !== action) {
        throw inputError(this, caller, this.authorization.action.value,
          'cannot be combined with denyAll(): a policy has one action, and ALLOW rules already deny every request they do not match');
      }
      return this.authorization;
    }
    this.authorization = new ServiceAuthorizationPolicy(this, 'AuthorizationPolicy', {
      project: this.mesh.project,
      name: this.authorizationPolicyName,
      action,
      betaProvider: this.betaProvider,
      description: action === AuthorizationAction.DENY
        ? `Denies every request to ${this.serviceName}`
        : `Who may call ${this.serviceName}, by SPIFFE id`,
    });
    this.endpointPolicy.authorizationPolicy = this.authorization.resource.id;
    return this.authorization;
  }
}

function required(scope: IConstruct, field: string): never {
  throw inputError(scope, field, undefined, 'is required when no workload is given');
}

function agreed<T extends string | number>(scope: IConstruct, field: string, given: T | undefined, fromWorkload: T | undefined): T {
  if (given === undefined) return fromWorkload ?? required(scope, field);
  if (fromWorkload !== undefined && !Token.isUnresolved(given) && given !== fromWorkload) {
    throw inputError(scope, field, given, `does not match the workload's ${JSON.stringify(fromWorkload)}; leave it out to take it from the workload`);
  }
  return given;
}

function agreedPrincipal(scope: IConstruct, given: WorkloadPrincipal | undefined, fromWorkload: WorkloadPrincipal | undefined): WorkloadPrincipal {
  if (given && fromWorkload && given.spiffeId !== fromWorkload.spiffeId) {
    throw inputError(scope, 'server', given.spiffeId,
      `is not the workload's service account (${fromWorkload.spiffeId}): clients would reject the server's certificate`);
  }
  return given ?? fromWorkload ?? required(scope, 'server');
}

function checkHostnames(scope: IConstruct, hostnames: string[]): void {
  if (hostnames.length === 0) throw inputError(scope, 'hostnames', hostnames, 'must list at least one host name');
  hostnames.forEach((hostname, i) => {
    checkName(scope, `hostnames[${i}]`, hostname, MESH_HOSTNAME);
    checkListedOnce(scope, `hostnames[${i}]`, hostnames, i);
  });
}

/**
 * The firewall options as given when they name targets; otherwise every node pool of the workload's
 * cluster, on the cluster's network, so the rule covers every node the pods can run on.
 */
function firewallTargets(scope: IConstruct, options: HealthCheckFirewallOptions, workload?: MeshWorkload): HealthCheckFirewallOptions {
  if (options.nodePools !== undefined || options.targetTags !== undefined) return options;
  if (!workload) throw inputError(scope, 'healthCheckFirewall', options, 'needs nodePools or targetTags when no workload is given');
  const cluster = workload.cluster;
  const pools = cluster.taggableNodePools;
  if (pools.length === 0) {
    throw inputError(scope, 'healthCheckFirewall', options,
      `needs nodePools or targetTags: the workload's cluster ${cluster.node.path} has no node pools defined in this app to take network tags from`);
  }
  const untagged = pools.find((pool) => pool.networkTags.length === 0);
  if (untagged) {
    throw inputError(scope, 'healthCheckFirewall', options,
      `needs nodePools or targetTags: node pool ${untagged.node.path} of the workload's cluster has no network tags, so the firewall ` +
      'cannot reach pods scheduled there; give every pool networkTags (such as allow-health-checks), or name the targets');
  }
  return { ...options, nodePools: pools, network: options.network ?? cluster.nodeNetwork };
}

/**
 * GKE creates a Service's NEGs in the zones of the cluster that runs its pods, which all lie in the cluster's
 * region; in a multi-cluster mesh that is the server's cluster, not the client's. Malformed zones are left to
 * the backend service's check.
 */
function checkZonesOfCluster(scope: IConstruct, zones: string[], cluster: IWorkloadIdentityCluster): void {
  if (Token.isUnresolved(cluster.location)) return;
  const region = regionOf(cluster.location);
  zones.forEach((zone, i) => {
    if (Token.isUnresolved(zone) || !ZONE.test(zone) || regionOf(zone) === region) return;
    throw inputError(scope, `neg.zones[${i}]`, zone,
      `is not in ${region}, the region of the workload's cluster ${cluster.node.path}: GKE creates the Service's NEGs only in ` +
      'the zones of the cluster that runs its pods (in a multi-cluster mesh, the server\'s cluster)');
  });
}

/** The endpoint policy must select the workload's proxies: all labels (MATCH_ALL) or one (MATCH_ANY). */
function checkLabelsMatch(scope: IConstruct, match: MetadataLabelMatch, labels: { [key: string]: string }, proxyMetadata: { [key: string]: string }): void {
  const carried = Object.keys(labels).filter((name) => proxyMetadata[name] === labels[name]);
  const matches = match === MetadataLabelMatch.MATCH_ALL ? carried.length === Object.keys(labels).length : carried.length > 0;
  if (!matches) {
    throw inputError(scope, 'endpointLabels', labels,
      `do not select the workload's proxies (proxy metadata ${JSON.stringify(proxyMetadata)}, ${match.value}): ` +
      'the endpoint policy would secure no endpoint of this service');
  }
}

/** The endpoint matcher's label blocks, sorted by name; a map token becomes a `dynamic` block over the map. */
function metadataLabelsOf(labels: { [key: string]: string }): { labelName: string; labelValue: string }[] | IResolvable {
  if (Token.isUnresolved(labels)) {
    const each = TerraformIterator.fromMap(labels);
    return each.dynamic({ label_name: each.key, label_value: each.value });
  }
  return Object.keys(labels).sort().map((labelName) => ({ labelName, labelValue: labels[labelName] }));
}
