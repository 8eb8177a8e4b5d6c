#!/usr/bin/env node
// Synthesises every example app into its own cdktf.out folder and prints, per example, its stacks,
// resource counts and output path, the table of the rule pack's findings (from each stack's
// security-report.json) and the path of its access report. Exits non-zero when an example fails to synthesise or an error finding remains.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { accessReportLine, summariseOutdir } = require('./synth-summary');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const only = process.argv.slice(2);
const examples = fs.readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, 'main.ts')))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

/**
 * The findings of every stack report in an output folder as a short table (rule, severity, resource,
 * message), with the count of unsuppressed errors. Examples that do not apply the rule pack have no reports.
 */
function securityTable(outdir) {
  const stacksDir = path.join(outdir, 'stacks');
  const reports = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort()
    .map((stack) => path.join(stacksDir, stack, 'security-report.json'))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8'))) : [];
  if (reports.length === 0) return { errors: 0, text: '  security checks: not applied\n' };
  const findings = reports.flatMap((report) => report.findings.map((f) => ({ ...f, stack: report.stack })));
  const count = (key) => reports.reduce((n, report) => n + report.summary[key], 0);
  const errors = count('errors');
  const lines = [`  security checks: ${errors} errors, ${count('warnings')} warnings, ${count('suppressed')} suppressed`];
  const rows = findings.map((f) => [
    f.ruleId,
    f.suppressed ? 'suppressed' : f.severity,
    `${f.stack}: ${f.resourceAddress}`,
    f.suppressed ? `${f.suppressionReason}` : f.message.replace(/^\[[^\]]+\] [^ ]+: /, '').replace(/\. Fix: .*$/, ''),
  ]);
  if (rows.length > 0) {
    const header = ['rule', 'severity', 'resource', 'message'];
    const widths = [0, 1, 2].map((i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) {
      const message = row[3].length > 110 ? `${row[3].slice(0, 107)}...` : row[3];
      lines.push(`    ${row.slice(0, 3).map((cell, i) => cell.padEnd(widths[i])).join('  ')}  ${message}`);
    }
  }
  return { errors, text: `${lines.join('\n')}\n` };
}

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
  const security = securityTable(outdir);
  if (result.status !== 0 || security.errors > 0) {
    failed++;
    console.log(`\n✗ ${name}: ${result.status !== 0 ? `synth failed (exit ${result.status})` : 'error findings remain'}`);
    process.stdout.write(security.text);
    process.stdout.write(result.stdout);
    process.stdout.write(result.stderr);
    continue;
  }
  console.log(`\n✓ ${name} (${ms.toFixed(0)} ms) → ${path.relative(root, outdir)}`);
  process.stdout.write(summariseOutdir(outdir));
  process.stdout.write(security.text);
  process.stdout.write(accessReportLine(outdir));
  if (result.stdout.trim()) process.stdout.write(result.stdout);
}
console.log(`\n${examples.length - failed} of ${examples.length} examples synthesised.`);
process.exit(failed > 0 ? 1 : 0);
