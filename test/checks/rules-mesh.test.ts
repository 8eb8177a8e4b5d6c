import { ComputeBackendService, ComputeBackendServiceConfig } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { NetworkSecurityServerTlsPolicy, NetworkSecurityServerTlsPolicyConfig } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { NetworkServicesEndpointPolicy } from '@cdktf/provider-google/lib/network-services-endpoint-policy';
import { NetworkServicesGateway } from '@cdktf/provider-google/lib/network-services-gateway';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { SecuritySeverity } from '../../lib';
import { MESH_RULES } from '../../lib/checks/rules-mesh';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, RuleCase, secureCluster, TestApp } from './fixtures';
import { meshCerts } from './pki-fixtures';

const SPIFFE = { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } };
const SERVER = 'google_network_security_server_tls_policy.server';
const BACKEND = 'google_compute_backend_service.backend';

function serverPolicy(t: TestApp, overrides: Partial<NetworkSecurityServerTlsPolicyConfig> = {}, id = 'server'): NetworkSecurityServerTlsPolicy {
  return new NetworkSecurityServerTlsPolicy(t.platform, id, {
    name: id, location: 'global', serverCertificate: SPIFFE, mtlsPolicy: { clientValidationCa: [SPIFFE] }, ...overrides,
  });
}

/** The guide's service: mTLS endpoint policy on port 8000, a health check, a mesh backend service. */
function service(t: TestApp, options: { healthPort?: number; backend?: Partial<ComputeBackendServiceConfig>; endpointPolicy?: boolean } = {}): void {
  const server = serverPolicy(t);
  if (options.endpointPolicy ?? true) {
    new NetworkServicesEndpointPolicy(t.platform, 'ep', {
      name: 'ep', type: 'SIDECAR_PROXY', serverTlsPolicy: server.id, trafficPortSelector: { ports: ['8000'] },
      endpointMatcher: { metadataLabelMatcher: { metadataLabelMatchCriteria: 'MATCH_ALL', metadataLabels: [{ labelName: 'app', labelValue: 'payments' }] } },
    });
  }
  const check = new ComputeHealthCheck(t.platform, 'health', {
    name: 'td-gke-health-check',
    httpHealthCheck: options.healthPort === undefined ? { portSpecification: 'USE_SERVING_PORT' } : { port: options.healthPort },
  });
  const client = new NetworkSecurityClientTlsPolicy(t.platform, 'client', { name: 'client-mtls-policy', clientCertificate: SPIFFE, serverValidationCa: [SPIFFE] });
  new ComputeBackendService(t.platform, 'backend', {
    name: 'td-gke-service', loadBalancingScheme: 'INTERNAL_SELF_MANAGED', healthChecks: [check.id],
    securitySettings: { clientTlsPolicy: `//networksecurity.googleapis.com/${client.id}`, subjectAltNames: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/server'] },
    ...options.backend,
  });
}

function authorize(t: TestApp, principal: string): void {
  secureCluster(t.platform);
  new GoogleBetaProvider(t.platform, 'google-beta', { project: 'demo-proj' });
  new GoogleNetworkSecurityAuthorizationPolicy(t.platform, 'authz', {
    name: 'authz-policy', action: 'ALLOW',
    rules: [{ sources: [{ principals: [principal] }], destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] }],
  });
}

const CASES: RuleCase[] = [
  {
    id: 'MESH-1', name: 'mesh certificates off under WorkloadCertificateConfig', address: 'google_container_cluster.cluster',
    fails: (t) => meshCerts(t, { meshCertificates: false }),
    passes: (t) => meshCerts(t, { meshCertificates: true }),
  },
  {
    id: 'MESH-1', name: 'mesh certificates off under spiffe TLS policies', address: 'google_container_cluster.cluster',
    fails: (t) => { secureCluster(t.platform, { meshCertificates: { enableCertificates: false } }); serverPolicy(t); },
    passes: (t) => { secureCluster(t.platform, { meshCertificates: { enableCertificates: true } }); serverPolicy(t); },
  },
  {
    id: 'MESH-2', name: 'health check on the mTLS application port', address: 'google_compute_health_check.health',
    fails: (t) => service(t, { healthPort: 8000 }),
    passes: (t) => service(t, { healthPort: 8080 }),
  },
  {
    id: 'MESH-3', name: 'plaintext allowed', address: SERVER,
    fails: (t) => serverPolicy(t, { allowOpen: true }),
    passes: (t) => serverPolicy(t, { allowOpen: false }),
  },
  {
    id: 'MESH-4', name: 'server TLS without client validation', address: SERVER,
    fails: (t) => serverPolicy(t, { mtlsPolicy: undefined }),
    passes: (t) => serverPolicy(t),
  },
  {
    id: 'MESH-5', name: 'mesh backend without client TLS while endpoints require mTLS', address: BACKEND,
    fails: (t) => service(t, { backend: { securitySettings: undefined } }),
    passes: (t) => service(t),
  },
  {
    id: 'MESH-5', name: 'mesh backend without client TLS (plaintext mesh)', address: BACKEND, severity: SecuritySeverity.WARNING,
    fails: (t) => service(t, { backend: { securitySettings: undefined }, endpointPolicy: false }),
    passes: (t) => service(t, { endpointPolicy: false }),
  },
  {
    id: 'MESH-5', name: 'security settings on the default EXTERNAL scheme', address: BACKEND,
    fails: (t) => service(t, { backend: { loadBalancingScheme: undefined } }),
    passes: (t) => service(t, { backend: { loadBalancingScheme: 'INTERNAL_SELF_MANAGED' } }),
  },
  {
    id: 'MESH-6', name: 'client TLS without subject alt names', address: BACKEND,
    fails: (t) => service(t, { backend: { securitySettings: { clientTlsPolicy: 'projects/demo-proj/locations/global/clientTlsPolicies/client-mtls-policy' } } }),
    passes: (t) => service(t),
  },
  {
    id: 'MESH-7', name: 'principal of another trust domain', address: 'google_network_security_authorization_policy.authz',
    fails: (t) => authorize(t, 'spiffe://other-proj.svc.id.goog/ns/default/sa/client'),
    passes: (t) => authorize(t, 'spiffe://demo-proj.svc.id.goog/ns/default/sa/client'),
  },
  {
    id: 'MESH-7', name: 'principal that is not a SPIFFE id', address: 'google_network_security_authorization_policy.authz',
    fails: (t) => authorize(t, 'serviceAccount:demo-proj.svc.id.goog[default/client]'),
    passes: (t) => authorize(t, 'spiffe://demo-proj.svc.id.goog/ns/default/*'),
  },
];

describeRuleCases(CASES);

it('covers every mesh rule', () => {
  expect(coveredIds(CASES)).toEqual(MESH_RULES.map((r) => r.id).sort());
});

it('accepts TLS without client validation on an ingress gateway', () => {
  const findings = findingsFor((t) => {
    const policy = serverPolicy(t, { mtlsPolicy: undefined });
    new NetworkServicesGateway(t.platform, 'gateway', { name: 'td-gke-gateway', scope: 'gateway-proxy', ports: [8080], type: 'OPEN_MESH', serverTlsPolicy: policy.id });
  });
  expect(findingsAt(findings, 'MESH-4', SERVER)).toEqual([]);
});

it('reads health checks named by a literal id', () => {
  const findings = findingsFor((t) => service(t, {
    healthPort: 8000, backend: { healthChecks: ['projects/demo-proj/global/healthChecks/td-gke-health-check'] },
  }));
  expect(findingsAt(findings, 'MESH-2', 'google_compute_health_check.health')).toHaveLength(1);
});
