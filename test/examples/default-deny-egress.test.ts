import { Testing } from 'cdktf';
import { BlueprintTesting } from '../../lib';
import { buildApp } from '../../examples/default-deny-egress/app';

interface Policy { metadata: { name: string }; spec: { pod_selector: unknown; policy_types: string[]; egress?: { to: { ip_block?: { cidr: string } }[]; ports: { port: string }[] }[] }; depends_on?: string[] }

/** Guide 000's default-deny egress namespace, as the example synthesises it. */
describe('example default-deny-egress', () => {
  const app = Testing.app();
  buildApp(app);
  const workloads = BlueprintTesting.synthStacks(app).workloads as { resource: { [type: string]: { [name: string]: unknown } } };
  const policies = Object.values(workloads.resource.kubernetes_network_policy_v1) as Policy[];
  const named = (name: string) => policies.find((p) => p.metadata.name === name)!;

  it('denies all egress of the namespace by default', () => {
    const deny = named('default-deny-egress');
    expect(deny.spec.policy_types).toEqual(['Egress']);
    expect(deny.spec.egress).toBeUndefined();
    expect(deny.spec.pod_selector).toEqual({});
  });

  it('lets every pod of the namespace reach the GKE metadata server', () => {
    const allowed = named('allow-gke-metadata-server').spec.egress!.map((rule) => `${rule.to[0].ip_block!.cidr}:${rule.ports[0].port}`);
    expect(allowed).toEqual(['169.254.169.252/32:988', '169.254.169.254/32:80']);
    expect(named('allow-gke-metadata-server').depends_on).toContain('kubernetes_namespace_v1.payments_Namespace_F21FEBCE');
  });

  it('pulls every image from a Google registry, since the cluster has no Cloud NAT', () => {
    const text = JSON.stringify(workloads);
    const images = [...text.matchAll(/"image":"([^"]+)"/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) expect(image).toMatch(/^(gcr\.io|[a-z0-9-]+-docker\.pkg\.dev)\//);
    expect(JSON.stringify(BlueprintTesting.synthStacks(app).platform)).not.toContain('google_compute_router_nat');
  });
});
