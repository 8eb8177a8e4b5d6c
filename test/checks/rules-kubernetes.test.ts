import { DeploymentV1, DeploymentV1SpecTemplateSpec } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { SecuritySeverity } from '../../lib';
import { KUBERNETES_RULES } from '../../lib/checks/rules-kubernetes';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, RuleCase, secureCluster, TestApp } from './fixtures';

const DENY = 'kubernetes_network_policy_v1.deny';
const DEPLOYMENT = 'kubernetes_deployment_v1.app';

function denyEgress(t: TestApp, allow?: NetworkPolicyV1SpecEgress, namespace = 'default'): void {
  new NetworkPolicyV1(t.workloads, 'deny', { metadata: { name: 'deny-egress', namespace }, spec: { podSelector: { matchLabels: { app: 'payments' } }, policyTypes: ['Egress'] } });
  if (allow) {
    new NetworkPolicyV1(t.workloads, 'allow', { metadata: { name: 'allow-metadata', namespace: 'default' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [allow] } });
  }
}

const METADATA_80 = { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: '80', protocol: 'TCP' }] };
const METADATA_988 = { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: '988', protocol: 'TCP' }] };

function deployment(t: TestApp, annotations: Record<string, string>, spec: Partial<DeploymentV1SpecTemplateSpec> = {}): void {
  new ServiceAccountV1(t.workloads, 'ksa', {
    metadata: { name: 'app', namespace: 'default', annotations: { 'iam.gke.io/gcp-service-account': 'app@demo-proj.iam.gserviceaccount.com' } },
  });
  new DeploymentV1(t.workloads, 'app', {
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'app' } },
      template: { metadata: { labels: { app: 'app' }, annotations }, spec: { serviceAccountName: 'app', container: [{ name: 'app', image: 'app' }], ...spec } },
    },
  });
}

const CASES: RuleCase[] = [
  {
    id: 'K8S-1', name: 'egress deny-all on a Dataplane V2 cluster', address: DENY,
    fails: (t) => { secureCluster(t.platform); denyEgress(t); },
    passes: (t) => { secureCluster(t.platform); denyEgress(t, METADATA_80); },
  },
  {
    id: 'K8S-1', name: 'Dataplane V2 endpoint allowed on a legacy-datapath cluster', address: DENY,
    fails: (t) => { secureCluster(t.platform, { datapathProvider: 'LEGACY_DATAPATH' }); denyEgress(t, METADATA_80); },
    passes: (t) => { secureCluster(t.platform, { datapathProvider: 'LEGACY_DATAPATH' }); denyEgress(t, METADATA_988); },
  },
  {
    id: 'K8S-1', name: 'only the port-988 endpoint allowed on a Dataplane V2 cluster, whose policies see 169.254.169.254:80', address: DENY,
    fails: (t) => { secureCluster(t.platform); denyEgress(t, METADATA_988); },
    passes: (t) => { secureCluster(t.platform); denyEgress(t, { to: [...METADATA_988.to, ...METADATA_80.to], ports: [...METADATA_988.ports, ...METADATA_80.ports] }); },
  },
  {
    id: 'K8S-2', name: 'Istio sidecar without the metadata exclusion', address: DEPLOYMENT,
    fails: (t) => deployment(t, { 'sidecar.istio.io/inject': 'true' }),
    passes: (t) => deployment(t, { 'sidecar.istio.io/inject': 'true', 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '169.254.169.254/32' }),
  },
  {
    id: 'K8S-2', name: 'injected namespace, Cloud Service Mesh exclusion list without the metadata server', address: DEPLOYMENT,
    fails: (t) => {
      new NamespaceV1(t.workloads, 'ns', { metadata: { name: 'default', labels: { 'istio-injection': 'enabled' } } });
      deployment(t, { 'cloud.google.com/enableManagedCerts': 'true', 'cloud.google.com/excludeOutboundCIDRs': '10.0.0.0/8' });
    },
    passes: (t) => {
      new NamespaceV1(t.workloads, 'ns', { metadata: { name: 'default', labels: { 'istio-injection': 'enabled' } } });
      deployment(t, { 'cloud.google.com/enableManagedCerts': 'true' });
    },
  },
  {
    id: 'K8S-3', name: 'Workload Identity nodeSelector on Autopilot', address: DEPLOYMENT,
    fails: (t) => {
      secureCluster(t.platform, { enableAutopilot: true, nodeConfig: undefined, removeDefaultNodePool: undefined, initialNodeCount: undefined });
      deployment(t, {}, { nodeSelector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' } });
    },
    passes: (t) => {
      secureCluster(t.platform, { enableAutopilot: true, nodeConfig: undefined, removeDefaultNodePool: undefined, initialNodeCount: undefined });
      deployment(t, {});
    },
  },
  {
    id: 'K8S-4', name: 'pod on the host network', address: 'kubernetes_pod_v1.agent',
    fails: (t) => new PodV1(t.workloads, 'agent', { metadata: { name: 'agent' }, spec: { hostNetwork: true, container: [{ name: 'a', image: 'a' }] } }),
    passes: (t) => new PodV1(t.workloads, 'agent', { metadata: { name: 'agent' }, spec: { container: [{ name: 'a', image: 'a' }] } }),
  },
];

describeRuleCases(CASES);

it('covers every Kubernetes rule', () => {
  expect(coveredIds(CASES)).toEqual(KUBERNETES_RULES.map((r) => r.id).sort());
});

it('warns only when the injected pod does not use an annotated KSA', () => {
  const findings = findingsFor((t) => new DeploymentV1(t.workloads, 'app', {
    metadata: { name: 'app' },
    spec: {
      selector: { matchLabels: { app: 'app' } },
      template: { metadata: { labels: { app: 'app' }, annotations: { 'sidecar.istio.io/inject': 'true' } }, spec: { container: [{ name: 'a', image: 'a' }] } },
    },
  }));
  expect(findingsAt(findings, 'K8S-2', DEPLOYMENT).map((f) => f.severity)).toEqual([SecuritySeverity.WARNING]);
});

it('accepts a wide CIDR that contains the metadata server and does not flag other namespaces', () => {
  const findings = findingsFor((t) => {
    secureCluster(t.platform);
    denyEgress(t, { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] });
  });
  expect(findingsAt(findings, 'K8S-1', DENY)).toEqual([]);
  const otherNamespace = findingsFor((t) => { secureCluster(t.platform); denyEgress(t, METADATA_80, 'payments'); });
  expect(findingsAt(otherNamespace, 'K8S-1', DENY)).toHaveLength(1);
});
