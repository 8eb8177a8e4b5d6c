#!/usr/bin/env node
// Synthesises every example app into its own cdktf.out folder and prints, per example, its stacks,
// resource counts and output path. Exits non-zero when an example fails to synthesise.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { summariseOutdir } = require('./synth-summary');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const only = process.argv.slice(2);
const examples = fs.readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, 'main.ts')))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failed = 0;
for (const name of examples) {
  const dir = path.join(examplesDir, name);
  const outdir = path.join(dir, 'cdktf.out');
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', path.join(__dirname, 'register-ts.js'), 'main.ts'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    failed++;
    console.log(`\n✗ ${name}: synth failed (exit ${result.status})`);
    process.stdout.write(result.stdout);
    process.stdout.write(result.stderr);
    continue;
  }
  console.log(`\n✓ ${name} (${ms.toFixed(0)} ms) → ${path.relative(root, outdir)}`);
  process.stdout.write(summariseOutdir(outdir));
  if (result.stdout.trim()) process.stdout.write(result.stdout);
}
console.log(`\n${examples.length - failed} of ${examples.length} examples synthesised.`);
process.exit(failed > 0 ? 1 : 0);
