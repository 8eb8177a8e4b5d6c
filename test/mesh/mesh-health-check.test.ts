import { TerraformStack } from 'cdktf';
import { MeshHealthCheck, MeshHealthCheckProps, WorkloadIdentityCluster } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';
import { project } from './fixtures';

function healthCheckIn(stack: TerraformStack, props: Partial<MeshHealthCheckProps> = {}): MeshHealthCheck {
  return new MeshHealthCheck(stack, 'hc', {
    project, name: 'td-gke-health-check', applicationPort: 8000, firewall: { targetTags: ['allow-health-checks'] }, ...props,
  });
}

describe('MeshHealthCheck', () => {
  it('probes the serving port without setting a port, as the guide\'s --use-serving-port', () => {
    const { stack } = newStack('traffic');
    healthCheckIn(stack);
    expect(onlyResource(synth(stack), 'google_compute_health_check')).toEqual({
      project: 'demo-proj', name: 'td-gke-health-check', http_health_check: { port_specification: 'USE_SERVING_PORT' },
    });
  });
  it('lets Google\'s health checkers reach the tagged nodes on the serving port only', () => {
    const { stack } = newStack('traffic');
    const hc = healthCheckIn(stack, { firewall: { name: 'fw-allow-health-checks', targetTags: ['allow-health-checks'] } });
    expect(onlyResource(synth(stack), 'google_compute_firewall')).toEqual({
      project: 'demo-proj',
      name: 'fw-allow-health-checks',
      network: 'default',
      direction: 'INGRESS',
      source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
      target_tags: ['allow-health-checks'],
      allow: [{ protocol: 'tcp', ports: ['8000'] }],
      description: 'Google Cloud health checkers to td-gke-health-check on port 8000',
    });
    expect(hc.probedPort).toBe(8000);
  });
  it('probes a separate health port with USE_FIXED_PORT and opens only that port', () => {
    const { stack } = newStack('traffic');
    healthCheckIn(stack, { port: 8081, requestPath: '/healthz', firewall: { targetTags: ['mesh-nodes'], network: 'prod-vpc' } });
    const json = synth(stack);
    expect(onlyResource(json, 'google_compute_health_check').http_health_check).toEqual({
      port_specification: 'USE_FIXED_PORT', port: 8081, request_path: '/healthz',
    });
    expect(onlyResource(json, 'google_compute_firewall')).toMatchObject({
      name: 'td-gke-health-check-fw', network: 'prod-vpc', target_tags: ['mesh-nodes'], allow: [{ protocol: 'tcp', ports: ['8081'] }],
    });
  });
  it('targets the network tags of node pools', () => {
    const { stack } = newStack('platform');
    const cluster = new WorkloadIdentityCluster(stack, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1' });
    const a = cluster.addNodePool('a', { networkTags: ['allow-health-checks', 'pool-a'] });
    const b = cluster.addNodePool('b', { networkTags: ['allow-health-checks'] });
    const hc = healthCheckIn(stack, { firewall: { nodePools: [a, b], targetTags: ['extra'] } });
    expect(hc.targetTags).toEqual(['allow-health-checks', 'pool-a', 'extra']);
  });
});

describe('MeshHealthCheck bad input', () => {
  it('refuses a health-check port equal to the application port (the security policy would reject the probes)', () => {
    const { stack } = newStack('traffic');
    expect(() => healthCheckIn(stack, { port: 8000 })).toThrow(
      'traffic/hc: invalid port 8000: must differ from the application port 8000: Envoy intercepts that port and the service\'s security policy would reject the plaintext probes');
  });
  it('refuses a rule without target tags, which would open every instance of the network', () => {
    const { stack } = newStack('traffic');
    expect(() => healthCheckIn(stack, { firewall: {} })).toThrow('traffic/hc: invalid firewall {}: needs nodePools or targetTags');
  });
  it('refuses a node pool without network tags, naming the pool', () => {
    const { stack } = newStack('platform');
    const cluster = new WorkloadIdentityCluster(stack, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1' });
    const pool = cluster.addNodePool('untagged');
    expect(() => healthCheckIn(stack, { firewall: { nodePools: [pool] } })).toThrow(
      'platform/hc: invalid firewall.nodePools[0] "platform/cluster/untagged": has no network tags; give the pool networkTags');
  });
  const cases: [string, Partial<MeshHealthCheckProps>, string][] = [
    ['an invalid name', { name: 'TD_hc' }, 'traffic/hc: invalid name "TD_hc": must be 1-63 characters'],
    ['an invalid port', { port: 65536 }, 'traffic/hc: invalid port 65536: must be a port number'],
    ['a relative request path', { requestPath: 'healthz' }, 'traffic/hc: invalid requestPath "healthz": must be a URL path such as / or /headers'],
    ['an invalid tag', { firewall: { targetTags: ['Allow'] } }, 'traffic/hc: invalid firewall.targetTags[0] "Allow": must be 1-63 characters'],
    ['an invalid firewall name', { firewall: { name: 'fw_x', targetTags: ['a'] } }, 'traffic/hc: invalid firewall.name "fw_x"'],
  ];
  it.each(cases)('refuses %s', (_name, props, message) => {
    const { stack } = newStack('traffic');
    expect(() => healthCheckIn(stack, props)).toThrow(message);
  });
});
