import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const script = path.join(__dirname, '..', '..', 'scripts', 'validate-terraform.js');

/** A cdktf.out folder with one stack holding `resource`, written the way cdktf writes it. */
function outdir(resource: Record<string, unknown>): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-')), 'cdktf.out');
  fs.mkdirSync(path.join(dir, 'stacks', 'platform'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    stacks: { platform: { name: 'platform', synthesizedStackPath: 'stacks/platform/cdk.tf.json', workingDirectory: 'stacks/platform' } },
  }));
  fs.writeFileSync(path.join(dir, 'stacks', 'platform', 'cdk.tf.json'), JSON.stringify({
    terraform: { required_providers: { google: { source: 'google', version: '6.50.0' } } },
    provider: { google: [{ project: 'demo-proj' }] },
    resource,
  }));
  return dir;
}

const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('npm run validate (scripts/validate-terraform.js)', () => {
  it('exits 0 for a valid cdktf.out, offline', () => {
    const result = run(outdir({ google_service_account: { sa: { account_id: 'demo-account' } } }));
    expect(result.stdout).toMatch(/^0 violation\(s\), 0 block\(s\) not covered by the schemas at hand, in 1 stack\(s\)/m);
    expect(result.status).toBe(0);
  });
  it('exits 1 with one line per violation: app/stack, address, attribute, what the schema allows', () => {
    const dir = outdir({ google_service_account: { sa: { account_id: 'demo-account', disabled: 'maybe' } } });
    const result = run(dir);
    const app = path.basename(path.dirname(dir));
    expect(result.stdout.trim().split('\n')).toEqual([
      `${app}/platform: google_service_account.sa: disabled: expects bool, got string "maybe"`,
      expect.stringMatching(/^1 violation\(s\), 0 block\(s\) not covered by the schemas at hand, in 1 stack\(s\)/),
    ]);
    expect(result.status).toBe(1);
  });
  it('reports uncovered types without failing, and fails on them with --strict', () => {
    const dir = outdir({ helm_release: { injector: { name: 'td' } } });
    expect(run(dir).status).toBe(0);
    const strict = run('--strict', dir);
    expect(strict.stdout).toContain('helm_release.injector: no schema for the resource type helm_release of hashicorp/helm');
    expect(strict.status).toBe(1);
  });
  it('says what a path must be', () => {
    const result = run(os.tmpdir());
    expect(result.stderr).toContain('is neither a cdk.tf.json file nor a folder with a cdktf.out manifest.json: run `npm run synth`');
    expect(result.status).toBe(1);
  });
});
