#!/usr/bin/env node
// Synth benchmark: wall time and peak memory of each example app, median of several runs, each run in
// its own process (as `cdktf synth` runs an app). Prints a table; numbers are for the machine it runs on.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Synthesises `mainFile` `runs` times in fresh processes; returns median wall ms and peak MB. */
function measure(mainFile, env = {}) {
  const walls = [];
  const rss = [];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [path.join(__dirname, 'measure-synth.js'), mainFile], {
      encoding: 'utf8', env: { ...process.env, ...env, CDKTF_OUTDIR: outdir }, maxBuffer: 64 * 1024 * 1024,
    });
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${mainFile} failed:\n${result.stdout}\n${result.stderr}`);
    const line = result.stdout.split('\n').find((l) => l.startsWith('@@bench '));
    rss.push(JSON.parse(line.slice('@@bench '.length)).maxRssKb / 1024);
  }
  const { countBlocks } = require(path.join(root, 'scripts', 'synth-summary.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const resources = Object.values(manifest.stacks).reduce((n, stack) => {
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
    return n + countBlocks(tf.resource) + countBlocks(tf.data);
  }, 0);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { wallMs: median(walls), peakMb: median(rss), resources };
}

function row(name, m) {
  return `${name.padEnd(34)} ${m.wallMs.toFixed(0).padStart(7)} ms ${m.peakMb.toFixed(0).padStart(6)} MB ${String(m.resources).padStart(7)}`;
}

function main() {
  console.log(`synth benchmark: median of ${runs} runs per app, each in a fresh process (node ${process.version}, ${os.cpus().length} cores)`);
  console.log(`${'app'.padEnd(34)} ${'wall'.padStart(10)} ${'peak'.padStart(9)} ${'blocks'.padStart(7)}`);
  const examplesDir = path.join(root, 'examples');
  for (const name of fs.readdirSync(examplesDir).sort()) {
    const mainFile = path.join(examplesDir, name, 'main.ts');
    if (fs.existsSync(mainFile)) console.log(row(`examples/${name}`, measure(mainFile)));
  }
}

if (require.main === module) main();
module.exports = { measure, median, row };
