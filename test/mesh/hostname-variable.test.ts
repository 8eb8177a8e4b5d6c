import { App, TerraformVariable, Testing } from 'cdktf';
import { MeshGatewayCheck, MeshIngressGateway, SecurityChecks } from '../../lib';
import { World } from '../fuzz/world';

/** The gateway in the mesh stack with its host name as a variable there; its proxy in the workloads stack, which the mesh stack depends on. */
function gatewayWithVariableHost(): World {
  const w = new World();
  const hostname = new TerraformVariable(w.traffic, 'gateway_host', { type: 'string', description: 'gateway host name' }).stringValue;
  const gateway = new MeshIngressGateway(w.traffic, 'gw', { mesh: w.mesh, hostname, port: 8080, routeTo: w.service, identity: w.client });
  w.service.allowGateway(gateway, { methods: ['GET'] });
  gateway.addProxy(w.workloads, 'proxy');
  new MeshGatewayCheck(w.traffic, 'check', { gateway, service: w.service });
  SecurityChecks.applyTo(w.app);
  return w;
}

describe('a gateway host name given as a TerraformVariable', () => {
  test('the app synthesises without a circular stack dependency', () => {
    const w = gatewayWithVariableHost();
    expect(() => (w.app as App).synth()).not.toThrow();
  });

  test('the workloads stack reads a variable of the same name instead of a cross-stack output', () => {
    const workloads = JSON.parse(Testing.synth(gatewayWithVariableHost().workloads));
    expect(workloads.variable.gateway_host).toEqual({ type: 'string', description: 'gateway host name' });
    const services = Object.values(workloads.resource.kubernetes_service_v1) as { metadata: { name: string } }[];
    expect(services.map((s) => s.metadata.name)).toContain('${var.gateway_host}');
    expect(workloads.data?.terraform_remote_state).toBeUndefined();
  });
});
