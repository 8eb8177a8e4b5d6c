import { TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  MeshWorkload, MetadataLabelMatch, SecureMeshService, SecureMeshServiceProps, ServiceMesh, WorkloadIdentityAutopilotCluster, WorkloadPrincipal,
} from '../../lib';
import { onlyResource, resourcesOf, synth } from '../helpers';
import { CLIENT_SPIFFE, meshWorld, paymentsService, paymentsWorkload, project, SERVER_SPIFFE } from './fixtures';

const SPIFFE_PLUGIN = { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } };

describe('SecureMeshService with the guide\'s names', () => {
  const world = meshWorld();
  const service = paymentsService(world, {
    healthCheck: { name: 'td-gke-health-check' },
    healthCheckFirewall: { name: 'fw-allow-health-checks', nodePools: [world.nodes] },
    resourceNames: {
      serverTlsPolicy: 'server-mtls-policy', authorizationPolicy: 'authz-policy', endpointPolicy: 'ep',
      backendService: 'td-gke-service', httpRoute: 'helloworld-http-route',
    },
  });
  service.allow(world.client.principal, { methods: ['GET'] });
  const json = synth(world.traffic, true);

  it('creates the server mTLS policy on GKE mesh certificates, plaintext refused', () => {
    expect(onlyResource(json, 'google_network_security_server_tls_policy')).toMatchObject({
      project: 'demo-proj', name: 'server-mtls-policy', location: 'global', allow_open: false,
      server_certificate: SPIFFE_PLUGIN, mtls_policy: { client_validation_ca: [SPIFFE_PLUGIN] },
    });
  });
  it('creates the endpoint policy for the app=payments sidecars, referencing both policies by id', () => {
    expect(onlyResource(json, 'google_network_services_endpoint_policy')).toEqual({
      project: 'demo-proj',
      name: 'ep',
      type: 'SIDECAR_PROXY',
      endpoint_matcher: {
        metadata_label_matcher: { metadata_label_match_criteria: 'MATCH_ALL', metadata_labels: [{ label_name: 'app', label_value: 'payments' }] },
      },
      server_tls_policy: '${google_network_security_server_tls_policy.service-test_ServerTlsPolicy_B8205DAE.id}',
      authorization_policy: '${google_network_security_authorization_policy.service-test_AuthorizationPolicy_922A0084.id}',
    });
  });
  it('creates the guide\'s authz-policy: the client may GET service-test on port 8000', () => {
    expect(onlyResource(json, 'google_network_security_authorization_policy')).toMatchObject({
      name: 'authz-policy', action: 'ALLOW',
      rules: [{ sources: [{ principals: [CLIENT_SPIFFE] }], destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] }],
    });
  });
  it('checks the serving port and lets the health checkers reach the node pool\'s tag', () => {
    expect(onlyResource(json, 'google_compute_health_check')).toMatchObject({
      name: 'td-gke-health-check', http_health_check: { port_specification: 'USE_SERVING_PORT' },
    });
    expect(onlyResource(json, 'google_compute_firewall')).toMatchObject({
      name: 'fw-allow-health-checks', target_tags: ['allow-health-checks'], allow: [{ protocol: 'tcp', ports: ['8000'] }],
    });
  });
  it('backs td-gke-service with the NEGs, mesh client mTLS and the server\'s SPIFFE id', () => {
    const backend = onlyResource(json, 'google_compute_backend_service');
    expect(backend).toMatchObject({
      name: 'td-gke-service',
      load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
      health_checks: ['${google_compute_health_check.service-test_HealthCheck_6A112A70.id}'],
      security_settings: {
        client_tls_policy: '//networksecurity.googleapis.com/projects/demo-proj/locations/global/clientTlsPolicies/sidecar-mesh-client-mtls',
        subject_alt_names: [SERVER_SPIFFE],
      },
    });
    expect((backend.backend as { group: string }[]).map((b) => b.group)).toEqual([
      '${data.google_compute_network_endpoint_group.service-test_BackendService_Neg-us-east1-b_AEF43C90.self_link}',
      '${data.google_compute_network_endpoint_group.service-test_BackendService_Neg-us-east1-c_FA0D48B9.self_link}',
    ]);
    expect(Object.values(json.data!.google_compute_network_endpoint_group).map((d) => d.name)).toEqual(['service-test-neg', 'service-test-neg']);
  });
  it('routes service-test on the mesh to the backend service by id', () => {
    expect(onlyResource(json, 'google_network_services_http_route')).toEqual({
      project: 'demo-proj',
      name: 'helloworld-http-route',
      hostnames: ['service-test'],
      meshes: ['projects/demo-proj/locations/global/meshes/sidecar-mesh'],
      rules: [{ action: { destinations: [{ service_name: '${google_compute_backend_service.service-test_BackendService_AAF13093.id}' }] } }],
    });
    expect(service.backendServiceId).toBe('projects/demo-proj/global/backendServices/td-gke-service');
  });
  it('deploys after the platform (mesh) and the workloads (NEGs)', () => {
    expect(world.traffic.dependencies.map((s) => s.node.id).sort()).toEqual(['platform', 'workloads']);
  });
  it('takes its host name, port, server, labels and NEG from the workload', () => {
    expect(service.hostnames).toEqual(['service-test']);
    expect(service.port).toBe(8000);
    expect(service.server.spiffeId).toBe(SERVER_SPIFFE);
  });
});

describe('SecureMeshService defaults and options', () => {
  it('attaches no authorization policy without rules, and derives names from its own', () => {
    const world = meshWorld();
    const service = paymentsService(world, { name: 'payments' });
    const json = synth(world.traffic);
    expect(resourcesOf(json, 'google_network_security_authorization_policy')).toEqual([]);
    expect(onlyResource(json, 'google_network_services_endpoint_policy').authorization_policy).toBeUndefined();
    expect(service.authorizationPolicy).toBeUndefined();
    const names = ['google_network_security_server_tls_policy', 'google_network_services_endpoint_policy', 'google_compute_backend_service',
      'google_network_services_http_route', 'google_compute_health_check', 'google_compute_firewall'].map((t) => onlyResource(json, t).name);
    expect(names).toEqual(['payments-server-mtls', 'payments-ep', 'payments-backend', 'payments-route', 'payments-hc', 'payments-hc-fw']);
  });
  it('denies every request with denyAll: a DENY policy without rules', () => {
    const world = meshWorld();
    const service = paymentsService(world);
    service.denyAll();
    service.denyAll();
    const policy = onlyResource(synth(world.traffic), 'google_network_security_authorization_policy');
    expect(policy).toMatchObject({ name: 'service-test-authz', action: 'DENY' });
    expect(policy.rules).toBeUndefined();
  });
  it('refuses allow after denyAll and denyAll after allow', () => {
    const world = meshWorld();
    const denied = paymentsService(world);
    denied.denyAll();
    expect(() => denied.allow(world.client.principal, { methods: ['GET'] })).toThrow(
      'traffic/service-test: invalid allow() "DENY": cannot be combined with denyAll()');
    const other = meshWorld();
    const allowed = paymentsService(other);
    allowed.allow(other.client.principal, { methods: ['GET'] });
    expect(() => allowed.denyAll()).toThrow('traffic/service-test: invalid denyAll() "ALLOW": cannot be combined with denyAll()');
  });
  it('allows explicit hosts, ports and headers', () => {
    const world = meshWorld();
    const service = paymentsService(world);
    service.allow(world.client.principal, { methods: ['GET', 'POST'], hosts: ['payments.internal'], ports: [8000], headerMatch: { headerName: 'x-team', regexMatch: 'a' } });
    expect(service.authorizationPolicy?.rules).toEqual([{
      principals: [CLIENT_SPIFFE], hosts: ['payments.internal'], ports: [8000], methods: ['GET', 'POST'],
      headerMatch: { headerName: 'x-team', regexMatch: 'a' },
    }]);
  });
  it('accepts plaintext only with allowOpen, and reports it', () => {
    const world = meshWorld();
    const service = paymentsService(world, { allowOpen: true });
    expect(onlyResource(synth(world.traffic), 'google_network_security_server_tls_policy').allow_open).toBe(true);
    const warnings = service.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual(['traffic/service-test: allowOpen: the endpoints also accept plaintext requests, which carry no client identity']);
  });
  it('probes the workload\'s health check port with a fixed port', () => {
    const world = meshWorld();
    paymentsService(world, {}, paymentsWorkload(world, { healthCheckPort: 8081 }));
    const json = synth(world.traffic);
    expect(onlyResource(json, 'google_compute_health_check').http_health_check).toEqual({ port_specification: 'USE_FIXED_PORT', port: 8081 });
    expect(onlyResource(json, 'google_compute_firewall').allow).toEqual([{ protocol: 'tcp', ports: ['8081'] }]);
  });
  it('matches MATCH_ANY when asked', () => {
    const world = meshWorld();
    paymentsService(world, { endpointLabels: { app: 'payments', tier: 'gold' }, labelMatch: MetadataLabelMatch.MATCH_ANY });
    const matcher = (onlyResource(synth(world.traffic), 'google_network_services_endpoint_policy').endpoint_matcher as Record<string, unknown>);
    expect(matcher.metadata_label_matcher).toEqual({
      metadata_label_match_criteria: 'MATCH_ANY',
      metadata_labels: [{ label_name: 'app', label_value: 'payments' }, { label_name: 'tier', label_value: 'gold' }],
    });
  });
  it('works without a workload when everything is given, and refers to a mesh in its own stack by Terraform id', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'mesh');
    new GoogleProvider(stack, 'google', {});
    new GoogleBetaProvider(stack, 'google-beta', {});
    const mesh = new ServiceMesh(stack, 'mesh', { project, name: 'sidecar-mesh' });
    new SecureMeshService(stack, 'svc', {
      mesh, hostnames: ['service-test'], port: 8000, endpointLabels: { app: 'payments' },
      server: new WorkloadPrincipal({ project, namespace: 'default', serviceAccountName: 'demo-server' }),
      neg: { negName: 'service-test-neg', zones: ['us-east1-b'] }, healthCheckFirewall: { targetTags: ['allow-health-checks'] },
    });
    const json = synth(stack, true);
    expect(onlyResource(json, 'google_network_services_http_route').meshes).toEqual(['${google_network_services_mesh.mesh_ACDFE68E.id}']);
    expect((onlyResource(json, 'google_compute_backend_service').security_settings as Record<string, unknown>).client_tls_policy)
      .toBe('//networksecurity.googleapis.com/${google_network_security_client_tls_policy.mesh_ClientTlsPolicy_88F225ED.id}');
    expect(stack.dependencies).toEqual([]);
  });
});

describe('SecureMeshService health-check firewall targets', () => {
  it('targets every node pool of the workload\'s cluster, on the cluster\'s network, by default', () => {
    const world = meshWorld();
    world.cluster.addNodePool('batch', { networkTags: ['batch-nodes'] });
    const service = paymentsService(world, { healthCheckFirewall: undefined });
    expect(service.healthCheck.targetTags).toEqual(['allow-health-checks', 'batch-nodes']);
    expect(onlyResource(synth(world.traffic), 'google_compute_firewall')).toMatchObject({ network: 'default', target_tags: ['allow-health-checks', 'batch-nodes'] });
  });
  it('refuses a cluster pool without network tags, naming it', () => {
    const world = meshWorld();
    world.cluster.addNodePool('untagged');
    expect(() => paymentsService(world, { healthCheckFirewall: { name: 'fw-allow-health-checks' } })).toThrow(
      'traffic/service-test: invalid healthCheckFirewall {"name":"fw-allow-health-checks"}: needs nodePools or targetTags: node pool platform/cluster/untagged');
  });
  it('refuses a cluster without node pools of this app (Autopilot, adopted), asking for targets', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const traffic = new TerraformStack(app, 'traffic');
    const cluster = new WorkloadIdentityAutopilotCluster(platform, 'cluster', { project, name: 'autopilot', location: 'us-east1' });
    const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'sidecar-mesh' });
    const identity = cluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server' });
    const workload = new MeshWorkload(workloads, 'payments', { identity, image: 'i', port: 8000, proxyMetadata: { app: 'payments' } });
    expect(() => new SecureMeshService(traffic, 'svc', { mesh, workload, neg: { zones: ['us-east1-b'] } })).toThrow(
      'traffic/svc: invalid healthCheckFirewall {}: needs nodePools or targetTags: the workload\'s cluster platform/cluster has no node pools');
  });
});

describe('SecureMeshService bad input', () => {
  it('needs a google-beta provider in its stack once it has an authorization policy', () => {
    const world = meshWorld({ betaProvider: false });
    const service = paymentsService(world);
    expect(() => Testing.synth(world.traffic, true)).not.toThrow();
    service.allow(world.client.principal, { methods: ['GET'] });
    expect(() => Testing.synth(world.traffic, true)).toThrow(
      'traffic/service-test/AuthorizationPolicy: google_network_security_authorization_policy exists only in hashicorp/google-beta, ' +
      'and stack "traffic" has no google-beta provider');
  });
  it('binds its authorization policy to the betaProvider it is given', () => {
    const world = meshWorld();
    const west = new GoogleBetaProvider(world.traffic, 'beta-west', { alias: 'west', project: project.id });
    const service = paymentsService(world, { betaProvider: west }, undefined, 'west-service');
    service.denyAll();
    const policy = onlyResource(synth(world.traffic, true), 'google_network_security_authorization_policy');
    expect(policy.provider).toBe('google-beta.west');
  });
  it('refuses a betaProvider that is not google-beta', () => {
    const world = meshWorld();
    const google = world.traffic.node.findChild('google') as TerraformProvider;
    expect(() => paymentsService(world, { betaProvider: google }, undefined, 'bad-beta')).toThrow(
      'traffic/bad-beta: invalid betaProvider "traffic/google": google_network_security_authorization_policy exists only in hashicorp/google-beta');
  });
  // One world for the refusals: each case builds its service under its own construct id.
  const world = meshWorld();
  const workload = paymentsWorkload(world);
  const withHealthPort = paymentsWorkload(world, { healthCheckPort: 8081 }, 'health-port');
  let n = 0;
  const refused = (props: Partial<SecureMeshServiceProps>, from = workload) => {
    const id = `svc${++n}`;
    return { id, build: () => paymentsService(world, props, from, id) };
  };

  it.each([
    ['port', { port: 9000 }, 'invalid port 9000: does not match the workload\'s 8000; leave it out to take it from the workload'],
    ['neg.negName', { neg: { negName: 'other-neg', zones: ['us-east1-b'] } }, 'invalid neg.negName "other-neg": does not match the workload\'s "service-test-neg"'],
    ['server', { server: new WorkloadPrincipal({ project, namespace: 'default', serviceAccountName: 'other' }) },
      'invalid server "spiffe://demo-proj.svc.id.goog/ns/default/sa/other": is not the workload\'s service account'],
    ['endpointLabels', { endpointLabels: { app: 'billing' } },
      'invalid endpointLabels {"app":"billing"}: do not select the workload\'s proxies (proxy metadata {"app":"payments"}, MATCH_ALL)'],
    ['endpointLabels under MATCH_ALL', { endpointLabels: { app: 'payments', tier: 'gold' } }, 'invalid endpointLabels {"app":"payments","tier":"gold"}: do not select'],
  ])('refuses a %s that disagrees with the workload', (_field, props, message) => {
    const { id, build } = refused(props as Partial<SecureMeshServiceProps>);
    expect(build).toThrow(`traffic/${id}: ${message}`);
  });
  it('refuses a health check port that disagrees with the workload\'s', () => {
    const { id, build } = refused({ healthCheck: { port: 9001 } }, withHealthPort);
    expect(build).toThrow(`traffic/${id}: invalid healthCheck.port 9001: does not match the workload\'s 8081`);
  });
  it.each(['hostnames', 'port', 'server', 'endpointLabels', 'neg.negName'])('requires %s without a workload', (field) => {
    const all: Record<string, unknown> = {
      mesh: world.mesh, healthCheckFirewall: { targetTags: ['t'] },
      hostnames: ['service-test'], port: 8000, endpointLabels: { app: 'payments' }, server: world.server.principal,
      neg: { negName: 'service-test-neg', zones: ['us-east1-b'] },
    };
    if (field === 'neg.negName') all.neg = { zones: ['us-east1-b'] };
    else delete all[field];
    const id = `bare-${field.replace(/[^a-z]/g, '')}`;
    expect(() => new SecureMeshService(world.traffic, id, all as unknown as SecureMeshServiceProps))
      .toThrow(`traffic/${id}: invalid ${field} undefined: is required when no workload is given`);
  });
  it('requires firewall targets without a workload', () => {
    expect(() => new SecureMeshService(world.traffic, 'bare-firewall', {
      mesh: world.mesh, hostnames: ['service-test'], port: 8000, endpointLabels: { app: 'payments' }, server: world.server.principal,
      neg: { negName: 'service-test-neg', zones: ['us-east1-b'] },
    })).toThrow('traffic/bare-firewall: invalid healthCheckFirewall {}: needs nodePools or targetTags when no workload is given');
  });
  it.each([
    ['empty host names', { hostnames: [] }, 'invalid hostnames []: must list at least one host name'],
    ['a host name with an underscore', { hostnames: ['service_test'] }, 'invalid hostnames[0] "service_test": must be a host name'],
    ['a host name twice', { hostnames: ['a', 'a'] }, 'invalid hostnames[1] "a": is listed twice'],
    ['no endpoint labels', { endpointLabels: {} }, 'invalid endpointLabels {}: must name at least one label: an endpoint policy without labels matches every proxy'],
    ['an invalid resource name', { resourceNames: { endpointPolicy: 'EP' } }, 'invalid resourceNames.endpointPolicy "EP": must be 1-63 characters'],
    ['an invalid base name', { name: 'Service' }, 'invalid name "Service": must be 1-63 characters'],
  ])('refuses %s', (_name, props, message) => {
    const { id, build } = refused(props as Partial<SecureMeshServiceProps>);
    expect(build).toThrow(`traffic/${id}: ${message}`);
  });
});
