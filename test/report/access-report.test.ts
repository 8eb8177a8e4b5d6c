import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { App, TerraformStack, Testing } from 'cdktf';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { DataGoogleComputeNetworkEndpointGroup } from '@cdktf/provider-google/lib/data-google-compute-network-endpoint-group';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { AccessReport, SecurityChecks } from '../../lib';
import { mermaidText, MermaidFlowchart } from '../../lib/report/mermaid';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, 'app.ts'))).sort();

function exampleApp(name: string): App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(path.join(examplesDir, name, 'app')) as { buildApp: (app: App) => void };
  const app = Testing.app();
  buildApp(app);
  return app;
}

describe.each(examples)('access report of example %s', (name) => {
  const app = exampleApp(name);
  const report = AccessReport.of(app);
  it('matches its snapshot (Markdown and JSON)', () => {
    expect(report.markdown).toMatchSnapshot('markdown');
    expect(report.json).toMatchSnapshot('json');
  });
  it('is deterministic: a second app built the same way gives the same report', () => {
    expect(AccessReport.of(exampleApp(name))).toEqual(report);
  });
  it('holds its three sections, each diagram a Mermaid flowchart whose nodes all have generated ids', () => {
    for (const heading of ['## Mesh calls', '## Identities', '## Trust chain']) expect(report.markdown).toContain(heading);
    const diagrams = [...report.markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(diagrams.length).toBeGreaterThan(0);
    for (const diagram of diagrams) {
      const [first, ...lines] = diagram.trim().split('\n');
      expect(first).toMatch(/^flowchart (LR|TD)$/);
      for (const line of lines) expect(line).toMatch(/^ {2}n\d+(\S*"[^"]*"\S*| -->(\|"[^"]*"\|)? n\d+)$/);
    }
    expect(JSON.parse(report.json).stacks).toEqual(app.node.children.filter((c) => TerraformStack.isStack(c)).map((s) => s.node.id));
  });
});

describe('access report of the secure-mesh example', () => {
  const model = JSON.parse(AccessReport.of(exampleApp('secure-mesh')).json);
  it('ties the service to its endpoint policy and authorization policy through its NEGs, Kubernetes Service and pods', () => {
    expect(model.mesh.services).toEqual([expect.objectContaining({
      name: 'td-gke-service', authorization: 'enforced', hostnames: ['mesh-gateway', 'service-test'],
      serverIdentities: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-server'],
    })]);
    expect(model.mesh.authorizationPolicies[0].rules).toEqual([{
      principals: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/demo-client'], ipBlocks: [], methods: ['GET'], paths: [], headers: [],
      ports: ['8000'], hosts: ['mesh-gateway', 'service-test'],
    }]);
  });
  it('chains the root pool to the subordinate pool, the workload certificates and the trust domain', () => {
    const [root, subordinate] = model.trustChain.pools;
    expect(root).toMatchObject({ name: 'td-sec-pool', authorities: [expect.objectContaining({ type: 'root' })] });
    expect(subordinate).toMatchObject({ name: 'td-ca-pool', authorities: [expect.objectContaining({ type: 'subordinate', issuer: root.authorities[0].address })] });
    expect(model.trustChain.clusters).toEqual([expect.objectContaining({
      workloadPool: 'demo-proj.svc.id.goog',
      workloadCertificateConfig: expect.objectContaining({ issuer: subordinate.address }),
      trustConfig: expect.objectContaining({ trustDomains: [{ domain: 'demo-proj.svc.id.goog', anchors: [root.address] }] }),
    })]);
  });
  it('links each KSA to its Google service account, with the grant that lets it act as it', () => {
    expect(model.identities.workloads.map((w: { ksa: string; serviceAccount: string; impersonationGranted: boolean }) =>
      [w.ksa, w.serviceAccount, w.impersonationGranted])).toEqual([
      ['default/demo-client', 'sidecar-mesh-proxy@demo-proj.iam.gserviceaccount.com', true],
      ['default/demo-server', 'sidecar-mesh-proxy@demo-proj.iam.gserviceaccount.com', true],
    ]);
  });
});

describe('docs/access-report.md', () => {
  it('shows the secure-mesh example\'s report exactly as the synth writes it, headings one level down', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'access-report.md'), 'utf8');
    const report = AccessReport.of(exampleApp('secure-mesh')).markdown.replace(/^(#+) /gm, '#$1 ');
    expect(page.endsWith(`\n${report}`)).toBe(true);
  });
  it('is linked from the README', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')).toContain('](docs/access-report.md)');
  });
});

describe('access report of the pipeline example', () => {
  const model = JSON.parse(AccessReport.of(exampleApp('pipeline')).json);
  it('lists every permission of the deployer\'s custom role with the types that need it', () => {
    const role = model.identities.customRoles.find((r: { roleId: string }) => r.roleId === 'cdktfDeployer');
    expect(role.permissions.length).toBeGreaterThan(100);
    expect(role.permissions.find((p: { permission: string }) => p.permission === 'container.clusters.create').why).toEqual(['google_container_cluster']);
    expect(role.permissions.filter((p: { why: string[] }) => p.why[0].startsWith('not in the permission table'))).toEqual([]);
  });
  it('shows the principal and principal set the deployer and planner trust', () => {
    const direct = model.identities.grants.filter((g: { memberKind: string }) => g.memberKind.startsWith('principal'));
    expect(direct.map((g: { on: string }) => g.on)).toEqual([
      'service account cdktf-deployer@demo-proj.iam.gserviceaccount.com', 'service account cdktf-planner@demo-proj.iam.gserviceaccount.com',
    ]);
  });
});

/** A stack with a hand-written mesh backend whose pods no endpoint policy selects, and a hand-written project grant. */
function handWritten(): App {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'raw');
  new GoogleProvider(stack, 'google', { project: 'demo-proj' });
  new KubernetesProvider(stack, 'kubernetes', {});
  new ProjectIamMember(stack, 'grant', { project: 'demo-proj', role: 'roles/viewer', member: 'group:auditors@example.com' });
  new DeploymentV1(stack, 'app', {
    metadata: { name: 'orders', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'orders' } },
      template: {
        metadata: { labels: { app: 'orders' }, annotations: { 'cloud.google.com/proxyMetadata': '{"app": "orders"}' } },
        spec: { container: [{ name: 'orders', image: 'example/orders:1' }] },
      },
    },
  });
  new ServiceV1(stack, 'service', {
    metadata: { name: 'orders', namespace: 'shop', annotations: { 'cloud.google.com/neg': '{"exposed_ports":{"80":{"name":"orders-neg"}}}' } },
    spec: { selector: { app: 'orders' }, port: [{ port: 80 }] },
  });
  const neg = new DataGoogleComputeNetworkEndpointGroup(stack, 'neg', { name: 'orders-neg', zone: 'us-east1-b' });
  new ComputeBackendService(stack, 'backend', {
    name: 'orders', loadBalancingScheme: 'INTERNAL_SELF_MANAGED', backend: [{ group: neg.selfLink, balancingMode: 'RATE', maxRatePerEndpoint: 5 }],
  });
  return app;
}

describe('access report of hand-written resources', () => {
  const report = AccessReport.of(handWritten());
  const model = JSON.parse(report.json);
  it('marks a mesh service whose workloads no authorization policy covers', () => {
    expect(model.mesh.services).toEqual([expect.objectContaining({ name: 'orders', authorization: 'none', authorizationPolicies: [] })]);
    expect(report.markdown).toContain('**⚠ no authorization policy**');
    expect(report.markdown).toContain('NO AUTHORIZATION POLICY');
    expect(report.markdown).toContain('**1 service(s) without a known authorization policy:** `orders`.');
  });
  it('lists grants written with provider classes directly', () => {
    expect(model.identities.grants).toEqual([expect.objectContaining({ member: 'group:auditors@example.com', memberKind: 'group', role: 'roles/viewer', on: 'project demo-proj' })]);
  });
});

describe('writing the report at synth', () => {
  const outdirOf = (build: (app: App) => void): string => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-'));
    const app = new App({ outdir, skipValidation: true });
    build(app);
    app.synth();
    return outdir;
  };
  it('writes both files beside manifest.json when the rule pack is applied, built from the rule pack\'s index', () => {
    let expected = { markdown: '', json: '' };
    const outdir = outdirOf((app) => {
      const stack = new TerraformStack(app, 'raw');
      new GoogleProvider(stack, 'google', { project: 'demo-proj' });
      new ProjectIamMember(stack, 'grant', { project: 'demo-proj', role: 'roles/viewer', member: 'group:auditors@example.com' });
      SecurityChecks.applyTo(app);
      expected = AccessReport.of(app);
    });
    expect(fs.readFileSync(path.join(outdir, AccessReport.MARKDOWN_FILE_NAME), 'utf8')).toBe(expected.markdown);
    expect(fs.readFileSync(path.join(outdir, AccessReport.JSON_FILE_NAME), 'utf8')).toBe(expected.json);
    expect(expected.markdown).toContain('group:auditors@example.com');
  });
  it('writes them with the one-line opt-in alone, and refuses an app without stacks', () => {
    const outdir = outdirOf((app) => {
      new GoogleProvider(new TerraformStack(app, 'raw'), 'google', { project: 'demo-proj' });
      expect(AccessReport.applyTo(app)).toBe(AccessReport.applyTo(app));
    });
    expect(fs.readFileSync(path.join(outdir, AccessReport.MARKDOWN_FILE_NAME), 'utf8')).toMatch(/^# Access report\n/);
    expect(() => AccessReport.applyTo(Testing.app())).toThrow(/invalid scope "": belongs to an app without a TerraformStack/);
  });
});

describe('Mermaid safety', () => {
  it('escapes every character that could end a label or an edge text (property)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (label, edge) => {
      const chart = new MermaidFlowchart();
      const a = chart.node(label, [label]);
      const b = chart.node(`${label}-other`, ['other']);
      chart.edge(a, b, edge);
      const lines = chart.render().split('\n').slice(2, -1);
      expect(lines[0]).toMatch(/^ {2}n0\["[^"|\n]*"\]$/);
      expect(lines[2]).toMatch(/^ {2}n0 -->\|"[^"|\n]*"\| n1$/);
    }));
  });
  it('keeps text readable: entity codes for quotes, brackets, pipes and hashes', () => {
    expect(mermaidText('say "hi" <a|b> #1', 'second')).toBe('say #quot;hi#quot; #lt;a#124;b#gt; #35;1<br/>second');
  });
});
