import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { summariseOutdir } = require('../../scripts/synth-summary') as { summariseOutdir: (outdir: string) => string };

/** A cdktf.out folder with one stack holding `resources` and the given annotations. */
function outdirWith(annotations: { level: string; constructPath: string; message: string }[]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-summary-'));
  fs.mkdirSync(path.join(outdir, 'stacks', 'platform'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', 'platform', 'cdk.tf.json'), JSON.stringify({
    resource: { google_service_account: { a: {}, b: {} } }, data: { google_client_config: { c: {} } },
  }));
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({
    stacks: { platform: { name: 'platform', synthesizedStackPath: 'stacks/platform/cdk.tf.json', dependencies: [], annotations } },
  }));
  return outdir;
}

describe('synth summary', () => {
  it('counts blocks and prints annotations, but not the rule pack findings its table already lists', () => {
    const summary = summariseOutdir(outdirWith([
      { level: '@cdktf/info', constructPath: 'bootstrap/deployer', message: 'grants roles/storage.objectUser on bucket b' },
      { level: '@cdktf/info', constructPath: 'platform/cluster/Resource', message: '[GKE-8] google_container_cluster.c: binary_authorization is not set' },
      { level: '@cdktf/warn', constructPath: 'platform/x', message: '[RULE-ERROR] a rule threw' },
    ]));
    expect(summary.split('\n').filter((line) => line !== '')).toEqual([
      '  stack platform        2 resources,   1 data sources',
      '    INFO [bootstrap/deployer]: grants roles/storage.objectUser on bucket b',
    ]);
  });
});
