import { TerraformStack, Testing } from 'cdktf';
import { BlueprintTesting } from '../../lib';
import { buildApp } from '../../examples/multi-cluster-mesh/app';
import { StackJson } from '../helpers';

type Resource = Record<string, unknown>;

describe('examples/multi-cluster-mesh', () => {
  const app = Testing.app();
  buildApp(app);
  const stacks = BlueprintTesting.synthStacks(app) as Record<string, StackJson>;
  const all = (stack: string, type: string) => Object.values(stacks[stack].resource?.[type] ?? {}) as Resource[];
  const named = (stack: string, type: string, name: string) => all(stack, type).find((r) => r.name === name);

  it('deploys platform, then workloads, then traffic, and passes no Terraform value between them', () => {
    expect(Object.keys(stacks).sort()).toEqual(['platform', 'traffic', 'workloads']);
    const stackIds = app.node.children.filter(TerraformStack.isStack);
    const dependencies = Object.fromEntries(stackIds.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id).sort()]));
    expect(dependencies).toEqual({ platform: [], workloads: ['platform'], traffic: ['platform', 'workloads'] });
    for (const json of Object.values(stacks)) expect(Object.keys(json.data ?? {})).not.toContain('terraform_remote_state');
  });
  it('creates two fleet clusters of one project with mesh certificates, on their subnetworks\' Pod ranges', () => {
    const clusters = all('platform', 'google_container_cluster');
    expect(clusters.map((c) => [c.name, c.fleet, c.mesh_certificates, c.ip_allocation_policy])).toEqual([
      ['cluster-a', { project: 'demo-proj' }, { enable_certificates: true },
        { cluster_secondary_range_name: 'cluster-a-pods', services_secondary_range_name: 'cluster-a-services' }],
      ['cluster-b', { project: 'demo-proj' }, { enable_certificates: true },
        { cluster_secondary_range_name: 'cluster-b-pods', services_secondary_range_name: 'cluster-b-services' }],
    ]);
    expect(all('platform', 'google_compute_subnetwork').map((s) => s.secondary_ip_range)).toEqual([
      [{ range_name: 'cluster-a-pods', ip_cidr_range: '10.4.0.0/14' }, { range_name: 'cluster-a-services', ip_cidr_range: '10.0.32.0/20' }],
      [{ range_name: 'cluster-b-pods', ip_cidr_range: '10.8.0.0/14' }, { range_name: 'cluster-b-services', ip_cidr_range: '10.0.48.0/20' }],
    ]);
  });
  it('admits each cluster\'s Pod range to the other cluster\'s nodes on the server port', () => {
    const rule = (name: string) => {
      const found = named('platform', 'google_compute_firewall', name)!;
      return [found.source_ranges, found.target_tags, found.allow, found.network];
    };
    expect(rule('per-cluster-a-pods')).toEqual([['10.4.0.0/14'], ['cluster-b-nodes'], [{ protocol: 'tcp', ports: ['8000'] }], '${google_compute_network.network.name}']);
    expect(rule('per-cluster-b-pods')).toEqual([['10.8.0.0/14'], ['cluster-a-nodes'], [{ protocol: 'tcp', ports: ['8000'] }], '${google_compute_network.network.name}']);
  });
  it('runs the server in cluster-b and the client in cluster-a, each with its cluster\'s certificates and injection', () => {
    const providerOf = (type: string) => Object.fromEntries(all('workloads', type).map((r) => [
      (r.metadata as { name: string }).name ?? r.name, r.provider,
    ]));
    expect(providerOf('kubernetes_deployment_v1')).toEqual({ app1: 'kubernetes.cluster-b', client: 'kubernetes.cluster-a' });
    expect(providerOf('kubernetes_service_account_v1')).toEqual({ 'demo-server': 'kubernetes.cluster-b', 'demo-client': 'kubernetes.cluster-a' });
    expect(all('workloads', 'kubernetes_labels').map((r) => r.provider)).toEqual(['kubernetes.cluster-a', 'kubernetes.cluster-b']);
    expect(all('workloads', 'kubernetes_manifest').map((r) => [(r.manifest as { kind: string }).kind, r.provider])).toEqual([
      ['TrustConfig', 'kubernetes.cluster-a'], ['WorkloadCertificateConfig', 'kubernetes.cluster-a'],
      ['TrustConfig', 'kubernetes.cluster-b'], ['WorkloadCertificateConfig', 'kubernetes.cluster-b'],
    ]);
  });
  it('serves the NEGs of the server cluster\'s zones, health-checks its nodes and admits the client', () => {
    const negs = Object.values(stacks.traffic.data!.google_compute_network_endpoint_group) as Resource[];
    expect(negs.map((n) => [n.name, n.zone])).toEqual([
      ['service-test-neg', 'us-east1-b'], ['service-test-neg', 'us-east1-c'], ['service-test-neg', 'us-east1-d'],
    ]);
    expect(named('traffic', 'google_compute_firewall', 'fw-allow-health-checks')).toMatchObject({
      network: 'mesh-network', target_tags: ['cluster-b-nodes'], allow: [{ protocol: 'tcp', ports: ['8000'] }],
    });
    const [policy] = all('traffic', 'google_network_security_authorization_policy');
    // One trust domain: the client in cluster-a is named by the same SPIFFE id it would have in cluster-b.
    expect(policy.rules).toEqual([{
      sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-client'] }],
      destinations: [{ hosts: ['service-test'], methods: ['GET'], ports: [8000] }],
    }]);
  });
});
