#!/usr/bin/env node
// `npm test`: lint, the jsii build, the type check and the unit tests, run side by side rather than one
// after another (they read the same sources and write nothing the others read). Each step's output is
// printed in one piece when it ends, with its wall time; the run fails when any step fails.
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const STEPS = ['lint', 'build', 'typecheck', 'unit'];

function run(step) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', step], { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n=== ${step}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n${output}`);
      resolve({ step, code, seconds });
    });
  });
}

const started = Date.now();
Promise.all(STEPS.map(run)).then((results) => {
  const failed = results.filter((r) => r.code !== 0);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${results.map((r) => `${r.step} ${r.seconds} s`).join(', ')}; total ${total} s`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.map((r) => r.step).join(', ')}`);
    process.exitCode = 1;
  }
});
