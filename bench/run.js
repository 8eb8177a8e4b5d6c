#!/usr/bin/env node
// Synth benchmark (`npm run bench`): wall time and peak memory of `cdktf synth` for every example app, for
// the guide-002 blueprint written with provider package-root imports (bench/typical-user), and for the
// scale apps (bench/scale) at several sizes, the rule pack on. Every run is a fresh process, as `cdktf
// synth` runs an app; the runs of a group are interleaved, so load from other processes spreads evenly over
// its apps. Prints medians with their range, time per resource, growth ratios, a linearity verdict and the
// targets; writes the figures to bench/out/results.json. Numbers are for the machine it runs on.
//
// Environment: BENCH_RUNS (runs per example and comparison app, default 5), BENCH_SCALE_RUNS (runs per
// scale size, default 3), BENCH_GROUPS (comma list of examples, comparison, scale; default all),
// BENCH_MESH_SIZES (default 10,100,500), BENCH_IDENTITY_SIZES (default 300,1000,3000).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { countBlocks } = require('../scripts/synth-summary');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const scaleRuns = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const groups = (process.env.BENCH_GROUPS ?? 'examples,comparison,scale').split(',');
const sizes = (name, fallback) => (process.env[name] ?? fallback).split(',').map(Number);

/** The issue's targets for this machine class (2 cores). */
const TARGETS = {
  example: { app: 'examples/secure-mesh', wallMs: 1000, peakMb: 200 },
  scale: { family: 'workload-identities', size: 3000, wallMs: 10000, peakMb: 1024 },
  linearity: 1.3,
};

/** The scale apps: the size that counts as "no scale" (fixed costs), and where the linearity verdict starts. */
const FAMILIES = [
  { name: 'mesh-services', unit: 'secure mesh services', sizes: sizes('BENCH_MESH_SIZES', '10,100,500'), verdictFrom: 100 },
  { name: 'workload-identities', unit: 'workload identities', sizes: sizes('BENCH_IDENTITY_SIZES', '300,1000,3000'), verdictFrom: 300 },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One synth of `target` in a fresh process: wall ms (spawn to exit), peak RSS MB, and the Terraform blocks written. */
function runOnce(target) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [path.join(__dirname, 'measure-synth.js'), target.mainFile], {
      encoding: 'utf8', env: { ...process.env, ...target.env, CDKTF_OUTDIR: outdir }, maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const lines = result.stdout.split('\n');
    const line = lines.find((l) => l.startsWith('@@bench '));
    if (result.status !== 0 || !line) throw new Error(`${target.label} failed:\n${result.stdout}\n${result.stderr}`);
    const appLine = lines.find((l) => l.startsWith('@@bench-app '));
    const phases = appLine ? JSON.parse(appLine.slice('@@bench-app '.length)) : undefined;
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const blocks = Object.values(manifest.stacks).reduce((n, stack) => {
      const tf = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
      return n + countBlocks(tf.resource) + countBlocks(tf.data);
    }, 0);
    const appMs = phases ? phases.buildMs + phases.synthMs : undefined;
    return { wallMs, appMs, peakMb: JSON.parse(line.slice('@@bench '.length)).maxRssKb / 1024, blocks };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs every target `count` times, interleaved (run 1 of each, then run 2 of each, ...); returns medians and ranges. */
function measureAll(targets, count) {
  const samples = targets.map(() => []);
  for (let i = 0; i < count; i++) {
    targets.forEach((target, t) => {
      samples[t].push(runOnce(target));
      process.stderr.write('.');
    });
  }
  process.stderr.write('\n');
  return targets.map((target, t) => {
    const walls = samples[t].map((s) => s.wallMs);
    return {
      ...target,
      runs: count,
      wallMs: median(walls),
      wallMinMs: Math.min(...walls),
      wallMaxMs: Math.max(...walls),
      appMs: samples[t][0].appMs === undefined ? undefined : median(samples[t].map((s) => s.appMs)),
      peakMb: median(samples[t].map((s) => s.peakMb)),
      peakMaxMb: Math.max(...samples[t].map((s) => s.peakMb)),
      blocks: samples[t][0].blocks,
      samples: samples[t].map(({ wallMs, appMs, peakMb }) => ({ wallMs: Math.round(wallMs), appMs: appMs && Math.round(appMs), peakMb: Math.round(peakMb) })),
    };
  });
}

const ms = (value) => `${value.toFixed(0)} ms`;
const wallCell = (m) => `${ms(m.wallMs).padStart(8)} (${m.wallMinMs.toFixed(0)}–${m.wallMaxMs.toFixed(0)})`;
const mb = (value) => `${value.toFixed(0)} MB`;
const verdict = (ok) => (ok ? 'met' : 'MISSED');

function exampleTargets() {
  const examplesDir = path.join(root, 'examples');
  return fs.readdirSync(examplesDir).sort()
    .filter((name) => fs.existsSync(path.join(examplesDir, name, 'main.ts')))
    .map((name) => ({ label: `examples/${name}`, mainFile: path.join(examplesDir, name, 'main.ts'), env: {} }));
}

function printApps(title, measured) {
  console.log(`\n${title}`);
  console.log(`  ${'app'.padEnd(34)} ${'wall: median (min–max)'.padStart(24)} ${'peak RSS'.padStart(9)} ${'blocks'.padStart(7)}`);
  for (const m of measured) {
    console.log(`  ${m.label.padEnd(34)} ${wallCell(m).padStart(24)} ${mb(m.peakMb).padStart(9)} ${String(m.blocks).padStart(7)}`);
  }
}

function runExamples(results) {
  const measured = measureAll(exampleTargets(), runs);
  results.examples = measured;
  printApps(`Example apps (median of ${runs} runs each)`, measured);
  const target = measured.find((m) => m.label === TARGETS.example.app);
  if (target) {
    console.log(`  target ${TARGETS.example.app} under ${TARGETS.example.wallMs} ms and ${TARGETS.example.peakMb} MB: ` +
      `${verdict(target.wallMs < TARGETS.example.wallMs)} (${ms(target.wallMs)}), ${verdict(target.peakMb < TARGETS.example.peakMb)} (${mb(target.peakMb)})`);
  }
}

function runComparison(results) {
  const [library, typical] = measureAll([
    { label: 'examples/secure-mesh (library)', mainFile: path.join(root, 'examples', 'secure-mesh', 'main.ts'), env: {} },
    { label: 'bench/typical-user (root imports)', mainFile: path.join(__dirname, 'typical-user', 'main.ts'), env: {} },
  ], runs);
  results.comparison = { library, typical };
  printApps(`The guide-002 blueprint: this library vs provider package-root imports (median of ${runs} runs each)`, [library, typical]);
  console.log(`  package-root imports take ${(typical.wallMs / library.wallMs).toFixed(1)}× the time and ${(typical.peakMb / library.peakMb).toFixed(1)}× ` +
    `the memory (the library's app also runs the rule pack; root imports write ${typical.blocks} blocks without it)`);
}

/**
 * Build-and-synth time (measured inside the app, without node start-up and module loading) above the
 * size-1 app, per block added: the cost of one more resource.
 */
function perAddedBlock(m, base) {
  return (m.appMs - base.appMs) / (m.blocks - base.blocks);
}

function runScale(results) {
  results.scale = [];
  for (const family of FAMILIES) {
    const targets = [1, ...family.sizes].map((size) => ({
      label: `${family.name} ${size}`, size, mainFile: path.join(__dirname, 'scale', 'main.ts'),
      env: { BENCH_SCALE_APP: family.name, BENCH_SIZE: String(size) },
    }));
    const [base, ...measured] = measureAll(targets, scaleRuns);
    results.scale.push({ family: family.name, base, sizes: measured });
    console.log(`\nScale: ${family.unit}, rule pack on (median of ${scaleRuns} runs each; ` +
      `size 1: ${ms(base.wallMs)} wall of which ${ms(base.appMs)} build and synth, ${mb(base.peakMb)})`);
    console.log(`  ${'size'.padStart(6)} ${'wall: median (min–max)'.padStart(24)} ${'build+synth'.padStart(12)} ${'peak RSS'.padStart(9)} ` +
      `${'blocks'.padStart(7)} ${'per added block'.padStart(16)}`);
    for (const m of measured) {
      console.log(`  ${String(m.size).padStart(6)} ${wallCell(m).padStart(24)} ${ms(m.appMs).padStart(12)} ${mb(m.peakMb).padStart(9)} ` +
        `${String(m.blocks).padStart(7)} ${`${perAddedBlock(m, base).toFixed(2)} ms`.padStart(16)}`);
    }
    for (let i = 1; i < measured.length; i++) {
      const [from, to] = [measured[i - 1], measured[i]];
      const blockRatio = to.blocks / from.blocks;
      const timeRatio = to.appMs / from.appMs;
      console.log(`  ${from.size} → ${to.size}: blocks ×${blockRatio.toFixed(2)}, build+synth ×${timeRatio.toFixed(2)} ` +
        `(${(timeRatio / blockRatio).toFixed(2)}× linear), wall ×${(to.wallMs / from.wallMs).toFixed(2)}`);
    }
    const first = measured.find((m) => m.size === family.verdictFrom) ?? measured[0];
    const last = measured[measured.length - 1];
    const growth = perAddedBlock(last, base) / perAddedBlock(first, base);
    const judged = growth <= TARGETS.linearity ? `linear, within ${TARGETS.linearity}×` : `SUPERLINEAR, above ${TARGETS.linearity}×`;
    console.log(`  linearity ${first.size} → ${last.size}: time per added block ×${growth.toFixed(2)} (${judged})`);
    if (family.name === TARGETS.scale.family) {
      const target = measured.find((m) => m.size === TARGETS.scale.size);
      if (target) {
        console.log(`  target ${TARGETS.scale.size} ${family.unit} under ${TARGETS.scale.wallMs / 1000} s and ${TARGETS.scale.peakMb} MB: ` +
          `${verdict(target.wallMs < TARGETS.scale.wallMs)} (${ms(target.wallMs)}), ${verdict(target.peakMb < TARGETS.scale.peakMb)} (${mb(target.peakMb)})`);
      }
    }
  }
}

function main() {
  const conditions = {
    node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadBefore: os.loadavg(), date: new Date().toISOString(),
  };
  console.log(`synth benchmark: node ${conditions.node}, ${conditions.cpus} cores (${conditions.cpuModel}), ` +
    `load average ${conditions.loadBefore.map((l) => l.toFixed(2)).join(' ')}; each run a fresh process; wall = spawn to exit`);
  const results = { conditions };
  if (groups.includes('examples')) runExamples(results);
  if (groups.includes('comparison')) runComparison(results);
  if (groups.includes('scale')) runScale(results);
  conditions.loadAfter = os.loadavg();
  console.log(`\nload average after: ${conditions.loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
  const outFile = path.join(__dirname, 'out', 'results.json');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(results, undefined, 2)}\n`);
  console.log(`figures written to ${path.relative(root, outFile)}`);
}

if (require.main === module) main();
module.exports = { median, runOnce, measureAll };
