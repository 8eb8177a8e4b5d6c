#!/usr/bin/env node
// Rule-pack benchmark: times SecurityChecks (indexing and every rule) on mixed apps of raw provider
// resources at several sizes, each run in a fresh process, and prints the median time, the time per
// resource, and the growth from the smallest to the largest size (1.0 is perfectly linear). Figures, not a
// test: they are for the machine it runs on.
//   node bench/rule-pack/run.js            (sizes 300,1000,3000; 3 runs each)
// Environment: BENCH_RULE_SIZES (comma list), BENCH_RUNS (runs per size).
const { spawnSync } = require('child_process');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const sizes = (process.env.BENCH_RULE_SIZES ?? '300,1000,3000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_MS_PER_RESOURCE = 0.5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function once(size) {
  const result = spawnSync(process.execPath, ['-r', path.join(root, 'scripts', 'register-ts.js'), path.join(__dirname, 'measure.ts'), String(size)], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('@@rule-pack '));
  if (result.status !== 0 || !line) throw new Error(`size ${size} failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line.slice('@@rule-pack '.length));
}

const rows = [];
for (const size of sizes) {
  const samples = Array.from({ length: runs }, () => once(size));
  const ms = samples.map((s) => s.ms);
  const cpuMs = median(samples.map((s) => s.cpuMs));
  const resources = samples[0].resources;
  rows.push({
    resources, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), msPerResource: median(ms) / resources,
    cpuMs, cpuMsPerResource: cpuMs / resources, errors: samples[0].errors,
  });
}
console.log('rule pack (index + every rule), median of', runs, 'fresh processes');
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
console.log('resources  wall ms (min-max)      wall ms/resource  CPU ms  CPU ms/resource  error findings');
for (const r of rows) {
  console.log(`${String(r.resources).padStart(9)}  ${`${r.medianMs.toFixed(0)} (${r.minMs.toFixed(0)}-${r.maxMs.toFixed(0)})`.padEnd(20)}` +
    `${r.msPerResource.toFixed(3).padStart(17)}  ${r.cpuMs.toFixed(0).padStart(6)}  ${r.cpuMsPerResource.toFixed(3).padStart(15)}  ${r.errors}`);
}
const first = rows[0];
const last = rows[rows.length - 1];
console.log(`growth of ms/resource from ${first.resources} to ${last.resources} resources: wall ${(last.msPerResource / first.msPerResource).toFixed(2)}, ` +
  `CPU ${(last.cpuMsPerResource / first.cpuMsPerResource).toFixed(2)} (1.00 is linear; below 1, fixed costs spread over more resources)`);
console.log(`target <= ${TARGET_MS_PER_RESOURCE} ms/resource at ${last.resources} resources: wall ${last.msPerResource <= TARGET_MS_PER_RESOURCE ? 'met' : 'NOT met'}, ` +
  `CPU ${last.cpuMsPerResource <= TARGET_MS_PER_RESOURCE ? 'met' : 'NOT met'}`);
