#!/usr/bin/env node
// `npm test`: lint, the jsii build, the type check and the unit tests, run side by side rather than one
// after another (they read the same sources and write nothing the others read); the consumer test, which
// packs that build and installs it into a new project, follows the build. Each step's output is printed
// in one piece when it ends, with its wall time; the run fails when any step fails.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const STEPS = ['lint', 'build', 'typecheck', 'unit'];
/** Steps that start when another one has passed, with the npm script and its arguments. */
const AFTER = { build: { step: 'consumer', args: ['--built'] } };
// The steps' temporary files (cdktf's Testing writes a folder per synthesised app and never removes it,
// thousands per run) go to one folder, removed when the run ends.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-gke-secure-mesh-test-'));
const env = { ...process.env, TMPDIR: tmp };

function run(step, args = []) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', step, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: root, env });
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

/** Runs `step`, then the step that follows it when it passed; resolves with the results of both. */
async function runWithFollowers(step) {
  const result = await run(step);
  const next = AFTER[step];
  if (!next) return [result];
  if (result.code !== 0) return [result, { step: next.step, code: 1, seconds: '0.0' }];
  return [result, await run(next.step, next.args)];
}

const started = Date.now();
Promise.all(STEPS.map(runWithFollowers)).then((nested) => {
  fs.rmSync(tmp, { recursive: true, force: true });
  const results = nested.flat();
  const failed = results.filter((r) => r.code !== 0);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${results.map((r) => `${r.step} ${r.seconds} s`).join(', ')}; total ${total} s`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.map((r) => r.step).join(', ')}`);
    process.exitCode = 1;
  }
});
