import { TerraformVariable, Testing, Token } from 'cdktf';
import { ConcealedNodePool, MeshWorkload } from '../../lib';
import { runCase } from './run-case';
import { Field, Target, TARGETS } from './targets';
import { World } from './world';

/** Every token probe of one target field (each kind `tokensFor` makes for its type). */
function tokenCases(name: string): { target: Target; field: Field }[] {
  const found = TARGETS.flatMap((target) => target.fields.filter((field) => `${target.name}.${field.path}` === name).map((field) => ({ target, field })));
  expect(found).toHaveLength(1);
  return found;
}

describe('map and list tokens become Terraform expressions', () => {
  test.each([
    'MeshWorkload.env', 'WorkloadCronJob.env', 'SecureMeshService.endpointLabels', 'ConcealedNodePool.metadata',
    'MeshHealthCheck.firewall.targetTags', 'WorkloadPrincipal.fromSpiffeId.spiffeId',
  ])('%s accepts every kind of token', (name) => {
    for (const { target, field } of tokenCases(name)) {
      const outcomes = [0, 1].map((pick) => runCase({ target, field, inputClass: 'token', pick }));
      expect(outcomes.map((r) => `${r.outcome} ${r.message ?? ''}`)).toEqual(['accepted ', 'accepted ']);
    }
  });
});

describe('fields used at synth time refuse tokens and say why', () => {
  const noTokenFields = TARGETS.flatMap((target) => target.fields.filter((f) => f.noTokens !== undefined).map((field) => ({ target, field })));

  test('the suite names them', () => {
    expect(noTokenFields.map(({ target, field }) => `${target.name}.${field.path}`).sort())
      .toEqual(['SecurityChecks.suppress.reason', 'SecurityChecks.suppress.ruleId', 'WorkloadIdentityCluster.outputPrefix']);
  });

  test.each(['SecurityChecks.suppress.reason', 'SecurityChecks.suppress.ruleId', 'WorkloadIdentityCluster.outputPrefix'])('%s', (name) => {
    const { target, field } = noTokenFields.find((c) => `${c.target.name}.${c.field.path}` === name)!;
    const field0 = { ...field, noTokens: undefined };
    const r = runCase({ target, field: field0, inputClass: 'token', pick: 0 });
    expect(r.outcome).toBe('refused');
    expect(r.message).toContain(`${target.where}: invalid ${field.path.split('.').pop()} (an unresolved token): takes no tokens and must be a literal value`);
  });
});

describe('the Terraform written for map tokens', () => {
  const variableMap = (w: World) => Token.asStringMap(new TerraformVariable(w.workloads, 'env', {}).value);

  test('MeshWorkload env: a dynamic env block of the app container over the map', () => {
    const w = new World();
    new MeshWorkload(w.workloads, 'mw', { identity: w.client, name: 'app2', image: 'registry.example/echo:1', port: 8000, proxyMetadata: { app: 'orders' }, env: variableMap(w) });
    const deployment = Object.values(JSON.parse(Testing.synth(w.workloads)).resource.kubernetes_deployment_v1)
      .find((d) => (d as { metadata: { name: string } }).metadata.name === 'app2') as { spec: { template: { spec: { container: { env?: unknown; dynamic?: unknown }[] } } } };
    const container = deployment.spec.template.spec.container[0];
    expect(container.env).toBeUndefined();
    expect(container.dynamic).toEqual({ env: { for_each: '${var.env}', content: { name: '${env.key}', value: '${env.value}' } } });
  });

  test('ConcealedNodePool metadata: merged with disable-legacy-endpoints = "true" last', () => {
    const w = new World();
    const metadata = Token.asStringMap(new TerraformVariable(w.platform, 'meta', {}).value);
    new ConcealedNodePool(w.platform, 'np', { cluster: w.cluster, name: 'extra', metadata });
    const pool = Object.values(JSON.parse(Testing.synth(w.platform)).resource.google_container_node_pool).find((p) => (p as { name: string }).name === 'extra');
    expect((pool as { node_config: { metadata: string } }).node_config.metadata).toBe('${merge(var.meta, {"disable-legacy-endpoints" = "true"})}');
  });
});
