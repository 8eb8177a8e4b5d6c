import { TfResource } from '../core/app-index';
import { trustStores } from './ca-hierarchy';
import { ClusterInfo } from './cluster-map';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, isUnknown, list, literalBool, literalNumber, literalString, read, TfConfig } from '../core/terraform-values';

const SPIFFE_PLUGIN = 'google_cloud_private_spiffe';
const MANAGED_CERTS = 'cloud.google.com/enableManagedCerts';
const GUIDE_002_MTLS = 'Guide 002, "メッシュで mTLS を有効にする"';
const HEALTH_CHECK_BLOCKS = ['http_health_check', 'https_health_check', 'http2_health_check', 'tcp_health_check', 'ssl_health_check', 'grpc_health_check'];

function usesSpiffePlugin(config: TfConfig): boolean {
  return JSON.stringify(config).includes(`"plugin_instance":"${SPIFFE_PLUGIN}"`);
}

function managesCerts(annotations: TfConfig): boolean {
  return literalBool(annotations[MANAGED_CERTS]) === true;
}

/** The resources of the app that need GKE mesh certificates, by cluster (undefined: cluster unknown). */
function meshCertificateUsers(context: RuleContext): Map<ClusterInfo | undefined, TfResource> {
  return context.shared('mesh-certificate-users', () => {
    const users = new Map<ClusterInfo | undefined, TfResource>();
    const add = (resource: TfResource) => {
      const cluster = context.clusters.ofKubernetesOrOnly(resource);
      if (!users.has(cluster)) users.set(cluster, resource);
    };
    context.kubernetes.meshSecurityObjects('WorkloadCertificateConfig').forEach((o) => add(o.resource));
    context.kubernetes.meshSecurityObjects('TrustConfig').forEach((o) => add(o.resource));
    context.kubernetes.podTemplates.filter((p) => managesCerts(p.annotations)).forEach((p) => add(p.resource));
    return users;
  });
}

/** MESH-1: clusters whose workloads use mesh certificates issue them. */
export const MESH_1: Rule = {
  id: 'MESH-1',
  severity: SecuritySeverity.ERROR,
  title: 'Mesh certificates off on a cluster whose workloads or TLS policies use them',
  fix: 'set mesh_certificates { enable_certificates = true } on the cluster (meshCertificates: true)',
  source: 'Guide 002, "GKE クラスタを作成または更新する" (--enable-mesh-certificates); Guide 002, troubleshooting "Pod が起動しない"',
  check(context) {
    const users = meshCertificateUsers(context);
    const spiffePolicies = context.index.resourcesOf(['google_network_security_server_tls_policy', 'google_network_security_client_tls_policy'])
      .filter((p) => usesSpiffePlugin(p.config));
    const noClusterIssues = context.clusters.all.every((c) => c.meshCertificates === false);
    for (const cluster of context.clusters.all) {
      if (cluster.meshCertificates !== false) continue;
      const user = users.get(cluster) ?? (noClusterIssues && spiffePolicies.length > 0 ? spiffePolicies[0] : undefined);
      if (user) {
        context.report(this, cluster.resource, `mesh_certificates.enable_certificates is off, but ${user.address} relies on GKE mesh certificates ` +
          '(the CRDs and the gke-workload-certificates volume only exist when it is on)');
      }
    }
  },
};

/** Literal port numbers of a list of ports or ranges ("8000", "80-90"; "*" is skipped). */
function portsOf(values: unknown[]): number[] {
  return values.flatMap((value) => {
    const text = String(value);
    const range = /^(\d+)-(\d+)$/.exec(text);
    if (range) return Array.from({ length: Math.min(Number(range[2]) - Number(range[1]) + 1, 1024) }, (_, i) => Number(range[1]) + i);
    const port = literalNumber(value);
    return port === undefined ? [] : [port];
  });
}

/** The application ports that sidecars intercept and secure with mTLS: endpoint-policy ports, inbound ports of managed-cert pods, authorized ports. */
function securedPorts(context: RuleContext): Map<number, string> {
  const ports = new Map<number, string>();
  const add = (numbers: number[], by: TfResource) => numbers.forEach((p) => ports.has(p) || ports.set(p, by.address));
  for (const policy of context.index.resources('google_network_services_endpoint_policy')) {
    if (policy.config.server_tls_policy === undefined) continue;
    add(portsOf(list(read(policy.config, 'traffic_port_selector.ports')) ?? []), policy);
  }
  for (const pod of context.kubernetes.podTemplates) {
    const inbound = literalString(pod.annotations['cloud.google.com/includeInboundPorts']);
    if (managesCerts(pod.annotations) && inbound !== undefined) add(portsOf(inbound.split(',').map((p) => p.trim())), pod.resource);
  }
  for (const policy of context.index.resources('google_network_security_authorization_policy')) {
    for (const rule of blocks(policy.config, 'rules')) {
      for (const destination of blocks(rule, 'destinations')) add(portsOf(list(destination.ports) ?? []), policy);
    }
  }
  return ports;
}

function isMeshBackend(backend: TfResource): boolean {
  return backend.config.load_balancing_scheme === 'INTERNAL_SELF_MANAGED';
}

/** MESH-2: the health-check port differs from the application port the sidecar secures. */
export const MESH_2: Rule = {
  id: 'MESH-2',
  severity: SecuritySeverity.ERROR,
  title: 'Health-check port equal to an mTLS-secured application port',
  fix: 'health-check a port the sidecar does not intercept (a separate health port), so health checkers are not refused by the mTLS policy',
  source: 'Guide 002, "受信トラフィック インターセプト ポートの構成" ("ヘルスチェック ポートはアプリケーション ポートとは異なるものにする必要があります")',
  check(context) {
    const secured = securedPorts(context);
    if (secured.size === 0) return;
    const reported = new Set<TfResource>();
    for (const backend of context.index.resources('google_compute_backend_service').filter(isMeshBackend)) {
      for (const reference of list(backend.config.health_checks) ?? []) {
        const check = context.index.resourceNamed('google_compute_health_check', reference, backend.element);
        if (!check || reported.has(check)) continue;
        const probe = HEALTH_CHECK_BLOCKS.map((name) => block(check.config, name)).find((b) => b !== undefined);
        const port = literalNumber(probe?.port);
        if (port !== undefined && secured.has(port) && probe?.port_specification !== 'USE_SERVING_PORT') {
          reported.add(check);
          context.report(this, check, `health checks of ${backend.address} probe port ${port}, the application port that ${secured.get(port)} secures with mTLS, ` +
            'so the probes are refused and the backends are marked unhealthy');
        }
      }
    }
  },
};

/** Server TLS policies attached to gateways (TLS termination for clients without mesh certificates). */
function gatewayPolicies(context: RuleContext): Set<TfResource> {
  const policies = new Set<TfResource>();
  for (const gateway of context.index.resources('google_network_services_gateway')) {
    const policy = context.index.resourceNamed('google_network_security_server_tls_policy', gateway.config.server_tls_policy, gateway.element);
    if (policy) policies.add(policy);
  }
  return policies;
}

/** MESH-3: server TLS policies never accept plaintext. */
export const MESH_3: Rule = {
  id: 'MESH-3',
  severity: SecuritySeverity.ERROR,
  title: 'Server TLS policy accepts plaintext (allow_open)',
  fix: 'remove allow_open (false) once every client sends mTLS',
  source: `${GUIDE_002_MTLS}, "エンドポイントへの受信トラフィックを保護する"; Terraform provider google 6.50 (allow_open is plaintext in addition)`,
  check(context) {
    for (const policy of context.index.resources('google_network_security_server_tls_policy')) {
      if (literalBool(policy.config.allow_open) === true) {
        context.report(this, policy, 'allow_open is true: endpoints also accept plaintext connections, so any pod can skip mTLS and its identity check');
      }
    }
  },
};

/** MESH-4: mesh server policies require client certificates. */
export const MESH_4: Rule = {
  id: 'MESH-4',
  severity: SecuritySeverity.WARNING,
  title: 'Server TLS policy without mTLS (no client validation)',
  fix: `add mtls_policy { client_validation_ca { certificate_provider_instance { plugin_instance = "${SPIFFE_PLUGIN}" } } }`,
  source: `${GUIDE_002_MTLS}, "エンドポイントへの受信トラフィックを保護する" (server-mtls-policy)`,
  check(context) {
    const gateways = gatewayPolicies(context);
    for (const policy of context.index.resources('google_network_security_server_tls_policy')) {
      if (gateways.has(policy) || policy.dynamic || literalBool(policy.config.allow_open) === true) continue;
      if (block(policy.config, 'mtls_policy') === undefined && !isUnknown(policy.config.mtls_policy)) {
        context.report(this, policy, 'has no mtls_policy: endpoints accept any client, so authorization policies cannot rely on client identities');
      }
    }
  },
};

/** MESH-5: mesh backend services send mTLS. */
export const MESH_5: Rule = {
  id: 'MESH-5',
  severity: SecuritySeverity.ERROR,
  title: 'Mesh backend service without a client TLS policy, or security settings on a non-mesh backend',
  fix: 'set load_balancing_scheme = "INTERNAL_SELF_MANAGED" and security_settings { client_tls_policy = <client mTLS policy id>, subject_alt_names = [server SPIFFE id] }',
  source: `${GUIDE_002_MTLS}, "バックエンド サービスへの送信トラフィックを保護する"; Terraform provider google 6.50 (security_settings only for INTERNAL_SELF_MANAGED)`,
  check(context) {
    const enforced = context.index.resources('google_network_services_endpoint_policy').some((p) => {
      const server = context.index.resourceNamed('google_network_security_server_tls_policy', p.config.server_tls_policy, p.element);
      return server !== undefined && block(server.config, 'mtls_policy') !== undefined;
    });
    for (const backend of context.index.resources('google_compute_backend_service')) {
      const scheme = backend.config.load_balancing_scheme;
      const clientPolicy = read(backend.config, 'security_settings.client_tls_policy');
      if (isUnknown(scheme) || backend.dynamic) continue;
      if (scheme !== 'INTERNAL_SELF_MANAGED') {
        if (clientPolicy !== undefined) {
          context.report(this, backend, `security_settings.client_tls_policy is set but load_balancing_scheme is ${JSON.stringify(scheme ?? 'EXTERNAL (the default)')}; ` +
            'Cloud Service Mesh only applies it to INTERNAL_SELF_MANAGED backends');
        }
        continue;
      }
      if (clientPolicy !== undefined) continue;
      context.report(this, backend, enforced
        ? 'has no security_settings.client_tls_policy, but the mesh endpoints require mTLS: every request to it fails'
        : 'has no security_settings.client_tls_policy: mesh traffic to it is plaintext', enforced ? undefined : { severity: SecuritySeverity.WARNING });
    }
  },
};

/** MESH-6: clients check the server identity. */
export const MESH_6: Rule = {
  id: 'MESH-6',
  severity: SecuritySeverity.WARNING,
  title: 'Client TLS without subject alt names (server identity not checked)',
  fix: 'set security_settings.subject_alt_names to the server\'s SPIFFE id (spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA)',
  source: `${GUIDE_002_MTLS}, "バックエンド サービスへの送信トラフィックを保護する" (subjectAltNames)`,
  check(context) {
    for (const backend of context.index.resources('google_compute_backend_service')) {
      const settings = block(backend.config, 'security_settings');
      if (!settings || settings.client_tls_policy === undefined || isUnknown(settings.subject_alt_names)) continue;
      if ((list(settings.subject_alt_names) ?? []).length === 0) {
        context.report(this, backend, 'security_settings sends mTLS without subject_alt_names: any workload with a mesh certificate can pose as the server');
      }
    }
  },
};

/** The trust domains the app's clusters and TrustConfigs know. */
function trustDomains(context: RuleContext): Set<string> {
  const domains = new Set<string>();
  context.clusters.all.forEach((c) => c.workloadPool && domains.add(c.workloadPool));
  for (const trust of context.kubernetes.meshSecurityObjects('TrustConfig')) {
    (trustStores(trust) ?? []).forEach((s) => typeof s.trustDomain === 'string' && !isUnknown(s.trustDomain) && domains.add(s.trustDomain));
  }
  return domains;
}

/** MESH-7: authorization rules name principals of the mesh's trust domain. */
export const MESH_7: Rule = {
  id: 'MESH-7',
  severity: SecuritySeverity.ERROR,
  title: 'Authorization rule for a principal outside the trust domain, or for every principal ("*")',
  fix: 'name principals as spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA of the cluster\'s trust domain (WorkloadPrincipal.spiffeId)',
  source: 'Guide 002, "認可ポリシーでのサービスレベルのアクセスを構成する"; Guide 002, troubleshooting "証明書が拒否される" (one trust domain)',
  check(context) {
    const domains = trustDomains(context);
    for (const policy of context.index.resources('google_network_security_authorization_policy')) {
      for (const rule of blocks(policy.config, 'rules')) {
        for (const source of blocks(rule, 'sources')) {
          for (const principal of list(source.principals) ?? []) {
            if (ANY_PRINCIPAL.test(String(principal))) {
              context.report(this, policy, `principal ${JSON.stringify(principal)} admits every peer of every trust domain the mesh trusts, so the rule authorizes nobody in particular`);
              continue;
            }
            const problem = principalProblem(principal, domains);
            if (problem) context.report(this, policy, `principal ${JSON.stringify(principal)} ${problem}, so the rule never matches a mesh peer`);
          }
        }
      }
    }
  },
};

/** Principals that match every peer. */
const ANY_PRINCIPAL = /^(\*+|spiffe:\/\/\*+)$/;

function principalProblem(principal: unknown, domains: Set<string>): string | undefined {
  const literal = literalString(principal);
  if (literal === undefined || literal.startsWith('*')) return undefined;
  const spiffe = /^spiffe:\/\/([^/]+)(\/.*)?$/.exec(literal);
  if (!spiffe) return 'is not a SPIFFE id (spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/KSA)';
  const domain = spiffe[1];
  if (domains.size > 0 && !domains.has(domain)) return `is in trust domain ${domain}, not in ${[...domains].join(', ')}`;
  if (domains.size === 0 && !domain.endsWith('.svc.id.goog')) return `is in trust domain ${domain}, not a workload pool (PROJECT_ID.svc.id.goog)`;
  return undefined;
}

/** The Cloud Service Mesh rules. */
export const MESH_RULES: Rule[] = [MESH_1, MESH_2, MESH_3, MESH_4, MESH_5, MESH_6, MESH_7];
