import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CheckedResource, ICustomSecurityRule, SecurityChecks, SecuritySeverity, TerraformValues } from '../../lib';
import { findingsFor } from './fixtures';
import { sarifViolations } from './sarif-validator';

const SENTENCE = 'The bucket holds public release artefacts that anyone may download.';

/** A team rule: buckets must enforce public access prevention. */
const bucketRule: ICustomSecurityRule = {
  info: {
    id: 'TEAM-1', severity: SecuritySeverity.ERROR, title: 'Bucket without public access prevention',
    fix: 'set public_access_prevention = "enforced"', source: 'Team storage standard',
  },
  resourceTypes: ['google_storage_bucket'],
  check(resource: CheckedResource): string[] {
    const value = resource.config.public_access_prevention;
    if (TerraformValues.isUnknown(value) || value === 'enforced') return [];
    return [`public_access_prevention is ${JSON.stringify(value ?? 'inherited')}`];
  },
};

function appWith(outdir: string, build: (stack: TerraformStack) => void): App {
  const app = Testing.app({ outdir });
  const stack = new TerraformStack(app, 'platform');
  new GoogleProvider(stack, 'google', { project: 'demo-proj' });
  build(stack);
  return app;
}

describe('SARIF report', () => {
  it('writes a valid SARIF 2.1.0 log beside security-report.json, with every finding and its suppression', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
    const app = appWith(outdir, (stack) => {
      new ProjectIamMember(stack, 'grant', { project: 'demo-proj', role: 'roles/storage.admin', member: 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com' });
      new StorageBucket(stack, 'bucket', { name: 'b', location: 'EU' });
    });
    SecurityChecks.applyTo(app, { customRules: [bucketRule] });
    // a custom rule's id is known once the checks are applied with it
    SecurityChecks.suppress(app.node.findChild('platform').node.findChild('bucket'), 'TEAM-1', SENTENCE);
    app.synth();
    const directory = path.join(outdir, 'stacks', 'platform');
    const log = JSON.parse(fs.readFileSync(path.join(directory, 'security-report.sarif'), 'utf8'));
    expect(sarifViolations(log)).toEqual([]);
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual(['IAM-2 warning', 'TEAM-1 error']);
    expect(results[1].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: SENTENCE }]);
    expect(results[0].locations[0].logicalLocations[0]).toEqual({ name: 'google_project_iam_member.grant', fullyQualifiedName: 'platform/grant', kind: 'resource' });
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['POD-1', 'RULE-ERROR', 'TEAM-1']));
  });

  it('the validator catches what GitHub code scanning would refuse', () => {
    expect(sarifViolations({ version: '2.0.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal', message: {} }] }] })).toEqual([
      '$.version: must be one of 2.1.0',
      '$.runs[0].tool.driver: missing required property "name"',
      '$.runs[0].results[0].level: must be one of none, note, warning, error',
    ]);
    expect(sarifViolations({ version: '2.1.0', runs: [], extra: 1 })).toEqual(['$: property "extra" is not allowed']);
  });
});

describe('custom rules', () => {
  it('run with the built-in rules and report like them', () => {
    const findings = findingsFor((t) => new StorageBucket(t.platform, 'bucket', { name: 'b', location: 'EU' }), { customRules: [bucketRule] });
    expect(findings.filter((f) => f.ruleId === 'TEAM-1').map((f) => f.message)).toEqual([
      '[TEAM-1] google_storage_bucket.bucket: public_access_prevention is "inherited". Fix: set public_access_prevention = "enforced"',
    ]);
    const fixed = findingsFor((t) => new StorageBucket(t.platform, 'bucket', { name: 'b', location: 'EU', publicAccessPrevention: 'enforced' }), { customRules: [bucketRule] });
    expect(fixed.filter((f) => f.ruleId === 'TEAM-1')).toEqual([]);
  });

  it('refuses an id that a built-in rule already has, or that is malformed', () => {
    const app = Testing.app();
    new TerraformStack(app, 'platform');
    expect(() => SecurityChecks.applyTo(app, { customRules: [{ ...bucketRule, info: { ...bucketRule.info, id: 'IAM-1' } }] }))
      .toThrow('invalid customRules[0].info.id "IAM-1": is already the id of another rule; give each rule its own id');
    expect(() => SecurityChecks.applyTo(app, { customRules: [{ ...bucketRule, info: { ...bucketRule.info, id: 'team rule' } }] }))
      .toThrow('invalid customRules[0].info.id "team rule": must be upper-case words and numbers joined by hyphens, such as TEAM-1');
  });
});

describe('rule errors', () => {
  const broken: ICustomSecurityRule = { ...bucketRule, info: { ...bucketRule.info, id: 'TEAM-2' }, check: () => { throw new Error('cannot read labels'); } };

  it('become a suppressible RULE-ERROR finding instead of aborting the checks', () => {
    const findings = findingsFor((t) => {
      new StorageBucket(t.platform, 'bucket', { name: 'b', location: 'EU' });
      new ServiceAccountKey(t.platform, 'key', { serviceAccountId: 'x' });
    }, { customRules: [broken] });
    expect(findings.filter((f) => f.ruleId === 'RULE-ERROR').map((f) => [f.severity, f.constructPath, f.message])).toEqual([
      ['error', 'platform', expect.stringContaining('rule TEAM-2 failed and checked nothing: cannot read labels')],
    ]);
    expect(findings.some((f) => f.ruleId === 'IAM-4')).toBe(true);
  });

  it('can be suppressed on the stack with a reason', () => {
    const findings = findingsFor((t) => {
      new StorageBucket(t.platform, 'bucket', { name: 'b', location: 'EU' });
      SecurityChecks.suppress(t.platform, 'RULE-ERROR', 'The storage rule is being fixed by the platform team this sprint.');
    }, { customRules: [broken] });
    expect(findings.filter((f) => f.ruleId === 'RULE-ERROR').map((f) => f.suppressed)).toEqual([true]);
  });
});
