// Summarises a cdktf output folder: stacks in manifest order with their resource and data source counts.
const fs = require('fs');
const path = require('path');

// Annotations as the cdktf CLI prints them after synth. The rule pack's findings (messages that start with
// their rule id, such as `[GKE-8] …`) are left out here: they are in the security table printed after.
const LEVELS = { '@cdktf/info': 'INFO', '@cdktf/warn': 'WARN', '@cdktf/error': 'ERROR' };
const RULE_FINDING = /^\[[A-Z0-9]+(-[A-Z0-9]+)*\] /;

function countBlocks(section) {
  return Object.values(section ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

function summariseOutdir(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const lines = [];
  for (const stack of Object.values(manifest.stacks)) {
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
    const deps = stack.dependencies.length ? ` (after ${stack.dependencies.join(', ')})` : '';
    lines.push(`  stack ${stack.name.padEnd(12)} ${String(countBlocks(tf.resource)).padStart(4)} resources, ` +
      `${String(countBlocks(tf.data)).padStart(3)} data sources${deps}`);
    for (const annotation of (stack.annotations ?? []).filter((a) => !RULE_FINDING.test(a.message))) {
      lines.push(`    ${LEVELS[annotation.level] ?? annotation.level} [${annotation.constructPath}]: ${annotation.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Where the access report of an output folder is (access-report.md beside manifest.json), or that it is absent. */
function accessReportLine(outdir) {
  const file = path.join(outdir, 'access-report.md');
  return fs.existsSync(file)
    ? `  access report: ${path.relative(process.cwd(), file)} (and access-report.json)\n`
    : '  access report: not written (apply SecurityChecks or AccessReport to the app)\n';
}

module.exports = { summariseOutdir, countBlocks, accessReportLine };
