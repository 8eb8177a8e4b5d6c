import { TfResource } from '../core/app-index';
import { PodTemplate } from '../checks/kubernetes-objects';
import { block, blocks, literalString, map, read, TfConfig } from '../core/terraform-values';
import { ReportContext, shown, shownList, sorted, where } from './report-context';

/** One rule of an authorization policy: who may call (sources) what (destinations). Empty lists mean any. */
export interface AuthorizationRuleView {
  readonly principals: string[];
  readonly ipBlocks: string[];
  readonly methods: string[];
  /** `:path` header matches (regular expressions). */
  readonly paths: string[];
  /** Other header matches, `NAME ~ REGEX`. */
  readonly headers: string[];
  readonly ports: string[];
  readonly hosts: string[];
}

/** A `google_network_security_authorization_policy`. */
export interface AuthorizationPolicyView {
  readonly address: string;
  readonly name: string;
  readonly action: string;
  readonly rules: AuthorizationRuleView[];
}

/** A `google_network_services_endpoint_policy`: the workloads it selects, and the policies it applies to them. */
export interface EndpointPolicyView {
  readonly address: string;
  readonly name: string;
  readonly type: string;
  /** `MATCH_ALL` or `MATCH_ANY` of the labels. */
  readonly match: string;
  /** `name=value`. */
  readonly labels: string[];
  readonly serverTlsPolicy?: string;
  /** The address of the authorization policy, when one is attached. */
  readonly authorizationPolicy?: string;
}

/** A route of a mesh or gateway. */
export interface RouteView {
  readonly address: string;
  readonly name: string;
  readonly kind: string;
  readonly hostnames: string[];
  readonly meshes: string[];
  readonly gateways: string[];
  /** The backend services the route sends to (addresses when in the app). */
  readonly services: string[];
}

/** A mesh backend service and who may call it. */
export interface MeshServiceView {
  readonly address: string;
  readonly name: string;
  /** The SPIFFE ids clients accept from its servers (`subject_alt_names`). */
  readonly serverIdentities: string[];
  /** The hostnames routes send to it. */
  readonly hostnames: string[];
  readonly routes: string[];
  /** The endpoint policies that select its workloads (found through its NEGs, Kubernetes Service and pods). */
  readonly endpointPolicies: string[];
  /** The authorization policies those endpoint policies apply. */
  readonly authorizationPolicies: string[];
  /**
   * `enforced` (an authorization policy applies), `none` (its endpoints are known and no policy applies) or
   * `unknown` (its endpoints could not be linked to workloads at synth time).
   */
  readonly authorization: string;
}

/** A mesh or gateway of Cloud Service Mesh. */
export interface GatewayView {
  readonly address: string;
  readonly name: string;
  readonly ports: string[];
  readonly scope: string;
  readonly serverTlsPolicy?: string;
  readonly routes: string[];
}

/** Who may call whom in the mesh. */
export interface MeshView {
  readonly meshes: { readonly address: string; readonly name: string; readonly routes: string[] }[];
  readonly gateways: GatewayView[];
  readonly routes: RouteView[];
  readonly services: MeshServiceView[];
  readonly endpointPolicies: EndpointPolicyView[];
  readonly authorizationPolicies: AuthorizationPolicyView[];
}

const ROUTE_KINDS = ['http', 'grpc', 'tcp', 'tls'];

function nameOf(context: ReportContext, resource: TfResource): string {
  return shown(context, resource.config.name, resource);
}

/** The address of the resource a value names, when it is in the app, else the value as shown. */
function addressOrShown(context: ReportContext, type: string, value: unknown, resource: TfResource): string {
  const named = context.index.resourceNamed(type, value, resource.element);
  return named ? where(named) : shown(context, value, resource);
}

function authorizationPolicy(context: ReportContext, policy: TfResource): AuthorizationPolicyView {
  return {
    address: where(policy),
    name: nameOf(context, policy),
    action: shown(context, policy.config.action, policy),
    rules: blocks(policy.config, 'rules').map((rule) => {
      const sources = blocks(rule, 'sources');
      const destinations = blocks(rule, 'destinations');
      const all = (from: TfConfig[], key: string) => [...new Set(from.flatMap((b) => shownList(context, b[key], policy)))].sort();
      const matches = destinations.flatMap((d) => blocks(d, 'http_header_match'))
        .map((m) => ({ header: shown(context, m.header_name, policy), regex: shown(context, m.regex_match, policy) }));
      return {
        principals: all(sources, 'principals'),
        ipBlocks: all(sources, 'ip_blocks'),
        methods: all(destinations, 'methods'),
        paths: matches.filter((m) => m.header === ':path').map((m) => m.regex).sort(),
        headers: matches.filter((m) => m.header !== ':path').map((m) => `${m.header} ~ ${m.regex}`).sort(),
        ports: all(destinations, 'ports'),
        hosts: all(destinations, 'hosts'),
      };
    }),
  };
}

function endpointPolicy(context: ReportContext, policy: TfResource): EndpointPolicyView {
  const matcher = block(block(policy.config, 'endpoint_matcher'), 'metadata_label_matcher');
  const authorization = policy.config.authorization_policy;
  return {
    address: where(policy),
    name: nameOf(context, policy),
    type: shown(context, policy.config.type, policy),
    match: matcher ? shown(context, matcher.metadata_label_match_criteria, policy) : 'MATCH_ALL',
    labels: blocks(matcher, 'metadata_labels').map((l) => `${shown(context, l.label_name, policy)}=${shown(context, l.label_value, policy)}`).sort(),
    serverTlsPolicy: policy.config.server_tls_policy === undefined ? undefined
      : addressOrShown(context, 'google_network_security_server_tls_policy', policy.config.server_tls_policy, policy),
    authorizationPolicy: authorization === undefined ? undefined
      : addressOrShown(context, 'google_network_security_authorization_policy', authorization, policy),
  };
}

function route(context: ReportContext, resource: TfResource, kind: string): RouteView {
  const services = blocks(resource.config, 'rules').flatMap((rule) => blocks(block(rule, 'action'), 'destinations'))
    .map((d) => addressOrShown(context, 'google_compute_backend_service', d.service_name, resource));
  return {
    address: where(resource),
    name: nameOf(context, resource),
    kind,
    hostnames: shownList(context, resource.config.hostnames, resource).sort(),
    meshes: (Array.isArray(resource.config.meshes) ? resource.config.meshes : [])
      .map((m) => addressOrShown(context, 'google_network_services_mesh', m, resource)).sort(),
    gateways: (Array.isArray(resource.config.gateways) ? resource.config.gateways : [])
      .map((g) => addressOrShown(context, 'google_network_services_gateway', g, resource)).sort(),
    services: [...new Set(services)].sort(),
  };
}

/** The `proxyMetadata` labels of the pods behind a backend service: NEG → Kubernetes Service → pods. */
function podsBehind(context: ReportContext, backend: TfResource): PodTemplate[] | undefined {
  const negNames = blocks(backend.config, 'backend').map((b) => {
    const target = context.index.target(b.group, backend.element);
    return target === undefined ? undefined : context.index.literalString(target.resource.config.name, target.resource.element);
  });
  if (negNames.length === 0 || negNames.some((n) => n === undefined)) return undefined;
  const services = ['kubernetes_service_v1', 'kubernetes_service'].flatMap((t) => context.index.resources(t)).filter((service) => {
    const annotation = literalString(map(block(service.config, 'metadata')?.annotations)?.['cloud.google.com/neg']);
    return annotation !== undefined && negNames.some((name) => annotation.includes(`"${name}"`));
  });
  if (services.length === 0) return undefined;
  const selectors = services.map((s) => map(block(s.config, 'spec')?.selector) ?? {});
  return context.kubernetes.podTemplates.filter((pod) => selectors.some((selector) =>
    Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => pod.labels[k] === v)));
}

function proxyLabels(pod: PodTemplate): TfConfig {
  try {
    return map(JSON.parse(literalString(pod.annotations['cloud.google.com/proxyMetadata']) ?? '{}')) ?? {};
  } catch {
    return {};
  }
}

function selects(policy: EndpointPolicyView, labels: TfConfig): boolean {
  const pairs = policy.labels.map((l) => l.split('='));
  const matches = pairs.map(([k, v]) => labels[k] === v);
  return pairs.length > 0 && (policy.match === 'MATCH_ANY' ? matches.some(Boolean) : matches.every(Boolean));
}

function meshService(context: ReportContext, backend: TfResource, routes: RouteView[], policies: EndpointPolicyView[]): MeshServiceView {
  const address = where(backend);
  const routing = routes.filter((r) => r.services.includes(address));
  const pods = podsBehind(context, backend);
  const selecting = pods === undefined ? [] : policies.filter((p) => pods.some((pod) => selects(p, proxyLabels(pod))));
  const authorizing = selecting.flatMap((p) => (p.authorizationPolicy ? [p.authorizationPolicy] : []));
  return {
    address,
    name: nameOf(context, backend),
    serverIdentities: shownList(context, read(backend.config, 'security_settings.subject_alt_names'), backend).sort(),
    hostnames: [...new Set(routing.flatMap((r) => r.hostnames))].sort(),
    routes: routing.map((r) => r.address),
    endpointPolicies: selecting.map((p) => p.address),
    authorizationPolicies: [...new Set(authorizing)].sort(),
    authorization: authorizing.length > 0 ? 'enforced' : pods === undefined ? 'unknown' : 'none',
  };
}

/** The mesh calls of the app: meshes, gateways, routes, services, endpoint and authorization policies. */
export function meshView(context: ReportContext): MeshView {
  const { index } = context;
  const routes = sorted(ROUTE_KINDS.flatMap((kind) => index.resources(`google_network_services_${kind}_route`).map((r) => route(context, r, kind))), (r) => r.address);
  const endpointPolicies = sorted(index.resources('google_network_services_endpoint_policy').map((p) => endpointPolicy(context, p)), (p) => p.address);
  const backends = index.resources('google_compute_backend_service')
    .filter((b) => literalString(b.config.load_balancing_scheme) === 'INTERNAL_SELF_MANAGED');
  return {
    meshes: sorted(index.resources('google_network_services_mesh').map((m) => ({
      address: where(m), name: nameOf(context, m), routes: routes.filter((r) => r.meshes.includes(where(m))).map((r) => r.address),
    })), (m) => m.address),
    gateways: sorted(index.resources('google_network_services_gateway').map((g) => ({
      address: where(g),
      name: nameOf(context, g),
      ports: shownList(context, g.config.ports, g),
      scope: shown(context, g.config.scope, g),
      serverTlsPolicy: g.config.server_tls_policy === undefined ? undefined
        : addressOrShown(context, 'google_network_security_server_tls_policy', g.config.server_tls_policy, g),
      routes: routes.filter((r) => r.gateways.includes(where(g))).map((r) => r.address),
    })), (g) => g.address),
    routes,
    services: sorted(backends.map((b) => meshService(context, b, routes, endpointPolicies)), (s) => s.address),
    endpointPolicies,
    authorizationPolicies: sorted(index.resources('google_network_security_authorization_policy').map((p) => authorizationPolicy(context, p)), (p) => p.address),
  };
}
