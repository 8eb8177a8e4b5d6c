import { TerraformStack, TerraformVariable } from 'cdktf';
import { NegBackendService, NegBackendServiceProps } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';
import { project, SERVER_SPIFFE } from './fixtures';

const CLIENT_POLICY = '//networksecurity.googleapis.com/projects/demo-proj/locations/global/clientTlsPolicies/client-mtls-policy';

function backendIn(stack: TerraformStack, props: Partial<NegBackendServiceProps> = {}): NegBackendService {
  return new NegBackendService(stack, 'backend', {
    project,
    name: 'td-gke-service',
    negName: 'service-test-neg',
    zones: ['us-east1-b', 'us-east1-c'],
    healthCheck: 'projects/demo-proj/global/healthChecks/td-gke-health-check',
    clientTlsPolicy: CLIENT_POLICY,
    subjectAltNames: [SERVER_SPIFFE],
    ...props,
  });
}

describe('NegBackendService', () => {
  const { stack } = newStack('traffic');
  backendIn(stack);
  const json = synth(stack);

  it('reads one NEG per zone by name and zone', () => {
    expect(json.data?.google_compute_network_endpoint_group).toEqual({
      'backend_Neg-us-east1-b_8385D4ED': { project: 'demo-proj', name: 'service-test-neg', zone: 'us-east1-b' },
      'backend_Neg-us-east1-c_49FA9923': { project: 'demo-proj', name: 'service-test-neg', zone: 'us-east1-c' },
    });
  });
  it('is a global INTERNAL_SELF_MANAGED backend with one RATE backend per NEG self link', () => {
    expect(onlyResource(json, 'google_compute_backend_service')).toEqual({
      project: 'demo-proj',
      name: 'td-gke-service',
      load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
      protocol: 'HTTP',
      health_checks: ['projects/demo-proj/global/healthChecks/td-gke-health-check'],
      backend: [
        {
          group: '${data.google_compute_network_endpoint_group.backend_Neg-us-east1-b_8385D4ED.self_link}',
          balancing_mode: 'RATE', max_rate_per_endpoint: 5, capacity_scaler: 1,
        },
        {
          group: '${data.google_compute_network_endpoint_group.backend_Neg-us-east1-c_49FA9923.self_link}',
          balancing_mode: 'RATE', max_rate_per_endpoint: 5, capacity_scaler: 1,
        },
      ],
      security_settings: { client_tls_policy: CLIENT_POLICY, subject_alt_names: [SERVER_SPIFFE] },
    });
  });
  it('takes another rate per endpoint', () => {
    const other = newStack('traffic');
    backendIn(other.stack, { maxRatePerEndpoint: 50 });
    const backends = onlyResource(synth(other.stack), 'google_compute_backend_service').backend as { max_rate_per_endpoint: number }[];
    expect(backends.map((b) => b.max_rate_per_endpoint)).toEqual([50, 50]);
  });
});

describe('NegBackendService bad input', () => {
  const cases: [string, Partial<NegBackendServiceProps>, string][] = [
    ['no zones', { zones: [] }, 'traffic/backend: invalid zones []: must list the zones the pods run in (one NEG per zone)'],
    ['a region as zone', { zones: ['us-east1'] }, 'traffic/backend: invalid zones[0] "us-east1": must be a zone such as us-east1-b'],
    ['a zone twice', { zones: ['us-east1-b', 'us-east1-b'] }, 'traffic/backend: invalid zones[1] "us-east1-b": is listed twice'],
    ['a zero rate', { maxRatePerEndpoint: 0 }, 'traffic/backend: invalid maxRatePerEndpoint 0: must be a positive number of requests per second'],
    ['no subject alt names', { subjectAltNames: [] }, 'traffic/backend: invalid subjectAltNames []: must name the server identity'],
    ['an invalid NEG name', { negName: 'service_test' }, 'traffic/backend: invalid negName "service_test": must be 1-63 characters'],
    ['an invalid backend name', { name: 'TD' }, 'traffic/backend: invalid name "TD": must be 1-63 characters'],
  ];
  it.each(cases)('refuses %s', (_name, props, message) => {
    const { stack } = newStack('traffic');
    expect(() => backendIn(stack, props)).toThrow(message);
  });
  it('lets an unresolved zone through', () => {
    const { stack } = newStack('traffic');
    const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
    expect(() => backendIn(stack, { zones: [zone] })).not.toThrow();
  });
});
