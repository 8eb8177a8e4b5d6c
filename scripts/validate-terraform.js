#!/usr/bin/env node
// Validates synthesised Terraform against the providers' schemas, offline (lib/validation, with the trimmed
// schemas of schemas/): every stack of every example, or of the paths given. Prints one line per violation
// (stack: resource address: attribute: what the schema allows) and exits 1 when there is one.
//
//   npm run validate                                     every example (synthesised first when missing)
//   npm run validate -- path/to/cdktf.out [more paths]   cdktf.out folders, or single cdk.tf.json files
//   --schema full.json   a full `terraform providers schema -json` dump for types the bundled schemas lack
//                        (repeatable)
//   --strict             types without a schema are violations, not just reported
//   --terraform          instead: `terraform init -backend=false` and `terraform validate` in every stack
//                        (downloads the providers; for CI with network access)
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };

function parseArgs(argv) {
  const options = { schemaFiles: [], strict: false, terraform: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schema') {
      if (argv[i + 1] === undefined) throw new Error('--schema needs a file: the output of `terraform providers schema -json`');
      options.schemaFiles.push(argv[++i]);
    } else if (arg === '--strict') options.strict = true;
    else if (arg === '--terraform') options.terraform = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}: use --schema <file>, --strict, --terraform and paths`);
    else options.paths.push(arg);
  }
  return options;
}

/** The example folders' cdktf.out, synthesising the examples whose output is missing. */
function exampleOutdirs() {
  const names = fs.readdirSync(examplesDir).filter((n) => fs.existsSync(path.join(examplesDir, n, 'main.ts'))).sort();
  const missing = names.filter((n) => !fs.existsSync(path.join(examplesDir, n, 'cdktf.out', 'manifest.json')));
  if (missing.length > 0) {
    console.log(`Synthesising ${missing.join(', ')} first (npm run synth refreshes every example)...`);
    const result = spawnSync(process.execPath, [path.join(__dirname, 'synth-examples.js'), ...missing], { env, encoding: 'utf8' });
    if (result.status !== 0) {
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      throw new Error('synthesis failed: fix it, or run `npm run synth` to see why');
    }
  }
  return names.map((n) => path.join(examplesDir, n, 'cdktf.out'));
}

/** Every stack of a path: `{ label, file, dir }` (label: app folder/stack), from a manifest or a single cdk.tf.json file. */
function stacksOf(target) {
  const file = fs.statSync(target).isFile() ? target : undefined;
  if (file) return [{ label: path.basename(path.dirname(path.resolve(file))), file, dir: path.dirname(file) }];
  const outdir = fs.existsSync(path.join(target, 'manifest.json')) ? target : path.join(target, 'cdktf.out');
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${target} is neither a cdk.tf.json file nor a folder with a cdktf.out manifest.json: run \`npm run synth\` (or \`cdktf synth\`) first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const app = path.basename(path.dirname(path.resolve(outdir)));
  return Object.values(manifest.stacks).map((s) => ({
    label: `${app}/${s.name}`, file: path.join(outdir, s.synthesizedStackPath), dir: path.join(outdir, s.workingDirectory),
  }));
}

function validateOffline(targets, options) {
  require('./register-ts');
  const { ProviderSchemaValidator, SchemaFindingKind } = require('../lib/validation/provider-schema-validator');
  const started = process.hrtime.bigint();
  const validator = new ProviderSchemaValidator({ schemaFiles: options.schemaFiles, strict: options.strict });
  let violations = 0;
  let uncovered = 0;
  let stacks = 0;
  for (const target of targets) {
    for (const stack of stacksOf(target)) {
      stacks++;
      for (const finding of validator.validateStack(stack.label, JSON.parse(fs.readFileSync(stack.file, 'utf8')))) {
        if (finding.kind === SchemaFindingKind.VIOLATION) violations++;
        else uncovered++;
        console.log(ProviderSchemaValidator.formatFinding(finding));
      }
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${violations} violation(s), ${uncovered} block(s) not covered by the schemas at hand, in ${stacks} stack(s) (${ms.toFixed(0)} ms).`);
  return violations === 0;
}

function validateWithTerraform(targets) {
  let failed = 0;
  for (const stack of targets.flatMap(stacksOf)) {
    for (const args of [['init', '-backend=false', '-input=false'], ['validate']]) {
      const result = spawnSync('terraform', args, { cwd: stack.dir, stdio: 'inherit', env });
      if (result.status !== 0) {
        failed++;
        console.error(`✗ ${stack.dir}: terraform ${args[0]} failed`);
        break;
      }
    }
  }
  return failed === 0;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const targets = options.paths.length > 0 ? options.paths : exampleOutdirs();
  const ok = options.terraform ? validateWithTerraform(targets) : validateOffline(targets, options);
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(`validate: ${error.message}`);
  process.exit(1);
}
