import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { GcpProject, SecurityChecks, SecuritySeverity, WorkloadIdentityCluster, WorkloadMetadata } from '../../lib';
import { findingsAt, findingsFor, secureCluster, securePool, secureNodeConfig } from './fixtures';

const KEY = 'google_service_account_key.key';
const SENTENCE = 'The key is rotated daily by the legacy batch system until its migration.';

function appWithKey(outdir?: string): { app: App; stack: TerraformStack; key: ServiceAccountKey } {
  const app = outdir ? new App({ outdir }) : Testing.app();
  const stack = new TerraformStack(app, 'platform');
  new GoogleProvider(stack, 'google', { project: 'demo-proj' });
  const key = new ServiceAccountKey(stack, 'key', { serviceAccountId: new ServiceAccount(stack, 'sa', { accountId: 'app-sa' }).name });
  return { app, stack, key };
}

function annotations(construct: { node: { metadata: { type: string; data: unknown }[] } }, type: string): string[] {
  return construct.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));
}

describe('SecurityChecks', () => {
  it('lists every rule once with id, severity, title, fix and source', () => {
    const ids = SecurityChecks.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SecurityChecks.rules) {
      expect(rule.id).toMatch(/^((WI|NODE|GKE|IAM|WIF|PKI|MESH|K8S|POD|RBAC|PLAN|IMG)-\d+|RULE-ERROR)$/);
      expect([SecuritySeverity.ERROR, SecuritySeverity.WARNING, SecuritySeverity.INFO]).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.source.length).toBeGreaterThan(10);
    }
  });

  it('documents every rule in docs/checks.md with its severity, fix and source', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'checks.md'), 'utf8');
    for (const rule of SecurityChecks.rules) {
      const section = doc.split(`\n#### ${rule.id} — `)[1]?.split('\n#### ')[0];
      expect(section).toContain(`**Severity:** ${rule.severity}`);
      expect(section).toContain('**Fix:**');
      expect(section).toContain('**Source:**');
    }
  });

  it('maps checkov and trivy ids only to rules that exist, and names every rule of the pack in the mapping or a rule section', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'checks.md'), 'utf8');
    const mapping = doc.split('\n## Mapping of checkov and trivy ids')[1];
    const rows = mapping.split('\n').filter((line) => /^\| (CKV|AVD)/.test(line));
    expect(rows.length).toBeGreaterThan(250);
    const ids = new Set(SecurityChecks.rules.map((r) => r.id));
    for (const row of rows) {
      const target = row.split(' | ')[2];
      const named = target.match(/\b[A-Z0-9]+-\d+\b/g) ?? [];
      if (!/^not (applicable|covered)/.test(target)) expect(named.length).toBeGreaterThan(0);
      if (!target.startsWith('not ')) named.forEach((id) => expect(ids).toContain(id));
    }
  });

  it('turns errors into error annotations, so app.synth() fails with the message', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
    const { app } = appWithKey(outdir);
    SecurityChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[IAM-4\] google_service_account_key\.key: creates a user-managed key .*\. Fix: remove the key/);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'platform', SecurityChecks.REPORT_FILE_NAME), 'utf8'));
    expect(report.summary).toEqual({ errors: 1, warnings: 0, info: 0, suppressed: 0 });
    expect(report.findings[0]).toMatchObject({ ruleId: 'IAM-4', severity: 'error', resourceAddress: KEY, constructPath: 'platform/key', suppressed: false });
  });

  it('keeps suppressed findings in the report with their reason, without annotations', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
    const { app, key } = appWithKey(outdir);
    SecurityChecks.suppress(key, 'IAM-4', SENTENCE);
    SecurityChecks.applyTo(app);
    app.synth();
    expect(annotations(key, '@cdktf/error')).toEqual([]);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'platform', 'security-report.json'), 'utf8'));
    expect(report.summary).toEqual({ errors: 0, warnings: 0, info: 0, suppressed: 1 });
    expect(report.findings[0]).toMatchObject({ ruleId: 'IAM-4', suppressed: true, suppressionReason: SENTENCE });
  });

  it('suppresses findings of resources inside the suppressed construct only for that rule', () => {
    const findings = findingsFor((t) => {
      const cluster = secureCluster(t.platform, { releaseChannel: undefined, enableLegacyAbac: true });
      SecurityChecks.suppress(t.platform, 'GKE-1', 'Versions are pinned and patched by the platform team every week.');
      void cluster;
    });
    expect(findingsAt(findings, 'GKE-1', 'google_container_cluster.cluster')[0]).toMatchObject({ suppressed: true });
    expect(findingsAt(findings, 'GKE-6', 'google_container_cluster.cluster')[0]).toMatchObject({ suppressed: false, severity: SecuritySeverity.ERROR });
  });

  it('adds warnings as warning annotations on the resource', () => {
    const { app, stack } = appWithKey();
    const cluster = secureCluster(stack, { releaseChannel: undefined });
    SecurityChecks.applyTo(app);
    Testing.synth(stack);
    expect(annotations(cluster, '@cdktf/warn').filter((m) => m.startsWith('[GKE-1] google_container_cluster.cluster: release_channel is not set'))).toHaveLength(1);
  });

  it('refuses a suppression without a full sentence, naming path, field, value and rule', () => {
    const { key } = appWithKey();
    expect(() => SecurityChecks.suppress(key, 'IAM-4', 'legacy')).toThrow(
      'platform/key: invalid reason "legacy": must be at least one full sentence (20 characters or more, four or more words, ending with ".", "!" or "?") explaining why the finding is acceptable here');
    expect(() => SecurityChecks.suppress(key, 'IAM-99', SENTENCE)).toThrow(/^platform\/key: invalid ruleId "IAM-99": must be a rule id of SecurityChecks.rules or a custom rule \(WI-1, /);
  });

  it('requires a reason of at least 20 characters, even of four words ending with a full stop', () => {
    const { key } = appWithKey();
    expect('abcd efgh ijkl mno.').toHaveLength(19);
    expect(() => SecurityChecks.suppress(key, 'IAM-4', 'abcd efgh ijkl mno.')).toThrow(/invalid reason "abcd efgh ijkl mno\."/);
    expect(() => SecurityChecks.suppress(key, 'IAM-4', 'abcd efgh ijkl mnop.')).not.toThrow();
    expect(() => SecurityChecks.suppress(key, 'IAM-4', '  abcd efgh ijkl mno.  ')).toThrow(/invalid reason/);
  });

  it('accepts reasons only when they are sentences (property)', () => {
    const { key } = appWithKey();
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(fc.property(fc.array(word, { minLength: 5, maxLength: 12 }), fc.constantFrom('.', '!', '?'), (words, mark) => {
      expect(() => SecurityChecks.suppress(key, 'IAM-4', `${words.join(' ')}${mark}`)).not.toThrow();
    }), { numRuns: 50 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
      expect(() => SecurityChecks.suppress(key, 'IAM-4', words.join(' '))).toThrow(/invalid reason/);
    }), { numRuns: 50 });
  });

  it('returns findings by scope and requires applyTo first', () => {
    const { app, stack } = appWithKey();
    expect(() => SecurityChecks.findingsOf(stack)).toThrow('platform: invalid scope "platform": is not checked: call SecurityChecks.applyTo(app) first');
    const other = new TerraformStack(app, 'other');
    new GoogleProvider(other, 'google', { project: 'demo-proj' });
    SecurityChecks.applyTo(app);
    expect(SecurityChecks.findingsOf(stack).map((f) => f.ruleId)).toEqual(['IAM-4']);
    expect(SecurityChecks.findingsOf(other)).toEqual([]);
    expect(SecurityChecks.findingsOf(app)).toHaveLength(1);
  });

  it('is applied once per app and refuses other options later', () => {
    const { app } = appWithKey();
    const checks = SecurityChecks.applyTo(app);
    expect(SecurityChecks.applyTo(app)).toBe(checks);
    expect(() => SecurityChecks.applyTo(app, { checkServiceAgentRole: true })).toThrow(/invalid checkServiceAgentRole true: differs from the options/);
  });

  it('also checks stacks created after applyTo', () => {
    const app = Testing.app();
    new GoogleProvider(new TerraformStack(app, 'first'), 'google', { project: 'demo-proj' });
    SecurityChecks.applyTo(app);
    const { key } = (() => {
      const late = new TerraformStack(app, 'late');
      new GoogleProvider(late, 'google', { project: 'demo-proj' });
      return { key: new ServiceAccountKey(late, 'key', { serviceAccountId: 'projects/demo-proj/serviceAccounts/a@demo-proj.iam.gserviceaccount.com' }) };
    })();
    Testing.synth(app.node.findChild('first') as TerraformStack);
    expect(SecurityChecks.findingsOf(app).map((f) => `${f.stack} ${f.ruleId}`)).toEqual(['late IAM-4']);
    expect(annotations(key, '@cdktf/error')).toHaveLength(1);
  });

  it('refuses a scope without stacks', () => {
    expect(() => SecurityChecks.applyTo(Testing.app())).toThrow(/invalid scope "": contains no TerraformStack/);
  });

  it('names the library opt-outs and lowers GCE_METADATA of a ConcealedNodePool to a warning', () => {
    const findings = findingsFor((t) => {
      const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
      const cluster = new WorkloadIdentityCluster(t.platform, 'wi', { project, name: 'zonal', location: 'us-east1-b', zonal: true, authorizedNetworks: [{ cidr: '10.0.0.0/8' }] });
      cluster.addNodePool('legacy', { workloadMetadata: WorkloadMetadata.GCE_METADATA, allowGceMetadata: true });
    });
    const node = findings.find((f) => f.ruleId === 'NODE-1' && f.constructPath === 'platform/wi/legacy/Resource');
    expect(node).toMatchObject({ severity: SecuritySeverity.WARNING });
    expect(node!.message).toContain('(explicit opt-out: allowGceMetadata on platform/wi/legacy)');
    expect(findings.find((f) => f.ruleId === 'WI-6')!.message).toContain('(explicit opt-out: zonal on platform/wi)');
  });

  it('reports GCE_METADATA of a raw node pool as an error', () => {
    const findings = findingsFor((t) => securePool(t.platform, secureCluster(t.platform), { nodeConfig: secureNodeConfig({ workloadMetadataConfig: { mode: 'GCE_METADATA' } }) }));
    expect(findingsAt(findings, 'NODE-1', 'google_container_node_pool.pool').map((f) => f.severity)).toEqual([SecuritySeverity.ERROR]);
  });
});
