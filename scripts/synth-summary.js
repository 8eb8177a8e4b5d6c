// Summarises a cdktf output folder: stacks in manifest order with their resource and data source counts.
const fs = require('fs');
const path = require('path');

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
  }
  return lines.join('\n') + '\n';
}

module.exports = { summariseOutdir, countBlocks };
