import { AccessModel } from './access-model';
import { IdentityView, RoleGrantView } from './identity-access';
import { MermaidFlowchart } from './mermaid';
import { MeshView } from './mesh-access';
import { TrustChainView } from './trust-chain';

/** A Markdown table cell: pipes escaped, line breaks flattened, empty shown as a dash. */
function cell(text: string | undefined): string {
  return text === undefined || text === '' ? '–' : text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function code(text: string | undefined): string {
  return text === undefined || text === '' ? '–' : `\`${text.replace(/`/g, "'")}\``;
}

function codes(values: string[]): string {
  return values.length === 0 ? 'any' : values.map(code).join(', ');
}

function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '_None._';
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** The part after `stack: ` of an address, for diagram labels. */
function short(address: string): string {
  return address.slice(address.indexOf(': ') + 2);
}

function meshChart(mesh: MeshView): MermaidFlowchart {
  const chart = new MermaidFlowchart('LR');
  const service = (address: string) => {
    const found = mesh.services.find((s) => s.address === address);
    const mark = found?.authorization === 'none' ? 'NO AUTHORIZATION POLICY' : found?.authorization === 'unknown' ? 'authorization unknown' : undefined;
    return chart.node(`service ${address}`, ['service', found?.name ?? short(address), ...(mark ? [mark] : [])], 'round');
  };
  for (const gateway of mesh.gateways) {
    chart.node(`gateway ${gateway.address}`, ['gateway', gateway.name, `ports ${gateway.ports.join(', ')}`], 'hexagon');
  }
  for (const m of mesh.meshes) chart.node(`mesh ${m.address}`, ['mesh', m.name], 'hexagon');
  for (const route of mesh.routes) {
    const id = chart.node(`route ${route.address}`, [`${route.kind} route ${route.name}`, `hosts ${route.hostnames.join(', ') || 'any'}`], 'stadium');
    for (const attached of [...route.gateways.map((g) => `gateway ${g}`), ...route.meshes.map((m) => `mesh ${m}`)]) {
      chart.edge(chart.node(attached, [short(attached.slice(attached.indexOf(' ') + 1))], 'hexagon'), id);
    }
    for (const target of route.services) chart.edge(id, service(target));
  }
  for (const s of mesh.services) service(s.address);
  for (const endpoint of mesh.endpointPolicies) {
    const id = chart.node(`endpoints ${endpoint.address}`, ['endpoint policy', endpoint.name, `${endpoint.match} ${endpoint.labels.join(', ')}`]);
    for (const s of mesh.services.filter((x) => x.endpointPolicies.includes(endpoint.address))) chart.edge(service(s.address), id, 'served by');
    const policy = mesh.authorizationPolicies.find((p) => p.address === endpoint.authorizationPolicy);
    if (!policy) continue;
    policy.rules.forEach((rule, i) => {
      const what = [rule.methods.join(' ') || 'any method', rule.ports.length > 0 ? `port ${rule.ports.join(', ')}` : 'any port',
        ...(rule.paths.length > 0 ? [`path ${rule.paths.join(', ')}`] : []), ...(rule.hosts.length > 0 ? [`host ${rule.hosts.join(', ')}`] : [])];
      const callers = [...rule.principals, ...rule.ipBlocks];
      for (const caller of callers.length > 0 ? callers : ['any caller']) {
        chart.edge(chart.node(`caller ${caller}`, [caller], 'round'), id, `${policy.action} ${policy.name} rule ${i + 1}: ${what.join(', ')}`);
      }
    });
  }
  return chart;
}

function meshSection(mesh: MeshView): string[] {
  const chart = meshChart(mesh);
  const unprotected = mesh.services.filter((s) => s.authorization !== 'enforced');
  return [
    '## Mesh calls',
    '',
    'Who may call which service. Callers are the principals (SPIFFE ids) and IP blocks of the authorization rules; ' +
      'each arrow names the policy, the rule and what it allows. Gateways and meshes send requests to services through routes.',
    '',
    chart.isEmpty ? '_The app has no Cloud Service Mesh resources._' : chart.render(),
    '',
    '### Services',
    '',
    table(['service', 'hostnames', 'server identities', 'authorization'], mesh.services.map((s) => [
      `${s.name} (${code(s.address)})`, codes(s.hostnames), codes(s.serverIdentities),
      s.authorization === 'enforced' ? `enforced: ${s.authorizationPolicies.map(code).join(', ')}`
        : s.authorization === 'none' ? '**⚠ no authorization policy**' : '**⚠ unknown**: its endpoints could not be tied to workloads',
    ])),
    '',
    unprotected.length === 0 ? 'Every service has an authorization policy.'
      : `**${unprotected.length} service(s) without a known authorization policy:** ${unprotected.map((s) => code(s.name)).join(', ')}.`,
    '',
    '### Authorization policies',
    '',
    ...mesh.authorizationPolicies.flatMap((p) => [
      `**${p.name}** (${code(p.address)}), action ${code(p.action)}, applied by ` +
        `${mesh.endpointPolicies.filter((e) => e.authorizationPolicy === p.address).map((e) => `${code(e.name)} (${e.labels.map(code).join(', ') || 'every endpoint'})`).join(', ') || 'no endpoint policy of the app'}:`,
      '',
      table(['rule', 'principals', 'IP blocks', 'methods', 'paths', 'headers', 'ports', 'hosts'], p.rules.map((r, i) => [
        String(i + 1), codes(r.principals), codes(r.ipBlocks), codes(r.methods), codes(r.paths), codes(r.headers), codes(r.ports), codes(r.hosts),
      ])),
      '',
    ]),
    ...(mesh.authorizationPolicies.length === 0 ? ['_None._', ''] : []),
    '### Gateways and routes',
    '',
    table(['gateway', 'ports', 'scope', 'server TLS policy', 'routes'], mesh.gateways.map((g) => [
      `${g.name} (${code(g.address)})`, g.ports.join(', '), code(g.scope), code(g.serverTlsPolicy), g.routes.map(code).join(', '),
    ])),
    '',
    table(['route', 'kind', 'hostnames', 'attached to', 'sends to'], mesh.routes.map((r) => [
      `${r.name} (${code(r.address)})`, r.kind, codes(r.hostnames), [...r.meshes, ...r.gateways].map(code).join(', '), r.services.map(code).join(', '),
    ])),
  ];
}

function identityChart(identities: IdentityView): MermaidFlowchart {
  const chart = new MermaidFlowchart('LR');
  const account = (name: string) => chart.node(`gsa ${name}`, ['Google service account', name]);
  for (const w of identities.workloads.filter((x) => x.serviceAccount !== undefined)) {
    const ksa = chart.node(`ksa ${w.address}`, ['KSA', w.ksa], 'round');
    chart.edge(ksa, account(w.serviceAccount!), w.impersonationGranted ? 'acts as (workloadIdentityUser granted)' : 'annotated, NOT granted');
  }
  for (const node of identities.nodes) {
    chart.edge(chart.node(`nodes ${node.address}`, ['nodes of', short(node.address)], 'round'), account(node.serviceAccount), 'run as');
  }
  for (const grant of identities.grants.filter((g) => g.memberKind === 'principal' || g.memberKind === 'principal set')) {
    const who = chart.node(`member ${grant.member}`, [grant.memberKind, grant.member], 'stadium');
    const target = grant.on.startsWith('service account ') ? account(grant.on.slice('service account '.length)) : chart.node(`on ${grant.on}`, [grant.on]);
    chart.edge(who, target, grant.role);
  }
  return chart;
}

function grantRows(grants: RoleGrantView[]): string[][] {
  return grants.map((g) => [code(g.member), g.memberKind, code(g.role), cell(g.on), g.condition === undefined ? '–' : code(g.condition), code(g.address)]);
}

function identitySection(identities: IdentityView): string[] {
  const chart = identityChart(identities);
  const grantHeader = ['member', 'kind', 'role', 'on', 'condition', 'granted by'];
  return [
    '## Identities',
    '',
    'Kubernetes service accounts and the Google service accounts they act as, the accounts nodes run as, and the ' +
      'principals and principal sets granted roles directly (Workload Identity Federation).',
    '',
    chart.isEmpty ? '_No identity links._' : chart.render(),
    '',
    '### Kubernetes service accounts',
    '',
    table(['KSA', 'Google service account', 'impersonation granted', 'SPIFFE id'], identities.workloads.map((w) => [
      `${code(w.ksa)} (${code(w.address)})`, code(w.serviceAccount), w.serviceAccount === undefined ? '–' : w.impersonationGranted ? 'yes' : '**no**', code(w.spiffeId),
    ])),
    '',
    '### Node service accounts',
    '',
    table(['nodes of', 'run as'], identities.nodes.map((n) => [code(n.address), code(n.serviceAccount)])),
    '',
    '### Direct principal and principal set grants',
    '',
    table(grantHeader, grantRows(identities.grants.filter((g) => g.memberKind === 'principal' || g.memberKind === 'principal set'))),
    '',
    '### Every role, by member',
    '',
    table(grantHeader, grantRows(identities.grants)),
    '',
    ...identities.customRoles.flatMap((role) => [
      `### Custom role ${code(role.roleId)}: ${role.title}`,
      '',
      `${code(role.address)} holds ${role.permissions.length} permissions, each needed by the resource types listed (per \`DeployerPermissionTable\`):`,
      '',
      table(['permission', 'why'], role.permissions.map((p) => [code(p.permission), p.why.map(code).join(', ')])),
      '',
    ]),
  ];
}

function trustSection(trust: TrustChainView): string[] {
  const chart = new MermaidFlowchart('LR');
  const poolNode = (address: string) => {
    const pool = trust.pools.find((p) => p.address === address);
    const cas = pool?.authorities.map((a) => `${a.type} CA ${a.id}${a.algorithm ? ` (${a.algorithm})` : ''}`) ?? [];
    return chart.node(`pool ${address}`, [`CA pool ${pool?.name ?? short(address)}`, ...cas]);
  };
  for (const pool of trust.pools) {
    const id = poolNode(pool.address);
    for (const ca of pool.authorities.filter((a) => a.issuer !== undefined)) {
      const issuerPool = trust.pools.find((p) => p.authorities.some((a) => a.address === ca.issuer));
      if (issuerPool) chart.edge(poolNode(issuerPool.address), id, `signs ${ca.id}`);
    }
  }
  for (const c of trust.clusters) {
    const cluster = chart.node(`cluster ${c.cluster}`, ['cluster', short(c.cluster)], 'round');
    if (c.workloadCertificateConfig) {
      const wcc = chart.node(`wcc ${c.workloadCertificateConfig.address}`, ['WorkloadCertificateConfig', short(c.workloadCertificateConfig.address)], 'stadium');
      const issuer = trust.pools.some((p) => p.address === c.workloadCertificateConfig!.issuer) ? poolNode(c.workloadCertificateConfig.issuer)
        : chart.node(`issuer ${c.workloadCertificateConfig.issuer}`, [c.workloadCertificateConfig.issuer]);
      chart.edge(issuer, wcc, 'issues workload certificates');
      chart.edge(wcc, cluster);
    }
    if (c.trustConfig) {
      const tc = chart.node(`tc ${c.trustConfig.address}`, ['TrustConfig', short(c.trustConfig.address)], 'stadium');
      for (const store of c.trustConfig.trustDomains) {
        for (const anchor of store.anchors) {
          const anchorNode = trust.pools.some((p) => p.address === anchor) ? poolNode(anchor) : chart.node(`anchor ${anchor}`, [anchor]);
          chart.edge(anchorNode, tc, `trust anchor for ${store.domain}`);
        }
      }
      chart.edge(tc, cluster);
    }
    const domains = new Set([...(c.workloadPool ? [c.workloadPool] : []), ...(c.trustConfig?.trustDomains.map((d) => d.domain) ?? [])]);
    for (const domain of [...domains].sort()) chart.edge(cluster, chart.node(`domain ${domain}`, ['SPIFFE trust domain', `spiffe://${domain}`], 'hexagon'));
  }
  return [
    '## Trust chain',
    '',
    'What workload certificates chain to: the root CA pool signs the subordinate pool, which issues the workload certificates ' +
      'a WorkloadCertificateConfig asks for; the TrustConfig names the roots each SPIFFE trust domain trusts.',
    '',
    chart.isEmpty ? '_The app has no CA Service pools or mesh certificate configuration._' : chart.render(),
    '',
    table(['CA pool', 'location', 'certificate authorities'], trust.pools.map((p) => [
      `${p.name} (${code(p.address)})`, p.location,
      p.authorities.map((a) => `${a.type} ${code(a.id)}${a.algorithm ? ` ${a.algorithm}` : ''}${a.issuer ? ` signed by ${code(a.issuer)}` : ''}`).join('; '),
    ])),
    '',
    table(['cluster', 'workload pool', 'workload certificates from', 'trust domains and anchors'], trust.clusters.map((c) => [
      code(c.cluster), code(c.workloadPool), code(c.workloadCertificateConfig?.issuer),
      c.trustConfig?.trustDomains.map((d) => `${code(d.domain)} ← ${d.anchors.map(code).join(', ')}`).join('; ') ?? '–',
    ])),
  ];
}

/** The report as Markdown with Mermaid diagrams, as GitHub renders it. */
export function accessMarkdown(model: AccessModel): string {
  return [
    '# Access report',
    '',
    `Derived by cdktf-gke-secure-mesh from the synthesised Terraform of the stacks ${model.stacks.map(code).join(', ')}, ` +
      'hand-written resources included. Resources are named `stack: address`. The same content is in access-report.json.',
    '',
    ...meshSection(model.mesh),
    '',
    ...identitySection(model.identities),
    ...trustSection(model.trustChain),
    '',
  ].join('\n');
}
