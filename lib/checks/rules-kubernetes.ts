import { METADATA_SERVER_ADDRESS, MetadataServerAddress, metadataServerEndpointsRequired } from '../core/gke-facts';
import { TfResource } from '../core/app-index';
import { NETWORK_POLICY_TYPES, PodTemplate } from './kubernetes-objects';
import { podSpecs } from './pod-specs';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, cidrContains, isUnknown, list, literalBool, literalNumber, literalString, map, TfConfig } from '../core/terraform-values';

const GUIDE_000_AUTH = 'Guide 000, "Pod が Google Cloud で認証されない"';

/** Whether one egress rule allows `endpoint` (unknown parts count as allowing: no false findings). */
function ruleAllows(rule: TfConfig, endpoint: MetadataServerAddress): boolean {
  const peers = blocks(rule, 'to');
  const ports = blocks(rule, 'ports');
  const peerOk = isUnknown(rule.to) || peers.length === 0 || peers.some((peer) => {
    const ipBlock = block(peer, 'ip_block');
    if (!ipBlock) return false;
    const cidr = literalString(ipBlock.cidr);
    if (cidr === undefined) return true;
    const except = (list(ipBlock.except) ?? []).map(String);
    return cidrContains(cidr, endpoint.ip) && !except.some((e) => cidrContains(e, endpoint.ip));
  });
  const portOk = isUnknown(rule.ports) || ports.length === 0 || ports.some((p) => {
    if (p.protocol !== undefined && p.protocol !== 'TCP') return false;
    if (p.port === undefined) return true;
    const port = literalNumber(p.port);
    if (port === undefined) return true; // a named or unknown port
    const end = literalNumber(p.end_port) ?? port;
    return endpoint.port >= port && endpoint.port <= end;
  });
  return peerOk && portOk;
}

/** A canonical key of a pod selector's match_labels, or undefined when it has expressions or unknown parts. */
function selectorLabels(policy: TfResource): TfConfig | undefined {
  const selector = block(block(policy.config, 'spec'), 'pod_selector');
  if (selector && (selector.match_expressions !== undefined || isUnknown(selector.match_labels))) return undefined;
  return map(selector?.match_labels) ?? {};
}

function labelKey(labels: TfConfig): string {
  return Object.keys(labels).sort().map((k) => `${k}=${String(labels[k])}`).join(',');
}

/** Every sub-map of a small label map (a selector with fewer labels selects a superset of pods). */
function labelSubsets(labels: TfConfig): string[] {
  const keys = Object.keys(labels).sort();
  if (keys.length > 10) return [labelKey(labels), ''];
  return Array.from({ length: 2 ** keys.length }, (_, mask) =>
    keys.filter((_k, i) => mask & (1 << i)).map((k) => `${k}=${String(labels[k])}`).join(','));
}

/** K8S-1: egress NetworkPolicies leave the GKE metadata server reachable. */
export const K8S_1: Rule = {
  id: 'K8S-1',
  severity: SecuritySeverity.WARNING,
  title: 'NetworkPolicy egress blocks the GKE metadata server',
  fix: 'allow egress to 169.254.169.254/32 port 80 (Dataplane V2) or 169.254.169.252/32 port 988 (other clusters) for the selected pods, in this or another policy of the namespace',
  source: `${GUIDE_000_AUTH}, check 6 (cluster network policies must allow egress to the metadata server)`,
  check(context) {
    const policies = context.index.resourcesOf(NETWORK_POLICY_TYPES).filter((p) => !p.dynamic).map((resource) => {
      const spec = block(resource.config, 'spec');
      const types = list(spec?.policy_types);
      const egress = blocks(spec, 'egress');
      const restricts = types === undefined ? !isUnknown(spec?.policy_types) && egress.length > 0 : types.includes('Egress');
      const endpoints = metadataServerEndpointsRequired(context.clusters.ofKubernetes(resource)?.dataplaneV2);
      const allows = isUnknown(spec?.egress) || endpoints.some((e) => egress.some((rule) => ruleAllows(rule, e)));
      return { resource, namespace: context.kubernetes.namespaceOf(resource), restricts, allows, labels: selectorLabels(resource) };
    });
    const allowing = new Map<string, Set<string>>();
    for (const p of policies) {
      if (p.allows && p.namespace !== undefined && p.labels) {
        const keys = allowing.get(p.namespace) ?? new Set<string>();
        keys.add(labelKey(p.labels));
        allowing.set(p.namespace, keys);
      }
    }
    for (const p of policies) {
      if (!p.restricts || p.allows || p.namespace === undefined || !p.labels) continue;
      const keys = allowing.get(p.namespace);
      if (keys && labelSubsets(p.labels).some((subset) => keys.has(subset))) continue;
      context.report(this, p.resource, `restricts egress of pods in namespace ${p.namespace}${Object.keys(p.labels).length ? ` (${labelKey(p.labels)})` : ''} ` +
        'and no policy of the namespace allows the GKE metadata server, so Workload Identity and metadata lookups time out');
    }
  },
};

const TD_ANNOTATIONS = ['cloud.google.com/proxyMetadata', 'cloud.google.com/enableManagedCerts', 'cloud.google.com/includeInboundPorts',
  'cloud.google.com/excludeOutboundCIDRs', 'cloud.google.com/includeOutboundCIDRs'];

function isInjected(pod: PodTemplate, context: RuleContext): boolean {
  const annotation = pod.annotations['sidecar.istio.io/inject'] ?? pod.labels['sidecar.istio.io/inject'];
  if (annotation !== undefined) return literalBool(annotation) === true;
  const labels = pod.namespace === undefined ? undefined : context.kubernetes.labelsOfNamespace(pod.namespace);
  return labels !== undefined && (labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined);
}

function coversMetadata(value: unknown): boolean {
  return String(value).split(',').some((cidr) => cidrContains(cidr, METADATA_SERVER_ADDRESS));
}

/** Why an injected pod's sidecar intercepts the metadata server, or undefined. */
function interceptionProblem(pod: PodTemplate): string | undefined {
  const a = pod.annotations;
  if (TD_ANNOTATIONS.some((key) => a[key] !== undefined)) {
    const exclude = a['cloud.google.com/excludeOutboundCIDRs'];
    const include = a['cloud.google.com/includeOutboundCIDRs'];
    if (exclude === undefined || isUnknown(exclude) || isUnknown(include) || coversMetadata(exclude)) return undefined;
    if (include !== undefined && include !== '*' && !coversMetadata(include)) return undefined;
    return `cloud.google.com/excludeOutboundCIDRs ${JSON.stringify(exclude)} drops the default ${METADATA_SERVER_ADDRESS}/32`;
  }
  const exclude = a['traffic.sidecar.istio.io/excludeOutboundIPRanges'];
  const include = a['traffic.sidecar.istio.io/includeOutboundIPRanges'];
  if (isUnknown(exclude) || isUnknown(include) || (exclude !== undefined && coversMetadata(exclude))) return undefined;
  if (include !== undefined && include !== '*' && !coversMetadata(include)) return undefined;
  return `no traffic.sidecar.istio.io/excludeOutboundIPRanges: ${METADATA_SERVER_ADDRESS}/32 annotation`;
}

/** K8S-2: mesh sidecars do not intercept the metadata server. */
export const K8S_2: Rule = {
  id: 'K8S-2',
  severity: SecuritySeverity.ERROR,
  title: 'Istio/Envoy sidecar intercepts the GKE metadata server',
  fix: `annotate the pod template with traffic.sidecar.istio.io/excludeOutboundIPRanges: "${METADATA_SERVER_ADDRESS}/32" (Istio), or keep ${METADATA_SERVER_ADDRESS}/32 in cloud.google.com/excludeOutboundCIDRs (Cloud Service Mesh sidecar injector)`,
  source: 'Guide 000, "Istio を使用するクラスタで GKE 用 Workload Identity 連携の認証が失敗する"',
  check(context) {
    for (const pod of context.kubernetes.podTemplates) {
      if (!isInjected(pod, context)) continue;
      const problem = interceptionProblem(pod);
      if (!problem) continue;
      const ksa = pod.namespace !== undefined && pod.serviceAccountName !== undefined
        ? context.kubernetes.serviceAccountsNamed(pod.namespace, pod.serviceAccountName) : [];
      const usesWorkloadIdentity = ksa.some((k) => k.gsaAnnotation !== undefined);
      context.report(this, pod.resource, `the pod gets a sidecar but has ${problem}, so its Workload Identity requests are redirected to the proxy and fail`,
        usesWorkloadIdentity ? undefined : { severity: SecuritySeverity.WARNING });
    }
  },
};

/** K8S-3: Autopilot pods do not select the metadata-server node label. */
export const K8S_3: Rule = {
  id: 'K8S-3',
  severity: SecuritySeverity.ERROR,
  title: 'Autopilot pod with the Workload Identity nodeSelector',
  fix: 'remove the iam.gke.io/gke-metadata-server-enabled node selector: every Autopilot node runs the GKE metadata server',
  source: 'Guide 001, workload configuration step 4 ("Autopilot クラスタではこの nodeSelector が拒否されます")',
  check(context) {
    for (const pod of context.kubernetes.podTemplates) {
      if (pod.nodeSelector['iam.gke.io/gke-metadata-server-enabled'] === undefined) continue;
      if (context.clusters.ofKubernetes(pod.resource)?.autopilot) {
        context.report(this, pod.resource, 'node_selector iam.gke.io/gke-metadata-server-enabled is set on an Autopilot cluster, which rejects or never schedules the pod');
      }
    }
  },
};

/** K8S-4: pods on the host network bypass metadata concealment. */
export const K8S_4: Rule = {
  id: 'K8S-4',
  severity: SecuritySeverity.ERROR,
  title: 'Pod on the host network (bypasses the GKE metadata server)',
  fix: 'remove host_network = true; a node agent that truly needs it is opted out with SecurityChecks.suppress(workload, \'K8S-4\', reason)',
  source: 'Guide 004, "制限事項" (hostNetwork pods are not restricted by metadata concealment); CKV_K8S_19; AVD-KSV-0009; CIS GKE 1.9 4.2.1 (Pod Security Standard baseline)',
  check(context) {
    for (const pod of podSpecs(context)) {
      if (pod.hostNetwork === true) context.report(this, pod.resource, 'host_network is true: the pod reads the node\'s metadata, credentials and kube-env directly');
    }
  },
};

/** The Kubernetes object rules. */
export const KUBERNETES_RULES: Rule[] = [K8S_1, K8S_2, K8S_3, K8S_4];
