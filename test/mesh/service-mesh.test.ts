import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ServiceMesh, ServiceMeshProps } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';
import { meshWorld, paymentsService, paymentsWorkload, project } from './fixtures';

function meshIn(stack: TerraformStack, props: Partial<ServiceMeshProps> = {}): ServiceMesh {
  return new ServiceMesh(stack, 'mesh', { project, name: 'sidecar-mesh', ...props });
}

describe('ServiceMesh', () => {
  const { stack } = newStack('platform');
  const mesh = meshIn(stack, { clientTlsPolicyName: 'client-mtls-policy', labels: { team: 'mesh' } });
  const json = synth(stack);

  it('creates the Mesh with interception port 15001', () => {
    expect(onlyResource(json, 'google_network_services_mesh')).toEqual({
      project: 'demo-proj', name: 'sidecar-mesh', interception_port: 15001, labels: { team: 'mesh' },
    });
  });
  it('creates the mesh-wide client TLS policy on GKE mesh certificates for identity and server validation', () => {
    const policy = onlyResource(json, 'google_network_security_client_tls_policy');
    expect(policy).toMatchObject({
      project: 'demo-proj',
      name: 'client-mtls-policy',
      location: 'global',
      client_certificate: { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } },
      server_validation_ca: [{ certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } }],
    });
  });
  it('names itself and its policy with ids known at synth time', () => {
    expect(mesh.meshId).toBe('projects/demo-proj/locations/global/meshes/sidecar-mesh');
    expect(mesh.clientTlsPolicyId).toBe('projects/demo-proj/locations/global/clientTlsPolicies/client-mtls-policy');
  });
  it('keeps the construct ids of its resources stable', () => {
    expect(mesh.resource.node.path).toBe('platform/mesh/Resource');
    expect(mesh.clientTlsPolicy.node.path).toBe('platform/mesh/ClientTlsPolicy');
  });
  it('derives the client TLS policy name from the mesh name by default', () => {
    const other = newStack('platform');
    expect(meshIn(other.stack).clientTlsPolicyName).toBe('sidecar-mesh-client-mtls');
  });
});

describe('ServiceMesh references', () => {
  it('is referenced by Terraform id in its own stack', () => {
    const { stack } = newStack('platform');
    const mesh = meshIn(stack);
    new TerraformOutput(stack, 'mesh-ref', { value: mesh.meshReference(stack) });
    new TerraformOutput(stack, 'policy-ref', { value: mesh.clientTlsPolicyReference(stack) });
    expect(synth(stack).output).toEqual({
      'mesh-ref': { value: '${google_network_services_mesh.mesh_ACDFE68E.id}' },
      'policy-ref': { value: '//networksecurity.googleapis.com/${google_network_security_client_tls_policy.mesh_ClientTlsPolicy_88F225ED.id}' },
    });
    expect(stack.dependencies).toEqual([]);
  });
  it('is referenced by literal id from another stack, which then deploys after the mesh', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const traffic = new TerraformStack(app, 'traffic');
    const mesh = meshIn(platform);
    expect(mesh.meshReference(traffic)).toBe('projects/demo-proj/locations/global/meshes/sidecar-mesh');
    expect(mesh.clientTlsPolicyReference(traffic))
      .toBe('//networksecurity.googleapis.com/projects/demo-proj/locations/global/clientTlsPolicies/sidecar-mesh-client-mtls');
    expect(traffic.dependencies).toEqual([platform]);
  });
});

describe('ServiceMesh.addProxyServiceAccount', () => {
  it('creates a dedicated service account with roles/trafficdirector.client only', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const account = meshIn(platform).addProxyServiceAccount(workloads, 'envoy');
    const json = synth(workloads);
    expect(onlyResource(json, 'google_service_account')).toMatchObject({
      project: 'demo-proj', account_id: 'sidecar-mesh-proxy', display_name: 'Envoy proxies of mesh sidecar-mesh',
    });
    expect(onlyResource(json, 'google_project_iam_member')).toMatchObject({
      project: 'demo-proj', role: 'roles/trafficdirector.client', member: 'serviceAccount:${google_service_account.envoy_A0F69B24.email}',
    });
    expect(account.node.scope).toBe(workloads);
  });
  it('takes an explicit account id', () => {
    const { stack } = newStack('platform');
    meshIn(stack).addProxyServiceAccount(stack, 'envoy', { accountId: 'td-envoy', displayName: 'Envoy' });
    expect(onlyResource(synth(stack), 'google_service_account')).toMatchObject({ account_id: 'td-envoy', display_name: 'Envoy' });
  });
  it('refuses a default id that is not a valid service account id', () => {
    const { stack } = newStack('platform');
    const mesh = meshIn(stack, { name: 'a-very-long-mesh-name-for-envoy' });
    expect(() => mesh.addProxyServiceAccount(stack, 'envoy')).toThrow(
      'platform/mesh: invalid addProxyServiceAccount().accountId "a-very-long-mesh-name-for-envoy-proxy": the default id is not 6-30 characters');
  });
});

describe('ServiceMesh bad input', () => {
  const cases: [string, Partial<ServiceMeshProps>, string][] = [
    ['a name with underscores', { name: 'sidecar_mesh' }, 'platform/mesh: invalid name "sidecar_mesh": must be 1-63 characters'],
    ['an interception port out of range', { interceptionPort: 70000 }, 'platform/mesh: invalid interceptionPort 70000: must be a port number'],
    ['an invalid client policy name', { clientTlsPolicyName: 'Client' }, 'platform/mesh: invalid clientTlsPolicyName "Client": must be 1-63 characters'],
  ];
  it.each(cases)('refuses %s', (_name, props, message) => {
    const { stack } = newStack('platform');
    expect(() => meshIn(stack, props)).toThrow(message);
  });
  it('lets an unresolved name through', () => {
    const { stack } = newStack('platform');
    const name = new TerraformVariable(stack, 'mesh-name', { type: 'string' }).stringValue;
    expect(() => new ServiceMesh(stack, 'mesh', { project, name, clientTlsPolicyName: 'client-mtls-policy' })).not.toThrow();
  });
});

describe('ServiceMesh validation', () => {
  it('reports two services of the mesh that claim the same host name', () => {
    const world = meshWorld();
    const workload = paymentsWorkload(world);
    paymentsService(world, {}, workload);
    paymentsService(world, { name: 'other' }, workload, 'other');
    expect(world.mesh.node.validate()).toEqual([
      'traffic/other: host name "service-test" is already used by traffic/service-test in mesh sidecar-mesh; give each service its own',
    ]);
  });
  it('reports two services of the mesh that claim the same resource name', () => {
    const world = meshWorld();
    const workload = paymentsWorkload(world);
    paymentsService(world, { resourceNames: { backendService: 'td-gke-service' } }, workload);
    paymentsService(world, { name: 'other', hostnames: ['other'], resourceNames: { backendService: 'td-gke-service' } }, workload, 'other');
    expect(world.mesh.node.validate()).toEqual([
      'traffic/other: backend service name "td-gke-service" is already used by traffic/service-test in mesh sidecar-mesh; give each service its own',
    ]);
  });
  it('accepts services with distinct host names and names', () => {
    const world = meshWorld();
    paymentsService(world);
    expect(world.mesh.node.validate()).toEqual([]);
  });
});
