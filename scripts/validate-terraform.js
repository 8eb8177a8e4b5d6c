#!/usr/bin/env node
// For your own CI (it downloads the Google and Kubernetes providers): runs `terraform init -backend=false`
// and `terraform validate` in every synthesised stack of every example, or of the cdktf.out folders given.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outdirs = process.argv.length > 2
  ? process.argv.slice(2)
  : fs.readdirSync(path.join(root, 'examples')).map((n) => path.join(root, 'examples', n, 'cdktf.out')).filter((d) => fs.existsSync(d));
if (outdirs.length === 0) {
  console.error('Nothing to validate: run `npm run synth` first.');
  process.exit(1);
}

let failed = 0;
for (const outdir of outdirs) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  for (const stack of Object.values(manifest.stacks)) {
    const dir = path.join(outdir, stack.workingDirectory);
    for (const args of [['init', '-backend=false', '-input=false'], ['validate']]) {
      const result = spawnSync('terraform', args, { cwd: dir, stdio: 'inherit' });
      if (result.status !== 0) {
        failed++;
        console.error(`✗ ${dir}: terraform ${args[0]} failed`);
        break;
      }
    }
  }
}
process.exit(failed > 0 ? 1 : 0);
