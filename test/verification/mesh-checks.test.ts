import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  MeshAuthorizationCheck, MeshAuthorizationCheckProps, MeshClientCheckOptions, MeshGatewayCheck, MeshGatewayCheckProps, MeshIngressGateway,
  MeshMtlsCheck, SecureMeshServiceProps, WorkloadIdentityCluster,
} from '../../lib';
import { httpScript } from '../../lib/verification/check-script';
import { synth } from '../helpers';
import { CLIENT_SPIFFE, meshWorld, paymentsService, project, SERVER_SPIFFE } from '../mesh/fixtures';
import { envOf, jobNamed, scriptOf } from './fixtures';
import { runCheck } from './script-harness';

const LABELS = { 'app.kubernetes.io/component': 'verification' };
const READY = 'GET http://127.0.0.1:15000/ready';
const QUIT = 'POST http://127.0.0.1:15000/quitquitquit';
const ECHO = `{"path":"/","headers":{"host":"service-test","x-forwarded-client-cert":"By=${SERVER_SPIFFE};Hash=3f2a;Subject=\\"\\";URI=${CLIENT_SPIFFE}"}}`;

/** The guide's mesh: service-test with a client allowed to GET (unless told otherwise) and the ingress gateway. */
function guideMesh(options: { allowClient?: boolean; service?: Partial<SecureMeshServiceProps> } = {}) {
  const world = meshWorld();
  const service = paymentsService(world, options.service);
  if (options.allowClient ?? true) service.allow(world.client.principal, { methods: ['GET'] });
  const gateway = new MeshIngressGateway(world.traffic, 'gateway', {
    mesh: world.mesh, hostname: 'mesh-gateway', port: 8080, routeTo: service, identity: world.client,
  });
  return { ...world, service, gateway };
}

type Mesh = ReturnType<typeof guideMesh>;
const mtls = (mesh: Mesh, props: Partial<MeshClientCheckOptions> = {}) =>
  new MeshMtlsCheck(mesh.traffic, 'mtls', { identity: mesh.client, service: mesh.service, ...props });
const authz = (mesh: Mesh, props: Partial<MeshAuthorizationCheckProps> = {}) =>
  new MeshAuthorizationCheck(mesh.traffic, 'authz', { identity: mesh.client, service: mesh.service, ...props });
const gatewayCheck = (mesh: Mesh, props: Partial<MeshGatewayCheckProps> = {}) =>
  new MeshGatewayCheck(mesh.traffic, 'gateway-check', { gateway: mesh.gateway, service: mesh.service, ...props });

const serviceDependencies = [
  expect.stringMatching(/^google_network_services_http_route\.service-test_HttpRoute_/),
  expect.stringMatching(/^google_network_services_endpoint_policy\.service-test_EndpointPolicy_/),
  expect.stringMatching(/^google_compute_backend_service\.service-test_BackendService_/),
];
const hardenedContainer = {
  resources: { requests: { cpu: '50m', memory: '32Mi' } },
  security_context: { allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } },
  termination_message_policy: 'FallbackToLogsOnError',
};

describe('MeshMtlsCheck', () => {
  it('GETs the service from a meshed pod running as the client, after the service\'s route and policies', () => {
    const mesh = guideMesh();
    const check = mtls(mesh, { name: 'mesh-mtls-check' });
    expect(jobNamed(synth(mesh.traffic), 'mesh-mtls-check')).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'mesh-mtls-check', namespace: 'default', labels: LABELS },
      depends_on: serviceDependencies,
      wait_for_completion: false,
      spec: {
        backoff_limit: 1,
        active_deadline_seconds: 600,
        template: {
          metadata: { labels: LABELS, annotations: { 'cloud.google.com/enableManagedCerts': 'true' } },
          spec: {
            restart_policy: 'Never',
            service_account_name: 'demo-client',
            automount_service_account_token: false,
            node_selector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' },
            security_context: { seccomp_profile: { type: 'RuntimeDefault' } },
            container: [{
              name: 'check',
              image: 'curlimages/curl:8.11.1',
              command: ['/bin/sh', '-c', httpScript({ expectedTexts: 3, sidecar: true, insecure: false })],
              env: [
                { name: 'CHECK_ATTEMPTS', value: '30' },
                { name: 'CHECK_INTERVAL_SECONDS', value: '10' },
                { name: 'REQUEST_METHOD', value: 'GET' },
                { name: 'REQUEST_URL', value: 'http://service-test/' },
                { name: 'EXPECTED_STATUS', value: '200' },
                { name: 'EXPECTED_TEXT_1', value: 'x-forwarded-client-cert' },
                { name: 'EXPECTED_TEXT_2', value: `By=${SERVER_SPIFFE}` },
                { name: 'EXPECTED_TEXT_3', value: `URI=${CLIENT_SPIFFE}` },
                { name: 'ENVOY_ADMIN_PORT', value: '15000' },
              ],
              ...hardenedContainer,
            }],
          },
        },
      },
    });
    expect(check.expectedTexts).toEqual(['x-forwarded-client-cert', `By=${SERVER_SPIFFE}`, `URI=${CLIENT_SPIFFE}`]);
    expect(check.node.validate()).toEqual([]);
    expect(mesh.traffic.dependencies.map((s) => s.node.id).sort()).toEqual(['platform', 'workloads']);
  });

  it('requests the host, port and path given, and waits for the sidecar on another admin port', () => {
    const mesh = guideMesh({ service: { hostnames: ['service-test', '*.payments.example'] } });
    mtls(mesh, { host: 'eu.payments.example', port: 8080, path: '/headers?full=1', envoyAdminPort: 15001 });
    expect(envOf(jobNamed(synth(mesh.traffic), 'mtls'))).toMatchObject({ REQUEST_URL: 'http://eu.payments.example:8080/headers?full=1', ENVOY_ADMIN_PORT: '15001' });
  });

  it('fails validation when the service\'s authorization policy refuses its GET', () => {
    const denied = guideMesh({ allowClient: false });
    denied.service.allow(denied.client.principal, { methods: ['POST'] });
    expect(mtls(denied).node.validate()).toEqual([
      `traffic/mtls: the check's GET would be refused with HTTP 403: no rule of service-test-authz allows GET from ${CLIENT_SPIFFE} to service-test ` +
      '(port 8000); allow it (service.allow) or check another identity']);
    const closed = guideMesh({ allowClient: false });
    closed.service.denyAll();
    expect(mtls(closed).node.validate()).toEqual([
      'traffic/mtls: the check\'s GET would be refused with HTTP 403: traffic/service-test denies every request (denyAll()); allow it (service.allow) or check another identity']);
  });

  it('passes validation when no policy is attached or only a header condition decides', () => {
    expect(mtls(guideMesh({ allowClient: false })).node.validate()).toEqual([]);
    const conditional = guideMesh({ allowClient: false });
    conditional.service.allow(conditional.client.principal, { methods: ['GET'], headerMatch: { headerName: 'x-team', regexMatch: 'payments' } });
    expect(mtls(conditional).node.validate()).toEqual([]);
  });

  it('refuses a cluster without mesh certificates, and a stack deployed before the service', () => {
    const mesh = guideMesh();
    const plain = new WorkloadIdentityCluster(mesh.platform, 'plain', { project, name: 'plain-cluster', location: 'us-east1' });
    const identity = plain.addWorkloadIdentity(mesh.workloads, 'plain-client', { namespace: 'default', name: 'plain-client' });
    expect(() => mtls(mesh, { identity })).toThrow(
      'traffic/mtls: invalid identity "workloads/plain-client": runs in cluster plain-cluster, which issues no mesh certificates (meshCertificates: true)');
    expect(() => new MeshMtlsCheck(mesh.workloads, 'early', { identity: mesh.client, service: mesh.service })).toThrow(
      'workloads/early: invalid service "traffic/service-test": is deployed in stack "traffic", after this check\'s stack "workloads": ' +
      'the check would run before it exists; create the check in "traffic" or a stack deployed after it');
  });

  it.each([
    ['host', { host: 'Service_Test' }, 'Service_Test', 'must be a host name to request, such as service-test: a DNS-1123 subdomain'],
    ['host', { host: 'billing' }, 'billing', 'is not routed by traffic/service-test, whose HTTPRoute matches service-test: the request would not reach the service'],
    ['path', { path: 'headers' }, 'headers', 'must be a URL path such as / or /headers'],
    ['path', { path: '/a b' }, '/a b', 'must be a URL path such as / or /headers'],
    ['port', { port: 0 }, 0, 'must be a port number: a whole number from 1 to 65535'],
    ['envoyAdminPort', { envoyAdminPort: 70000 }, 70000, 'must be a port number: a whole number from 1 to 65535'],
  ] as [string, Partial<MeshClientCheckOptions>, unknown, string][])('refuses a bad %s (%j)', (field, props, value, rule) => {
    expect(() => mtls(guideMesh(), props)).toThrow(`traffic/mtls: invalid ${field} ${JSON.stringify(value)}: ${rule}`);
  });

  it('asks for a host when the service\'s first host name is a wildcard', () => {
    expect(() => mtls(guideMesh({ service: { hostnames: ['*.payments.example'] } }))).toThrow(
      'traffic/mtls: invalid host "*.payments.example": must be a host name to request, such as service-test: a DNS-1123 subdomain');
  });

  describe('its script', () => {
    const mesh = guideMesh();
    mtls(mesh);
    const container = jobNamed(synth(mesh.traffic), 'mtls').spec.template.spec.container[0];
    const fast = { env: { CHECK_ATTEMPTS: '3', CHECK_INTERVAL_SECONDS: '0' } };

    it('waits for the sidecar, passes on the header naming both identities, then stops the sidecar', () => {
      const run = runCheck(container, {
        [READY]: [{ status: 503, body: 'PRE_INITIALIZING' }, { status: 200, body: 'LIVE\n' }],
        'GET http://service-test/': [{ status: 200, body: ECHO }],
        [QUIT]: [{ status: 200, body: 'OK' }],
      }, fast);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(`PASS: GET http://service-test/ answered HTTP 200 with "x-forwarded-client-cert", "By=${SERVER_SPIFFE}", "URI=${CLIENT_SPIFFE}"\n`);
      expect(run.stderr).toBe('attempt 1 of 3: no ready Envoy sidecar on 127.0.0.1:15000: the pod got no sidecar (is injection enabled for its namespace?), ' +
        'or the sidecar\'s admin port differs (envoyAdminPort)\n');
      expect(run.calls).toEqual([READY, READY, 'GET http://service-test/', QUIT]);
    });

    it('fails when the server saw another client, and still stops the sidecar', () => {
      const other = ECHO.replace(CLIENT_SPIFFE, 'spiffe://demo-proj.svc.id.goog/ns/default/sa/intruder');
      const run = runCheck(container, { [READY]: [{ status: 200, body: 'LIVE' }], 'GET http://service-test/': [{ status: 200, body: other }], [QUIT]: [{ status: 200 }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.stderr.trim().split('\n').pop()).toBe(`FAIL: GET http://service-test/ answered HTTP 200 without "URI=${CLIENT_SPIFFE}": ${other}`);
      expect(run.calls[run.calls.length - 1]).toBe(QUIT);
    });

    it('fails on plaintext (no x-forwarded-client-cert) after its attempts', () => {
      const run = runCheck(container, { [READY]: [{ status: 200, body: 'LIVE' }], 'GET http://service-test/': [{ status: 200, body: '{"headers":{}}' }], [QUIT]: [{ status: 200 }] }, fast);
      expect(run.exitCode).toBe(1);
      expect(run.calls.filter((c) => c === 'GET http://service-test/')).toHaveLength(3);
      expect(run.stderr).toContain('FAIL: GET http://service-test/ answered HTTP 200 without "x-forwarded-client-cert"');
    });

    it('says so when no sidecar ever answers, and that the deadline will end the pod', () => {
      const run = runCheck(container, {}, fast);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('FAIL: no ready Envoy sidecar on 127.0.0.1:15000');
      expect(run.stderr.trim().split('\n').pop()).toBe('could not stop the Envoy sidecar on 127.0.0.1:15000; the Job\'s activeDeadlineSeconds ends the pod');
    });
  });
});

describe('MeshAuthorizationCheck', () => {
  it('POSTs as the client and expects 403 from the authorization policy', () => {
    const mesh = guideMesh();
    const check = authz(mesh, { name: 'mesh-authorization-check' });
    const job = jobNamed(synth(mesh.traffic), 'mesh-authorization-check');
    expect(envOf(job)).toEqual({
      CHECK_ATTEMPTS: '30', CHECK_INTERVAL_SECONDS: '10', REQUEST_METHOD: 'POST', REQUEST_URL: 'http://service-test/', EXPECTED_STATUS: '403',
      ENVOY_ADMIN_PORT: '15000', EXPECTED_TEXT_1: 'RBAC: access denied',
    });
    expect(scriptOf(job)).toBe(httpScript({ expectedTexts: 1, sidecar: true, insecure: false }));
    expect(job.spec.template.metadata.annotations).toEqual({ 'cloud.google.com/enableManagedCerts': 'true' });
    expect([job.spec.template.spec.service_account_name, job.depends_on]).toEqual(['demo-client', serviceDependencies]);
    expect([check.method, check.node.validate()]).toEqual(['POST', []]);
  });

  it('fails validation when nothing would refuse the request', () => {
    expect(authz(guideMesh({ allowClient: false })).node.validate()).toEqual([
      'traffic/authz: the check expects HTTP 403, but the request is served: traffic/service-test has no authorization policy (no allow() or denyAll()), ' +
      `so it serves POST from ${CLIENT_SPIFFE} to service-test (port 8000); check a request no rule allows`]);
    expect(authz(guideMesh(), { method: 'GET' }).node.validate()).toEqual([
      `traffic/authz: the check expects HTTP 403, but the request is served: rule 0 of service-test-authz allows GET from ${CLIENT_SPIFFE} to service-test ` +
      '(port 8000); check a request no rule allows']);
  });

  it('reads wildcard principals and hosts of rules added after the check', () => {
    const mesh = guideMesh();
    const check = authz(mesh);
    mesh.service.authorizationPolicy!.addRule({ principals: ['spiffe://demo-proj.svc.id.goog/ns/default/*'], hosts: ['*'], ports: [8000], methods: ['POST'] });
    expect(check.node.validate()).toEqual([
      `traffic/authz: the check expects HTTP 403, but the request is served: rule 1 of service-test-authz allows POST from ${CLIENT_SPIFFE} to service-test ` +
      '(port 8000); check a request no rule allows']);
  });

  it('passes validation for a service that denies everything, or a rule for another port', () => {
    const closed = guideMesh({ allowClient: false });
    closed.service.denyAll();
    expect(authz(closed).node.validate()).toEqual([]);
    const otherPort = guideMesh();
    otherPort.service.allow(otherPort.client.principal, { methods: ['POST'], ports: [9000] });
    expect(authz(otherPort).node.validate()).toEqual([]);
  });

  it.each(['post', 'HEAD', 'CONNECT'])('refuses the method %s', (method) => {
    expect(() => authz(guideMesh(), { method })).toThrow(
      `traffic/authz: invalid method ${JSON.stringify(method)}: must be one of GET, POST, PUT, PATCH, DELETE or OPTIONS, in upper case`);
  });

  it('passes once the policy refuses with RBAC: access denied', () => {
    const mesh = guideMesh();
    authz(mesh);
    const container = jobNamed(synth(mesh.traffic), 'authz').spec.template.spec.container[0];
    const run = runCheck(container, {
      [READY]: [{ status: 200, body: 'LIVE' }],
      'POST http://service-test/': [{ status: 200, body: ECHO }, { status: 403, body: 'RBAC: access denied' }],
      [QUIT]: [{ status: 200 }],
    }, { env: { CHECK_ATTEMPTS: '3', CHECK_INTERVAL_SECONDS: '0' } });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('attempt 1 of 3: POST http://service-test/ answered HTTP 200, expected 403');
    expect(run.stdout).toBe('PASS: POST http://service-test/ answered HTTP 403 with "RBAC: access denied"\n');
  });
});

describe('MeshGatewayCheck', () => {
  it('GETs https://mesh-gateway from a pod without a sidecar or token, after the gateway and the service', () => {
    const mesh = guideMesh();
    mesh.service.allowGateway(mesh.gateway, { methods: ['GET'] });
    const check = gatewayCheck(mesh, { name: 'mesh-gateway-check' });
    expect(jobNamed(synth(mesh.traffic), 'mesh-gateway-check')).toEqual({
      provider: 'kubernetes',
      metadata: { name: 'mesh-gateway-check', namespace: 'default', labels: LABELS },
      depends_on: [
        expect.stringMatching(/^google_network_services_gateway\.gateway_/),
        expect.stringMatching(/^google_network_services_http_route\.gateway_HttpRoute_/),
        ...serviceDependencies,
      ],
      wait_for_completion: false,
      spec: {
        backoff_limit: 1,
        active_deadline_seconds: 600,
        template: {
          metadata: { labels: LABELS, annotations: { 'sidecar.istio.io/inject': 'false' } },
          spec: {
            restart_policy: 'Never',
            automount_service_account_token: false,
            security_context: { seccomp_profile: { type: 'RuntimeDefault' } },
            container: [{
              name: 'check',
              image: 'curlimages/curl:8.11.1',
              command: ['/bin/sh', '-c', httpScript({ expectedTexts: 3, sidecar: false, insecure: true })],
              env: [
                { name: 'CHECK_ATTEMPTS', value: '30' },
                { name: 'CHECK_INTERVAL_SECONDS', value: '10' },
                { name: 'REQUEST_METHOD', value: 'GET' },
                { name: 'REQUEST_URL', value: 'https://mesh-gateway/' },
                { name: 'EXPECTED_STATUS', value: '200' },
                { name: 'EXPECTED_TEXT_1', value: 'x-forwarded-client-cert' },
                { name: 'EXPECTED_TEXT_2', value: `By=${SERVER_SPIFFE}` },
                { name: 'EXPECTED_TEXT_3', value: `URI=${CLIENT_SPIFFE}` },
              ],
              ...hardenedContainer,
            }],
          },
        },
      },
    });
    expect(check.node.validate()).toEqual([]);
  });

  it('takes the Service port, path and namespace', () => {
    const mesh = guideMesh();
    gatewayCheck(mesh, { servicePort: 8443, path: '/headers', namespace: 'edge' });
    const job = jobNamed(synth(mesh.traffic), 'gateway-check');
    expect([job.metadata.namespace, envOf(job).REQUEST_URL]).toEqual(['edge', 'https://mesh-gateway:8443/headers']);
  });

  it('fails validation when the service does not admit the gateway', () => {
    expect(gatewayCheck(guideMesh()).node.validate()).toEqual([
      `traffic/gateway-check: the gateway's GET would be refused with HTTP 403: no rule of service-test-authz allows GET from ${CLIENT_SPIFFE} ` +
      'to mesh-gateway (port 8000); admit it (service.allowGateway)']);
  });

  it('refuses a bad Service port or path, a wildcard gateway host, and a stack deployed before the gateway', () => {
    expect(() => gatewayCheck(guideMesh(), { servicePort: 0 })).toThrow(
      'traffic/gateway-check: invalid servicePort 0: must be a port number: a whole number from 1 to 65535');
    expect(() => gatewayCheck(guideMesh(), { path: '/$(reboot)' })).toThrow(
      'traffic/gateway-check: invalid path "/$(reboot)": must be a URL path such as / or /headers');
    const wildcard = guideMesh();
    const anyHost = new MeshIngressGateway(wildcard.traffic, 'any-host', {
      mesh: wildcard.mesh, hostname: '*.gateway.example', port: 8080, routeTo: wildcard.service, identity: wildcard.client,
    });
    expect(() => new MeshGatewayCheck(wildcard.traffic, 'gateway-check', { gateway: anyHost, service: wildcard.service })).toThrow(
      'traffic/gateway-check: invalid gateway.hostname "*.gateway.example": must be a DNS-1123 subdomain');
    const mesh = guideMesh();
    expect(() => new MeshGatewayCheck(mesh.workloads, 'early', { gateway: mesh.gateway, service: mesh.service })).toThrow(
      'workloads/early: invalid gateway "traffic/gateway": is deployed in stack "traffic", after this check\'s stack "workloads"');
  });

  it('works from a stack deployed after traffic', () => {
    const mesh = guideMesh();
    mesh.service.allowGateway(mesh.gateway, { methods: ['GET'] });
    const verify = new TerraformStack(mesh.app, 'verify');
    new GoogleProvider(verify, 'google', { project: project.id });
    new MeshGatewayCheck(verify, 'gateway-check', { gateway: mesh.gateway, service: mesh.service });
    expect(jobNamed(synth(verify), 'gateway-check').depends_on).toBeUndefined();
    expect(verify.dependencies.map((s) => s.node.id).sort()).toEqual(['platform', 'traffic', 'workloads']);
  });

  it('passes over TLS without a sidecar to wait for or stop', () => {
    const mesh = guideMesh();
    gatewayCheck(mesh);
    const container = jobNamed(synth(mesh.traffic), 'gateway-check').spec.template.spec.container[0];
    const run = runCheck(container, { 'GET https://mesh-gateway/': [{ status: 200, body: ECHO }] }, { env: { CHECK_ATTEMPTS: '2', CHECK_INTERVAL_SECONDS: '0' } });
    expect(run.exitCode).toBe(0);
    expect(run.calls).toEqual(['GET https://mesh-gateway/']);
    expect(run.stdout).toContain('PASS: GET https://mesh-gateway/ answered HTTP 200 with "x-forwarded-client-cert"');
  });
});
