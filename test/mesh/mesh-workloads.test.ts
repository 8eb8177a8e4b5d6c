import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import {
  AdoptedWorkloadIdentityCluster, MeshDemoClient, MeshGatewayProxy, MeshSidecarInjection, MeshWorkloadProps, WorkloadIdentityAutopilotCluster,
} from '../../lib';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';
import { meshWorld, paymentsWorkload, project } from './fixtures';

type Json = Record<string, unknown>;
const dig = (value: unknown, ...path: string[]): unknown => path.reduce((v, key) => (v as Json | undefined)?.[key], value);

describe('MeshWorkload', () => {
  const world = meshWorld();
  const injection = new MeshSidecarInjection(world.workloads, 'injection', { namespace: 'default' });
  const workload = paymentsWorkload(world, { injection, env: { HTTP_PORT: '8000' }, replicas: 2 });
  const json = synth(world.workloads);
  const deployment = onlyResource(json, 'kubernetes_deployment_v1');
  const pod = dig(deployment, 'spec', 'template') as Json;

  it('runs the server pods as the server KSA with the guide\'s mesh annotations', () => {
    expect(deployment.metadata).toEqual({ name: 'app1', namespace: 'default', labels: { app: 'app1' } });
    expect(pod.metadata).toEqual({
      labels: { app: 'app1' },
      annotations: {
        'cloud.google.com/proxyMetadata': '{"app":"payments"}',
        'cloud.google.com/enableManagedCerts': 'true',
        'cloud.google.com/includeInboundPorts': '8000',
      },
    });
    expect(dig(pod, 'spec', 'service_account_name')).toBe('demo-server');
    expect(dig(deployment, 'spec', 'replicas')).toBe('2');
  });
  it('follows the identity\'s pod settings: no token mount, GKE metadata server nodes, default seccomp', () => {
    expect(dig(pod, 'spec', 'automount_service_account_token')).toBe(false);
    expect(dig(pod, 'spec', 'node_selector')).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true' });
    expect(dig(pod, 'spec', 'security_context')).toEqual({ seccomp_profile: { type: 'RuntimeDefault' } });
  });
  it('declares the application container on the intercepted port', () => {
    expect(dig(pod, 'spec', 'container')).toEqual([{
      name: 'app', image: 'registry.example/echo:1', env: [{ name: 'HTTP_PORT', value: '8000' }],
      port: [{ name: 'http', container_port: 8000 }], security_context: { allow_privilege_escalation: false },
    }]);
  });
  it('waits for the KSA and the namespace\'s sidecar injection', () => {
    const dependsOn = deployment.depends_on as string[];
    expect(dependsOn[0]).toMatch(/^kubernetes_labels\.injection_/);
    expect(dependsOn).toContainEqual(expect.stringMatching(/^kubernetes_service_account_v1\.server_/));
  });
  it('exposes service-test:80 to the pods\' port 8000 with the NEG annotation naming service-test-neg', () => {
    expect(onlyResource(json, 'kubernetes_service_v1')).toMatchObject({
      metadata: { name: 'service-test', namespace: 'default', annotations: { 'cloud.google.com/neg': '{"exposed_ports":{"80":{"name":"service-test-neg"}}}' } },
      spec: { type: 'ClusterIP', selector: { app: 'app1' }, port: [{ name: 'http', port: 80, target_port: '8000', protocol: 'TCP' }] },
    });
  });
  it('is the one source of the values its mesh service reads', () => {
    expect([workload.serviceName, workload.servicePort, workload.negName, workload.port]).toEqual(['service-test', 80, 'service-test-neg', 8000]);
    expect(workload.proxyMetadata).toEqual({ app: 'payments' });
    expect(workload.principal.spiffeId).toBe('spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-server');
  });
  it('writes proxy metadata with sorted keys, whatever the order given', () => {
    const other = meshWorld();
    paymentsWorkload(other, { proxyMetadata: { version: 'v1', app: 'payments' } });
    const annotations = dig(onlyResource(synth(other.workloads), 'kubernetes_deployment_v1'), 'spec', 'template', 'metadata', 'annotations') as Json;
    expect(annotations['cloud.google.com/proxyMetadata']).toBe('{"app":"payments","version":"v1"}');
  });
  it('declares a separate health port that Envoy does not intercept', () => {
    const other = meshWorld();
    paymentsWorkload(other, { healthCheckPort: 8081, name: undefined });
    const deploymentJson = onlyResource(synth(other.workloads), 'kubernetes_deployment_v1');
    expect(dig(deploymentJson, 'metadata', 'name')).toBe('payments');
    expect(dig(deploymentJson, 'spec', 'template', 'metadata', 'annotations', 'cloud.google.com/includeInboundPorts')).toBe('8000');
    const container = (dig(deploymentJson, 'spec', 'template', 'spec', 'container') as Json[])[0];
    expect(container.port).toEqual([{ name: 'http', container_port: 8000 }, { name: 'health', container_port: 8081 }]);
  });
});

describe('MeshWorkload bad input', () => {
  // One world for the refusals: each case builds its workload under its own construct id.
  const world = meshWorld();
  const cases: [string, Partial<MeshWorkloadProps>, string][] = [
    ['a health port equal to the application port', { healthCheckPort: 8000 }, 'invalid healthCheckPort 8000: must differ from the application port'],
    ['no proxy metadata', { proxyMetadata: {} }, 'invalid proxyMetadata {}: must name at least one label'],
    ['an empty label value', { proxyMetadata: { app: '' } }, 'invalid proxyMetadata.app "": label names and values must be non-empty strings'],
    ['an invalid port', { port: 0 }, 'invalid port 0: must be a port number'],
    ['negative replicas', { replicas: -1 }, 'invalid replicas -1: must be a whole number of at least 0'],
    ['an invalid name', { name: 'App1' }, 'invalid name "App1": must be a DNS-1123 label'],
    ['an invalid NEG name', { service: { negName: 'service_neg' } }, 'invalid service.negName "service_neg": must be 1-63 characters'],
  ];
  it.each(cases.map(([name, props, message], i) => [name, props, message, `w${i}`] as const))('refuses %s', (_name, props, message, id) => {
    expect(() => paymentsWorkload(world, props, id)).toThrow(`workloads/${id}: ${message}`);
  });
  it('refuses the sidecar injection of another namespace', () => {
    const injection = new MeshSidecarInjection(world.workloads, 'injection', { namespace: 'payments' });
    expect(() => paymentsWorkload(world, { injection }, 'other-namespace')).toThrow(
      'workloads/other-namespace: invalid injection "workloads/injection": enables sidecars in namespace "payments", but the pods run in the identity\'s namespace "default" (workloads/server). Fix: pass the MeshSidecarInjection of namespace "default"');
  });
});

describe('MeshSidecarInjection', () => {
  it('labels the existing namespace istio-injection=enabled, after the injector\'s installation', () => {
    const { stack } = newStack('workloads');
    const installer = new TerraformResource(stack, 'td_injector', { terraformResourceType: 'helm_release' });
    const injection = new MeshSidecarInjection(stack, 'injection', { namespace: 'default', injectorInstalledBy: [installer] });
    expect(onlyResource(synth(stack), 'kubernetes_labels')).toEqual({
      api_version: 'v1', kind: 'Namespace', metadata: { name: 'default' }, labels: { 'istio-injection': 'enabled' },
      depends_on: ['helm_release.td_injector'],
    });
    expect(injection.namespace).toBe('default');
  });
  it('refuses an invalid namespace', () => {
    const { stack } = newStack('workloads');
    expect(() => new MeshSidecarInjection(stack, 'injection', { namespace: 'Default' }))
      .toThrow('workloads/injection: invalid namespace "Default": must be a DNS-1123 label');
  });
});

describe('MeshDemoClient', () => {
  it('runs the guide\'s busybox client (run=client) as the client KSA with mesh certificates', () => {
    const world = meshWorld();
    new MeshDemoClient(world.workloads, 'client-app', { identity: world.client });
    const deployment = onlyResource(synth(world.workloads), 'kubernetes_deployment_v1');
    expect(deployment.metadata).toEqual({ name: 'client', namespace: 'default', labels: { run: 'client' } });
    expect(dig(deployment, 'spec', 'template', 'metadata')).toEqual({
      labels: { run: 'client' }, annotations: { 'cloud.google.com/enableManagedCerts': 'true' },
    });
    expect(dig(deployment, 'spec', 'template', 'spec', 'service_account_name')).toBe('demo-client');
    expect(dig(deployment, 'spec', 'template', 'spec', 'container')).toEqual([{
      name: 'busybox', image: 'busybox:1.36', command: ['sleep', '365d'], security_context: { allow_privilege_escalation: false },
    }]);
  });
  it('refuses an invalid name', () => {
    const world = meshWorld();
    expect(() => new MeshDemoClient(world.workloads, 'client-app', { identity: world.client, name: 'Client' }))
      .toThrow('workloads/client-app: invalid name "Client": must be a DNS-1123 label');
  });
});

describe('MeshGatewayProxy', () => {
  const world = meshWorld();
  new MeshGatewayProxy(world.workloads, 'gateway-proxy', { project, identity: world.client, name: 'mesh-gateway', scope: 'gateway-proxy', port: 8080 });
  const json = synth(world.workloads);
  const deployment = onlyResource(json, 'kubernetes_deployment_v1');
  const spec = dig(deployment, 'spec', 'template', 'spec') as Json;

  it('runs Envoy alone (no sidecar injection) as the client KSA', () => {
    expect(dig(deployment, 'spec', 'template', 'metadata', 'annotations')).toEqual({ 'sidecar.istio.io/inject': 'false' });
    expect(spec.service_account_name).toBe('demo-client');
    expect((spec.container as Json[]).map((c) => [c.name, c.image])).toEqual([['envoy', 'envoyproxy/envoy:v1.31.2']]);
  });
  it('mounts the gke-workload-certificates CSI volume where Envoy reads mesh certificates', () => {
    expect(spec.volume).toEqual([
      { name: 'envoy-bootstrap', empty_dir: {} },
      { name: 'gke-workload-certificates', csi: { driver: 'workloadcertificates.security.cloud.google.com' } },
    ]);
    expect((spec.container as Json[])[0].volume_mount).toEqual([
      { name: 'envoy-bootstrap', mount_path: '/etc/envoy', read_only: true },
      { name: 'gke-workload-certificates', mount_path: '/var/run/secrets/workload-spiffe-credentials', read_only: true },
    ]);
  });
  it('writes the bootstrap as Google\'s injector template does for managed certificates, for the gateway scope and port', () => {
    expect(((spec.init_container as Json[])[0])).toMatchObject({
      name: 'td-bootstrap-writer', image: 'gcr.io/trafficdirector-prod/xds-client-bootstrap-generator',
    });
    expect(((spec.init_container as Json[])[0]).args).toEqual([
      '--project_number=123456789012', '--network_name=default', '--scope_name=gateway-proxy', '--envoy_port=8080',
      '--bootstrap_file_output_path=/var/lib/data/envoy.yaml', '--traffic_director_url=trafficdirector.googleapis.com:443',
      '--use_workload_certificates', '--envoy_admin_port=15000',
    ]);
  });
  it('names the network of the identity\'s cluster, or the one given', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const cluster = new WorkloadIdentityAutopilotCluster(platform, 'cluster', {
      project, name: 'autopilot', location: 'us-east1', network: 'projects/demo-proj/global/networks/mesh-vpc',
    });
    const identity = cluster.addWorkloadIdentity(workloads, 'gw', { namespace: 'default', name: 'gateway' });
    new MeshGatewayProxy(workloads, 'proxy', { project, identity, name: 'mesh-gateway', scope: 'gateway-proxy', port: 8080 });
    new MeshGatewayProxy(workloads, 'proxy2', { project, identity, name: 'mesh-gateway-2', scope: 'gateway-proxy', port: 8080, network: 'shared' });
    expect(() => new MeshGatewayProxy(workloads, 'proxy3', { project, identity, name: 'mesh-gateway-3', scope: 'gateway-proxy', port: 8080, network: 'Bad_Net' }))
      .toThrow('workloads/proxy3: invalid network "Bad_Net"');
    const networkArgs = resourcesOf(synth(workloads), 'kubernetes_deployment_v1').map((d) =>
      [dig(d, 'metadata', 'name'), ((dig(d, 'spec', 'template', 'spec', 'init_container') as Json[])[0].args as string[]).filter((a) => a.startsWith('--network_name='))]);
    expect(networkArgs).toEqual(expect.arrayContaining([['mesh-gateway', ['--network_name=mesh-vpc']], ['mesh-gateway-2', ['--network_name=shared']]]));
    expect(networkArgs).toHaveLength(2);
  });
  it('needs the network of a cluster whose network the app does not write', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const cluster = new AdoptedWorkloadIdentityCluster(platform, 'cluster', { project, name: 'existing', location: 'us-east1', dataplaneV2: true });
    const identity = cluster.addWorkloadIdentity(workloads, 'gw', { namespace: 'default', name: 'gateway' });
    expect(() => new MeshGatewayProxy(workloads, 'proxy', { project, identity, name: 'mesh-gateway', scope: 'gateway-proxy', port: 8080 })).toThrow(
      'workloads/proxy: invalid network undefined: is required: the app does not write the network of cluster platform/cluster (an adopted cluster); ' +
      'give its VPC network name, such as "default"');
  });
  it('exposes mesh-gateway:443 inside the cluster to Envoy\'s 8080', () => {
    expect(onlyResource(json, 'kubernetes_service_v1')).toMatchObject({
      metadata: { name: 'mesh-gateway', namespace: 'default' },
      spec: { type: 'ClusterIP', selector: { app: 'mesh-gateway' }, port: [{ name: 'https', port: 443, target_port: '8080', protocol: 'TCP' }] },
    });
  });
  it('omits the metadata server node selector on Autopilot', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'autopilot-platform');
    const workloads = new TerraformStack(app, 'autopilot-workloads');
    const cluster = new WorkloadIdentityAutopilotCluster(platform, 'cluster', { project, name: 'autopilot', location: 'us-east1' });
    const identity = cluster.addWorkloadIdentity(workloads, 'gw', { namespace: 'default', name: 'gateway' });
    new MeshGatewayProxy(workloads, 'proxy', { project, identity, name: 'mesh-gateway', scope: 'gateway-proxy', port: 8080 });
    expect(resourcesOf(synth(workloads), 'kubernetes_deployment_v1').map((d) => dig(d, 'spec', 'template', 'spec', 'node_selector'))).toEqual([undefined]);
  });
  it('refuses a name that cannot be a Service name', () => {
    const other = meshWorld();
    expect(() => new MeshGatewayProxy(other.workloads, 'proxy', { project, identity: other.client, name: 'mesh.gateway', scope: 'gateway-proxy', port: 8080 }))
      .toThrow('workloads/proxy: invalid name "mesh.gateway": must be a DNS-1123 label');
  });
});
