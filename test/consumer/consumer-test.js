#!/usr/bin/env node
// The package as a user gets it: `npm pack` (which builds it through `prepack`), an install of the tarball
// with its peer dependencies into a new project outside the repository, then, compiled by that project's
// TypeScript against the published types in one run, the README's quick start verbatim, the secure-mesh
// example with its imports pointed at the package, and the apps of test/consumer/apps, written as a user
// writes them (an Autopilot cluster with a CronJob, a two-pool cluster with a CronJob on its Spot pool, a
// two-service mesh with a gateway, a CA hierarchy in Europe). Each app, the quick start included, must
// synthesise with the rule pack on (it fails synth on errors), report no rule-pack warning either, and its
// output must pass strict validation. Run by `.ci/run` after
// `npm test`; about a minute with a warm npm cache. Set KEEP_CONSUMER=1 to keep the temporary
// project for inspection.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { quickStartCode, readmePath } = require('../docs/code-blocks');
const { checkNoWarnings, validateOutdir } = require('./validate-outdir');

const root = path.resolve(__dirname, '..', '..');
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
const appsDir = path.join(__dirname, 'apps');
/** The apps of test/consumer/apps, each a folder with a main.ts that imports only the package and providers. */
const userApps = fs.readdirSync(appsDir).filter((name) => fs.existsSync(path.join(appsDir, name, 'main.ts'))).sort();
const apps = ['quick-start', 'secure-mesh', ...userApps];

/** The version of a dependency installed in this repository, so the consumer install hits the npm cache. */
function installedVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function step(title, action) {
  const started = Date.now();
  const result = action();
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-gke-secure-mesh-consumer-'));
try {
  // `--built`: `npm test` runs this after its own build step, so the pack reuses that dist/ and .jsii.
  const built = process.argv.includes('--built');
  const tarball = step(built ? 'npm pack of the build npm test made' : 'npm pack (prepack builds dist/)', () => {
    const output = run('npm', ['pack', '--json', '--pack-destination', work, ...(built ? ['--ignore-scripts'] : [])], root);
    const [packed] = JSON.parse(output.slice(output.search(/^\[/m))); // after the prepack build's log
    const files = packed.files.map((f) => f.path);
    const unwanted = files.filter((f) => /^(test|examples|bench|scripts|lib)\//.test(f) || /(^|\/)tsconfig/.test(f));
    for (const required of ['dist/index.js', 'dist/index.d.ts', '.jsii', 'README.md', 'LICENSE', 'package.json']) {
      if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
    }
    if (!files.some((f) => f.startsWith('docs/'))) throw new Error('the tarball lacks docs/');
    if (unwanted.length > 0) throw new Error(`the tarball ships files users do not need: ${unwanted.slice(0, 5).join(', ')}`);
    return path.join(work, packed.filename);
  });

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2020', module: 'commonjs', strict: true, skipLibCheck: true, outDir: 'out', rootDir: '.' },
    include: apps.map((app) => `${app}/*.ts`),
  }, null, 2));

  const peers = Object.keys(rootPackage.peerDependencies).map((name) => `${name}@${installedVersion(name)}`);
  step(`npm install of the tarball, ${peers.join(', ')} and typescript`, () => run('npm', [
    'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
    tarball, ...peers, `typescript@${installedVersion('typescript')}`, `@types/node@${installedVersion('@types/node')}`,
  ], project));

  // The README's quick start, verbatim; the secure-mesh example as a user would write it, importing the package.
  fs.mkdirSync(path.join(project, 'quick-start'));
  fs.writeFileSync(path.join(project, 'quick-start', 'main.ts'), quickStartCode(fs.readFileSync(readmePath, 'utf8')));
  fs.mkdirSync(path.join(project, 'secure-mesh'));
  for (const file of ['app.ts', 'main.ts']) {
    const source = fs.readFileSync(path.join(root, 'examples', 'secure-mesh', file), 'utf8');
    fs.writeFileSync(path.join(project, 'secure-mesh', file), source.replace(/from '\.\.\/\.\.\/lib'/g, "from 'cdktf-gke-secure-mesh'"));
  }
  for (const app of userApps) {
    fs.mkdirSync(path.join(project, app));
    fs.copyFileSync(path.join(appsDir, app, 'main.ts'), path.join(project, app, 'main.ts'));
  }

  step(`tsc over the ${apps.length} apps against the published types`, () => run(path.join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project));

  for (const app of apps) {
    const outdir = path.join(project, app, 'cdktf.out');
    step(`${app}: synth`, () => execFileSync(process.execPath, ['main.js'], {
      cwd: path.join(project, 'out', app), env: { ...env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'ignore', 'inherit'],
    }));
    step(`${app}: rule pack without errors or warnings`, () => checkNoWarnings(outdir));
    step(`${app}: validation of ${path.relative(project, outdir)}`, () => validateOutdir(outdir, project));
  }
  console.log(`The packed library installs and builds ${apps.join(', ')}.`);
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
