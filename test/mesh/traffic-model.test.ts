import * as fc from 'fast-check';
import { MeshIngressGateway, MeshIngressGatewayProps, PathMatch, SecureMeshService } from '../../lib';
import { resourcesOf, synth } from '../helpers';
import { CLIENT_SPIFFE, meshWorld, MeshWorld, paymentsService, paymentsWorkload } from './fixtures';

function authorizationRules(world: MeshWorld): unknown[] {
  const policy = resourcesOf(synth(world.traffic), 'google_network_security_authorization_policy')[0];
  return policy.rules as unknown[];
}

describe('allow() with paths', () => {
  it('writes exact, prefix and regex paths as one :path header match of the rule', () => {
    const world = meshWorld();
    const service = paymentsService(world);
    service.allow(world.client, {
      methods: ['GET'],
      paths: [PathMatch.exact('/healthz'), PathMatch.prefix('/api/v1.0/'), PathMatch.regex('/orders/[0-9]+')],
    });
    expect(authorizationRules(world)).toEqual([{
      sources: [{ principals: [CLIENT_SPIFFE] }],
      destinations: [{
        hosts: ['service-test'], ports: [8000], methods: ['GET'],
        http_header_match: { header_name: ':path', regex_match: '^(?:/healthz|/api/v1\\.0/.*|(?:/orders/[0-9]+))(?:\\?.*)?$' },
      }],
    }]);
  });
  it('writes one path as its own anchored expression', () => {
    expect(PathMatch.exact('/a+b').headerRegex).toBe('^/a\\+b(?:\\?.*)?$');
    expect(PathMatch.prefix('/api/').headerRegex).toBe('^/api/.*(?:\\?.*)?$');
    expect(PathMatch.regex('/x|/y').headerRegex).toBe('^(?:/x|/y)(?:\\?.*)?$');
  });
  it('matches exactly the paths it names, with or without a query string (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9.+()*-]{1,8}$/);
    fc.assert(fc.property(segment, segment, fc.boolean(), (a, b, query) => {
      const path = `/${a}`;
      const other = `/${a}/${b}`;
      const suffix = query ? '?x=1' : '';
      const exact = new RegExp(PathMatch.exact(path).headerRegex);
      const prefix = new RegExp(PathMatch.prefix(`${path}/`).headerRegex);
      return exact.test(path + suffix) && !exact.test(other + suffix) && prefix.test(other + suffix) && !prefix.test(path + suffix);
    }));
  });
  it('keeps rules with different paths apart and merges same-path rules across hosts', () => {
    const world = meshWorld();
    const service = paymentsService(world);
    service.allow(world.client, { methods: ['GET'], paths: [PathMatch.prefix('/public/')] });
    service.allow(world.client, { methods: ['GET'], paths: [PathMatch.prefix('/public/')], hosts: ['payments.internal'] });
    service.allow(world.client, { methods: ['GET'], paths: [PathMatch.exact('/admin')] });
    expect(service.authorizationPolicy?.rules.map((r) => [r.hosts, r.headerMatch?.regexMatch])).toEqual([
      [['service-test', 'payments.internal'], '^/public/.*(?:\\?.*)?$'],
      [['service-test'], '^/admin(?:\\?.*)?$'],
    ]);
  });
  it('accepts a WorkloadIdentity as well as its principal, to the same rule', () => {
    const world = meshWorld();
    const service = paymentsService(world);
    service.allow(world.client, { methods: ['GET'] });
    service.allow(world.client.principal, { methods: ['GET'], hosts: ['payments.internal'] });
    expect(service.authorizationPolicy?.rules).toEqual([
      { principals: [CLIENT_SPIFFE], hosts: ['service-test', 'payments.internal'], ports: [8000], methods: ['GET'], headerMatch: undefined },
    ]);
  });
  it.each([
    [{ paths: [] }, /invalid paths \[\]: must list at least one path match/],
    [{ paths: [PathMatch.prefix('api/')] }, /invalid paths\[0\] "prefix api\/": must be a path starting with "\/"/],
    [{ paths: [PathMatch.exact('/a?b=1')] }, /invalid paths\[0\] "exact \/a\?b=1": must be a path .* without spaces, "\?" or "#"/],
    [{ paths: [PathMatch.regex('/a(')] }, /invalid paths\[0\] "regex \/a\(": must be a valid regular expression/],
    [{ paths: [PathMatch.regex('/(?!admin).*')] }, /uses lookaround or a backreference, which RE2/],
    [{ paths: [PathMatch.regex('^/a$')] }, /drop the anchors: PathMatch.regex\('\/a'\)/],
    [{ paths: [PathMatch.exact('/a'), PathMatch.exact('/a')] }, /invalid paths\[1\] "exact \/a": is listed twice/],
    [{ paths: [PathMatch.exact('/a')], headerMatch: { headerName: 'x-team', regexMatch: 'a' } }, /invalid headerMatch "x-team": cannot be combined with paths/],
  ])('refuses %#', (options, message) => {
    const world = meshWorld();
    const service = paymentsService(world);
    expect(() => service.allow(world.client, { methods: ['GET'], ...options })).toThrow(message);
  });
});

function twoServices(world: MeshWorld): { payments: SecureMeshService; orders: SecureMeshService } {
  const payments = paymentsService(world, { resourceNames: { backendService: 'payments-backend' } });
  const ordersWorkload = paymentsWorkload(world, {
    name: 'orders', proxyMetadata: { app: 'orders' }, service: { name: 'orders', negName: 'orders-neg' },
  }, 'orders-workload');
  const orders = paymentsService(world, { resourceNames: { backendService: 'orders-backend' } }, ordersWorkload, 'orders');
  return { payments, orders };
}

function gatewayIn(world: MeshWorld, props: Partial<MeshIngressGatewayProps>): MeshIngressGateway {
  return new MeshIngressGateway(world.traffic, 'gateway', {
    mesh: world.mesh, name: 'edge', hostname: 'mesh-gateway', port: 8080, identity: world.client, ...props,
  });
}

const backend = (name: string) => expect.stringMatching(new RegExp(`^\\$\\{google_compute_backend_service\\.${name}_BackendService_[0-9A-F]{8}\\.id\\}$`));

describe('MeshIngressGateway with several routes', () => {
  it('routes by host and path to two services, most specific rule first, one HTTPRoute per host set', () => {
    const world = meshWorld();
    const { payments, orders } = twoServices(world);
    const gateway = gatewayIn(world, {
      routeTo: payments,
      routes: [
        { service: orders, paths: [PathMatch.prefix('/orders/')] },
        { service: orders, paths: [PathMatch.exact('/orders/health'), PathMatch.regex('/o/[0-9]+')] },
        { service: orders, hostnames: ['orders.example.com', 'orders.internal'] },
      ],
    });
    gateway.addRoute({ service: payments, hostnames: ['orders.internal', 'orders.example.com'], paths: [PathMatch.prefix('/pay/')] });
    const routes = resourcesOf(synth(world.traffic), 'google_network_services_http_route')
      .filter((r) => (r.gateways as string[] | undefined) !== undefined)
      .sort((a, b) => (a.name === 'edge-route' ? -1 : b.name === 'edge-route' ? 1 : 0));
    expect(routes.map((r) => [r.name, r.hostnames])).toEqual([
      ['edge-route', ['mesh-gateway']],
      ['edge-orders-example-com', ['orders.example.com', 'orders.internal']],
    ]);
    expect(routes[0].rules).toEqual([
      { matches: [{ full_path_match: '/orders/health' }], action: { destinations: [{ service_name: backend('orders') }] } },
      { matches: [{ prefix_match: '/orders/' }], action: { destinations: [{ service_name: backend('orders') }] } },
      { matches: [{ regex_match: '/o/[0-9]+' }], action: { destinations: [{ service_name: backend('orders') }] } },
      { action: { destinations: [{ service_name: backend('service-test') }] } },
    ]);
    expect(routes[1].rules).toEqual([
      { matches: [{ prefix_match: '/pay/' }], action: { destinations: [{ service_name: backend('service-test') }] } },
      { action: { destinations: [{ service_name: backend('orders') }] } },
    ]);
    expect(gateway.hostnamesRoutingTo(orders)).toEqual(['mesh-gateway', 'orders.example.com', 'orders.internal']);
  });
  it('orders prefixes longest first', () => {
    const world = meshWorld();
    const { payments, orders } = twoServices(world);
    const gateway = gatewayIn(world, { routes: [{ service: payments, paths: [PathMatch.prefix('/a/')] }] });
    gateway.addRoute({ service: orders, paths: [PathMatch.prefix('/a/b/')] });
    const route = resourcesOf(synth(world.traffic), 'google_network_services_http_route').find((r) => r.name === 'edge-route')!;
    expect((route.rules as { matches: unknown[] }[]).map((r) => r.matches)).toEqual([[{ prefix_match: '/a/b/' }], [{ prefix_match: '/a/' }]]);
  });
  it('allowGateway admits the host names routed to the service', () => {
    const world = meshWorld();
    const { payments, orders } = twoServices(world);
    const gateway = gatewayIn(world, { routeTo: payments, routes: [{ service: orders, hostnames: ['orders.example.com'] }] });
    orders.allowGateway(gateway, { methods: ['GET'], paths: [PathMatch.prefix('/orders/')] });
    expect(orders.authorizationPolicy?.rules[0].hosts).toEqual(['orders.example.com']);
    expect(() => orders.allowGateway(gatewayIn(meshWorld(), { routeTo: paymentsService(meshWorld()) }), { methods: ['GET'] }))
      .toThrow(/invalid allowGateway\(\) "traffic\/gateway": routes nothing to this service yet/);
  });
  it.each([
    [{ routeTo: undefined, routes: undefined }, /invalid routeTo undefined: or routes must route the gateway's requests/],
    [{ routes: [{ service: 'payments', hostnames: [] }] }, /invalid routes.hostnames \[\]: must list at least one host name/],
    [{ routes: [{ service: 'payments', hostnames: ['Orders'] }] }, /invalid routes.hostnames\[0\] "Orders": must be a host name/],
    [{ routes: [{ service: 'payments', hostnames: ['mesh-gateway', 'other'] }] }, /invalid routes.hostnames \["mesh-gateway","other"\]: share mesh-gateway with the routes of mesh-gateway/],
    [{ routes: [{ service: 'orders' }] }, /invalid routes.paths "every path": of mesh-gateway is already routed to traffic\/service-test/],
    [{ routes: [{ service: 'orders', paths: [PathMatch.exact('/x')] }, { service: 'payments', paths: [PathMatch.exact('/x')] }] }, /"exact \/x": of mesh-gateway is already routed to traffic\/orders/],
  ])('refuses %#', (props, message) => {
    const world = meshWorld();
    const services = twoServices(world);
    const routes = (props.routes as { service: string }[] | undefined)?.map((r) => ({ ...r, service: services[r.service as 'payments' | 'orders'] }));
    expect(() => gatewayIn(world, { routeTo: services.payments, ...props, routes } as Partial<MeshIngressGatewayProps>)).toThrow(message);
  });
});
