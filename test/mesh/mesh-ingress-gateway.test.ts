import { MeshIngressGateway, MeshIngressGatewayProps, SecureMeshService } from '../../lib';
import { onlyResource, resourcesOf, synth } from '../helpers';
import { CLIENT_SPIFFE, meshWorld, MeshWorld, paymentsService } from './fixtures';

function gatewayAndService(world: MeshWorld, props: Partial<MeshIngressGatewayProps> = {}): { gateway: MeshIngressGateway; service: SecureMeshService } {
  const service = paymentsService(world, { resourceNames: { backendService: 'td-gke-service' } });
  const gateway = new MeshIngressGateway(world.traffic, 'gateway', {
    mesh: world.mesh, name: 'td-gke-gateway', scope: 'gateway-proxy', hostname: 'mesh-gateway', port: 8080,
    routeTo: service, identity: world.client, serverTlsPolicyName: 'server-tls-policy', routeName: 'td-gke-route', ...props,
  });
  return { gateway, service };
}

function gatewayIn(world: MeshWorld, props: Partial<MeshIngressGatewayProps> = {}): MeshIngressGateway {
  return gatewayAndService(world, props).gateway;
}

describe('MeshIngressGateway', () => {
  const world = meshWorld();
  const gateway = gatewayIn(world);
  const json = synth(world.traffic, true);

  it('terminates TLS with a server TLS policy without client validation', () => {
    const policy = resourcesOf(json, 'google_network_security_server_tls_policy').find((p) => p.name === 'server-tls-policy');
    expect(policy).toEqual({
      project: 'demo-proj', name: 'server-tls-policy', location: 'global', allow_open: false,
      description: 'TLS termination at gateway td-gke-gateway with its GKE mesh certificate',
      server_certificate: { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } },
    });
  });
  it('creates the OPEN_MESH gateway td-gke-gateway with its scope, port and policy by id', () => {
    expect(onlyResource(json, 'google_network_services_gateway')).toEqual({
      project: 'demo-proj', name: 'td-gke-gateway', location: 'global', type: 'OPEN_MESH', scope: 'gateway-proxy', ports: [8080],
      server_tls_policy: '${google_network_security_server_tls_policy.gateway_ServerTlsPolicy_517E60EF.id}',
    });
  });
  it('routes mesh-gateway on the gateway to the service\'s backend by id', () => {
    const route = resourcesOf(json, 'google_network_services_http_route').find((r) => r.name === 'td-gke-route');
    expect(route).toEqual({
      project: 'demo-proj', name: 'td-gke-route', hostnames: ['mesh-gateway'],
      gateways: ['${google_network_services_gateway.gateway_B15F83BA.id}'],
      rules: [{ action: { destinations: [{ service_name: '${google_compute_backend_service.service-test_BackendService_AAF13093.id}' }] } }],
    });
  });
  it('exposes the identity its proxies run as', () => {
    expect(gateway.principal.spiffeId).toBe(CLIENT_SPIFFE);
    expect(gateway.scope).toBe('gateway-proxy');
  });
});

describe('MeshIngressGateway and the service\'s authorization', () => {
  it('admits the gateway\'s principal with the gateway\'s host, merged into the client\'s rule as in the guide', () => {
    const world = meshWorld();
    const { gateway, service } = gatewayAndService(world);
    service.allow(world.client.principal, { methods: ['GET'] });
    service.allowGateway(gateway, { methods: ['GET'] });
    expect(service.authorizationPolicy?.rules).toEqual([
      { principals: [CLIENT_SPIFFE], hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'], headerMatch: undefined },
    ]);
  });
});

describe('MeshIngressGateway defaults and bad input', () => {
  it('derives scope and names from the gateway name', () => {
    const world = meshWorld();
    const gateway = gatewayIn(world, { name: 'edge', scope: undefined, serverTlsPolicyName: undefined, routeName: undefined });
    const json = synth(world.traffic);
    expect(gateway.scope).toBe('edge-proxy');
    expect(onlyResource(json, 'google_network_services_gateway').scope).toBe('edge-proxy');
    expect(resourcesOf(json, 'google_network_security_server_tls_policy').map((p) => p.name)).toContain('edge-server-tls');
    expect(resourcesOf(json, 'google_network_services_http_route').map((r) => r.name)).toContain('edge-route');
  });
  it.each([
    ['a scope with an underscore', { scope: 'gateway_proxy' }, 'invalid scope "gateway_proxy": must be 1-64 letters, digits and hyphens'],
    ['an invalid host name', { hostname: 'Mesh Gateway' }, 'invalid hostname "Mesh Gateway": must be a host name'],
    ['an invalid port', { port: 0 }, 'invalid port 0: must be a port number'],
    ['an invalid name', { name: 'TD' }, 'invalid name "TD": must be 1-63 characters'],
    ['an invalid route name', { routeName: 'r_1' }, 'invalid routeName "r_1"'],
  ])('refuses %s', (_name, props, message) => {
    const world = meshWorld();
    expect(() => gatewayIn(world, props as never)).toThrow(`traffic/gateway: ${message}`);
  });
  it('reports a gateway whose names another mesh member uses', () => {
    const world = meshWorld();
    gatewayIn(world, { routeName: 'service-test-route' });
    expect(world.mesh.node.validate()).toEqual([
      'traffic/gateway: HTTP route name "service-test-route" is already used by traffic/service-test in mesh sidecar-mesh; give each service its own',
    ]);
  });
});
