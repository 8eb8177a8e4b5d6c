import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { Labels } from '@cdktf/provider-kubernetes/lib/labels';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformVariable } from 'cdktf';
import { MeshSidecarInjection, SecurityChecks, SecurityFinding, SecuritySeverity } from '../../lib';
import { PLAN_STABILITY_RULES } from '../../lib/checks/rules-plan-stability';
import { platformAndWorkloads } from '../identity/fixtures';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, RuleCase, secureCluster, securePool, TestApp } from './fixtures';

const GKE_ANNOTATIONS = ['^cloud\\.google\\.com/neg-status$', '^cloud\\.google\\.com/neg$'];
const NEG = { 'cloud.google.com/neg': '{"exposed_ports":{"80":{"name":"service-test-neg"}}}' };

function provider(t: TestApp): KubernetesProvider {
  return t.workloads.node.findChild('kubernetes') as KubernetesProvider;
}

function job(t: TestApp, ttlSecondsAfterFinished?: string): void {
  new JobV1(t.workloads, 'check', {
    metadata: { name: 'check', namespace: 'default' },
    spec: { ttlSecondsAfterFinished, template: { metadata: {}, spec: { restartPolicy: 'Never', container: [{ name: 'check', image: 'curlimages/curl:8.11.1' }] } } },
  });
}

function service(t: TestApp, annotations?: Record<string, string>, ignoreChanges?: string[]): void {
  new ServiceV1(t.workloads, 'svc', {
    metadata: { name: 'service-test', namespace: 'default', annotations },
    spec: { selector: { app: 'app1' }, port: [{ port: 80, targetPort: '8000' }] },
    lifecycle: ignoreChanges ? { ignoreChanges } : undefined,
  });
}

function labelledNamespace(t: TestApp, namespaceLabels?: Record<string, string>, ignoreChanges?: string[]): void {
  new NamespaceV1(t.workloads, 'ns', { metadata: { name: 'payments', labels: namespaceLabels }, lifecycle: ignoreChanges ? { ignoreChanges } : undefined });
  new Labels(t.workloads, 'injection', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' }, labels: { 'istio-injection': 'enabled' } });
}

const CASES: RuleCase[] = [
  {
    id: 'PLAN-1', name: 'a Job with a time to live', address: 'kubernetes_job_v1.check',
    fails: (t) => job(t, '3600'),
    passes: (t) => job(t),
  },
  {
    id: 'PLAN-2', name: 'a NEG Service through a provider that keeps neg-status', address: 'kubernetes_service_v1.svc',
    fails: (t) => service(t, NEG),
    passes: (t) => {
      provider(t).ignoreAnnotations = GKE_ANNOTATIONS;
      service(t, NEG);
    },
  },
  {
    id: 'PLAN-2', name: 'a NEG Service that ignores its annotations', address: 'kubernetes_service_v1.svc',
    fails: (t) => service(t, NEG, ['metadata[0].labels']),
    passes: (t) => service(t, NEG, ['metadata[0].annotations']),
  },
  {
    id: 'PLAN-2', name: 'a Service without NEG annotation through a provider that keeps the one GKE adds', address: 'kubernetes_service_v1.svc',
    severity: SecuritySeverity.WARNING,
    fails: (t) => {
      provider(t).ignoreAnnotations = ['^cloud\\.google\\.com/neg-status$'];
      service(t);
    },
    passes: (t) => {
      provider(t).ignoreAnnotations = GKE_ANNOTATIONS;
      service(t);
    },
  },
  {
    id: 'PLAN-3', name: 'a namespace labelled by a second resource', address: 'kubernetes_namespace_v1.ns',
    fails: (t) => labelledNamespace(t, { team: 'payments' }),
    passes: (t) => labelledNamespace(t, { 'team': 'payments', 'istio-injection': 'enabled' }),
  },
  {
    id: 'PLAN-3', name: 'a namespace that ignores its labels', address: 'kubernetes_namespace_v1.ns',
    fails: (t) => labelledNamespace(t, undefined, ['metadata[0].annotations']),
    passes: (t) => labelledNamespace(t, undefined, ['metadata[0].labels']),
  },
  {
    id: 'PLAN-3', name: 'a provider that ignores the label', address: 'kubernetes_namespace_v1.ns',
    fails: (t) => {
      provider(t).ignoreLabels = ['^istio\\.io/'];
      labelledNamespace(t);
    },
    passes: (t) => {
      provider(t).ignoreLabels = ['^istio-injection$'];
      labelledNamespace(t);
    },
  },
  {
    id: 'PLAN-4', name: 'an autoscaled pool with node_count', address: 'google_container_node_pool.pool',
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeCount: 2, autoscaling: { minNodeCount: 1, maxNodeCount: 3 } }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform), {
      nodeCount: undefined, initialNodeCount: 1, autoscaling: { minNodeCount: 1, maxNodeCount: 3 }, lifecycle: { ignoreChanges: ['initial_node_count'] },
    }),
  },
  {
    id: 'PLAN-4', name: 'an autoscaled pool that ignores node_count', address: 'google_container_node_pool.pool',
    fails: (t) => securePool(t.platform, secureCluster(t.platform), { nodeCount: 2, autoscaling: { minNodeCount: 1, maxNodeCount: 3 } }),
    passes: (t) => securePool(t.platform, secureCluster(t.platform), { nodeCount: 2, autoscaling: { minNodeCount: 1, maxNodeCount: 3 }, lifecycle: { ignoreChanges: ['node_count'] } }),
  },
];

describeRuleCases(CASES);

it('covers every plan-stability rule', () => {
  expect(coveredIds(CASES)).toEqual(PLAN_STABILITY_RULES.map((r) => r.id).sort());
});

describe('PLAN-2 with values unknown at synth', () => {
  it('passes a provider whose ignore_annotations are known only at apply time', () => {
    const findings = findingsFor((t) => {
      const ignored = new TerraformVariable(t.workloads, 'ignored', { type: 'list(string)' });
      provider(t).ignoreAnnotations = ignored.listValue;
      service(t, NEG);
    });
    expect(findingsAt(findings, 'PLAN-2', 'kubernetes_service_v1.svc')).toEqual([]);
  });
  it('reads the provider a Service names by alias, not the default one', () => {
    const findings = findingsFor((t) => {
      provider(t).ignoreAnnotations = GKE_ANNOTATIONS;
      const other = new KubernetesProvider(t.workloads, 'other', { alias: 'other' });
      new ServiceV1(t.workloads, 'svc', {
        provider: other,
        metadata: { name: 'service-test', namespace: 'default', annotations: NEG },
        spec: { selector: { app: 'app1' }, port: [{ port: 80, targetPort: '8000' }] },
      });
    });
    expect(findingsAt(findings, 'PLAN-2', 'kubernetes_service_v1.svc').map((f) => f.severity)).toEqual([SecuritySeverity.ERROR]);
  });
});

describe('plan stability of the library\'s own constructs', () => {
  function injectedNamespace(namespaceLabels?: Record<string, string>): SecurityFinding[] {
    const { app, workloads, cluster } = platformAndWorkloads();
    cluster.addWorkloadIdentity(workloads, 'server', { namespace: 'payments', name: 'server', createNamespace: true, namespaceLabels });
    new MeshSidecarInjection(workloads, 'injection', { namespace: 'payments' });
    SecurityChecks.applyTo(app);
    return SecurityChecks.findingsOf(app).filter((f) => f.ruleId.startsWith('PLAN-'));
  }
  it('reports a namespace an identity creates and MeshSidecarInjection labels (PLAN-3)', () => {
    expect(injectedNamespace().map((f) => [f.ruleId, f.constructPath])).toEqual([['PLAN-3', 'workloads/server/Namespace']]);
  });
  it('passes when the namespace carries the injection label itself', () => {
    expect(injectedNamespace({ 'istio-injection': 'enabled' })).toEqual([]);
  });
});
