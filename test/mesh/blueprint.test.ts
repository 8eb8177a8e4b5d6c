import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildApp } from '../../examples/secure-mesh/app';
import { StackJson } from '../helpers';

/** The secure-mesh blueprint synthesised as `cdktf synth` does it: the whole app, validations included. */
describe('examples/secure-mesh blueprint', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-mesh-'));
  const app = new App({ outdir, skipValidation: false });
  buildApp(app);
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { dependencies: string[]; synthesizedStackPath: string }>;
  };
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8')) as StackJson;
  const names = (json: StackJson, type: string) => Object.values(json.resource?.[type] ?? {}).map((r) => r.name ?? (r.metadata as { name: string }).name);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('deploys platform, then workloads, then traffic', () => {
    expect(Object.keys(manifest.stacks).sort()).toEqual(['platform', 'traffic', 'workloads']);
    expect(manifest.stacks.platform.dependencies).toEqual([]);
    expect(manifest.stacks.workloads.dependencies).toEqual(['platform']);
    expect([...manifest.stacks.traffic.dependencies].sort()).toEqual(['platform', 'workloads']);
  });
  it('passes no Terraform value between stacks: every cross-stack value is a literal known at synth time', () => {
    const names = Object.keys(manifest.stacks);
    expect(names.filter((name) => Object.keys(stack(name).data ?? {}).includes('terraform_remote_state'))).toEqual([]);
    const crossStackOutputs = names.flatMap((name) => Object.keys(stack(name).output ?? {})).filter((output) => output.startsWith('cross-stack-output'));
    expect(crossStackOutputs).toEqual([]);
  });
  it('creates the guide\'s platform: cluster, mesh and client mTLS policy', () => {
    const platform = stack('platform');
    expect(names(platform, 'google_container_cluster')).toEqual(['secure-td-cluster']);
    expect(names(platform, 'google_network_services_mesh')).toEqual(['sidecar-mesh']);
    expect(names(platform, 'google_network_security_client_tls_policy')).toEqual(['client-mtls-policy']);
    expect(names(platform, 'google_privateca_ca_pool').sort()).toEqual(['td-ca-pool', 'td-sec-pool']);
  });
  it('creates the guide\'s workloads: KSAs, server behind service-test, client, gateway Envoy', () => {
    const workloads = stack('workloads');
    expect(names(workloads, 'kubernetes_service_account_v1').sort()).toEqual(['demo-client', 'demo-server']);
    expect(names(workloads, 'kubernetes_deployment_v1').sort()).toEqual(['app1', 'client', 'mesh-gateway']);
    expect(names(workloads, 'kubernetes_service_v1').sort()).toEqual(['mesh-gateway', 'service-test']);
    expect(Object.values(workloads.resource!.google_project_iam_member).map((m) => m.role)).toEqual(['roles/trafficdirector.client']);
  });
  it('creates the guide\'s traffic objects with its names', () => {
    const traffic = stack('traffic');
    expect(names(traffic, 'google_compute_backend_service')).toEqual(['td-gke-service']);
    expect(names(traffic, 'google_compute_health_check')).toEqual(['td-gke-health-check']);
    expect(names(traffic, 'google_compute_firewall')).toEqual(['fw-allow-health-checks']);
    expect(names(traffic, 'google_network_services_endpoint_policy')).toEqual(['ep']);
    expect(names(traffic, 'google_network_security_authorization_policy')).toEqual(['authz-policy']);
    expect(names(traffic, 'google_network_security_server_tls_policy').sort()).toEqual(['server-mtls-policy', 'server-tls-policy']);
    expect(names(traffic, 'google_network_services_http_route').sort()).toEqual(['helloworld-http-route', 'td-gke-route']);
    expect(names(traffic, 'google_network_services_gateway')).toEqual(['td-gke-gateway']);
    expect(Object.values(traffic.data!.google_compute_network_endpoint_group).map((d) => d.zone)).toEqual(['us-east1-b', 'us-east1-c', 'us-east1-d']);
  });
  it('writes the guide\'s final authz-policy: the client may GET service-test and mesh-gateway on port 8000', () => {
    const policy = Object.values(stack('traffic').resource!.google_network_security_authorization_policy)[0];
    expect(policy.rules).toEqual([{
      sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-client'] }],
      destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
    }]);
  });
});
