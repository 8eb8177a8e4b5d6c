#!/usr/bin/env node
// Regenerates the trimmed provider schemas in schemas/ (read by the offline validator, lib/validation) from
// full `terraform providers schema -json` dumps. The types kept are the ones this project can emit: every
// binding it imports by deep path (`@cdktf/provider-<name>/lib/<module>`, found in the scanned folders and
// resolved to a Terraform type through the binding's `tfResourceType`), plus the types given with --type,
// plus every provider's configuration block. Inputs are read in order, the transcribed partial schemas in
// schemas/sources/ first, so a full dump given later replaces what they hold.
//
//   node scripts/trim-provider-schemas.js [--scan <dir>]... [--type <provider>/<type>]... <dump.json>...
//
// --scan defaults to lib, examples and test; --type takes a provider's local name and a resource type, or
// `data.<type>` for a data source (for example `--type google/google_compute_instance`).
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const schemasDir = path.join(root, 'schemas');
const sourcesDir = path.join(schemasDir, 'sources');

function parseArgs(argv) {
  const options = { scan: [], types: [], dumps: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scan' || arg === '--type') {
      if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
      options[arg === '--scan' ? 'scan' : 'types'].push(argv[++i]);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}: use --scan <dir>, --type <provider>/<type> and schema dump files`);
    } else {
      options.dumps.push(arg);
    }
  }
  if (options.scan.length === 0) options.scan = ['lib', 'examples', 'test'].map((dir) => path.join(root, dir));
  return options;
}

/** Every file under `dir` that may import a binding, skipping installed and synthesised folders. */
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'cdktf.out', '.gen'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The types emitted through deep binding imports: `{ provider, kind, type }`, kind `resource` or `data`. */
function importedTypes(scanDirs) {
  const modules = new Set();
  for (const file of scanDirs.flatMap(sourceFiles)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/@cdktf\/provider-([a-z-]+)\/lib\/([a-z0-9-]+)/g)) {
      if (match[2] !== 'provider') modules.add(`${match[1]}/${match[2]}`);
    }
  }
  const types = [];
  for (const key of [...modules].sort()) {
    const [provider, module] = key.split('/');
    const exported = require(require.resolve(`@cdktf/provider-${provider}/lib/${module}`, { paths: [root] }));
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function' || typeof value.tfResourceType !== 'string') continue;
      types.push({ provider, kind: name.startsWith('Data') ? 'data' : 'resource', type: value.tfResourceType });
    }
  }
  return types;
}

function listedTypes(specs) {
  return specs.map((spec) => {
    const match = /^([a-z0-9-]+)\/(data\.)?([a-z0-9_]+)$/.exec(spec);
    if (!match) throw new Error(`--type ${spec}: expected <provider>/<type> or <provider>/data.<type>, e.g. google/google_compute_instance`);
    return { provider: match[1], kind: match[2] ? 'data' : 'resource', type: match[3] };
  });
}

/** Merges the inputs per provider address; later inputs replace earlier ones type by type. */
function mergeInputs(files) {
  const providers = new Map();
  for (const file of files) {
    const dump = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [address, schema] of Object.entries(dump.provider_schemas ?? {})) {
      const merged = providers.get(address) ?? { version: undefined, provider: undefined, resources: {}, dataSources: {}, complete: false };
      merged.version = dump.provider_versions?.[address] ?? merged.version;
      merged.provider = schema.provider ?? merged.provider;
      Object.assign(merged.resources, schema.resource_schemas ?? {});
      Object.assign(merged.dataSources, schema.data_source_schemas ?? {});
      merged.complete ||= dump.partial !== true;
      providers.set(address, merged);
    }
  }
  return providers;
}

/** A block schema with only what validation reads: descriptions are kept only for their enum list. */
function trimBlock(block) {
  const result = {};
  if (block.attributes) {
    result.attributes = {};
    for (const [name, attribute] of Object.entries(block.attributes)) {
      const kept = { ...attribute };
      for (const unread of ['description', 'description_kind', 'deprecated', 'sensitive']) delete kept[unread];
      const enumList = /Possible values: \[[^\]]*\]/.exec(attribute.description ?? '');
      if (enumList) kept.description = enumList[0];
      if (attribute.nested_type) kept.nested_type = { ...attribute.nested_type, ...trimBlock(attribute.nested_type) };
      result.attributes[name] = kept;
    }
  }
  if (block.block_types) {
    result.block_types = {};
    for (const [name, nested] of Object.entries(block.block_types)) {
      result.block_types[name] = { ...nested, block: trimBlock(nested.block) };
    }
  }
  return result;
}

function providerFile(address, merged, wanted) {
  const pick = (kind, all) => Object.fromEntries(wanted.filter((w) => w.kind === kind).map((w) => {
    if (!all[w.type]) throw new Error(`${address} has no ${kind === 'data' ? 'data source' : 'resource type'} ${w.type} in the inputs: pass a dump that holds it`);
    return [w.type, { version: all[w.type].version ?? 0, block: trimBlock(all[w.type].block) }];
  }));
  // A partial provider (some input had only some of its types) lists no type names: a type missing from it
  // is then "not covered" rather than "does not exist".
  return {
    format_version: '1.0',
    partial: merged.complete ? undefined : true,
    note: 'Trimmed by scripts/trim-provider-schemas.js: the types this project can emit; see schemas/README.md.',
    provider_versions: merged.version ? { [address]: merged.version } : {},
    provider_schemas: {
      [address]: {
        provider: merged.provider ? { version: 0, block: trimBlock(merged.provider.block) } : undefined,
        resource_schemas: pick('resource', merged.resources),
        data_source_schemas: pick('data', merged.dataSources),
      },
    },
    all_type_names: merged.complete
      ? { resources: Object.keys(merged.resources).sort(), data_sources: Object.keys(merged.dataSources).sort() }
      : undefined,
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.dumps.length === 0) {
    throw new Error('give the full schema dumps to trim (terraform providers schema -json), e.g. google.schema.json kubernetes.schema.json');
  }
  const sources = fs.readdirSync(sourcesDir).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(sourcesDir, n));
  const providers = mergeInputs([...sources, ...options.dumps]);
  const wanted = [...importedTypes(options.scan), ...listedTypes(options.types)];
  for (const [address, merged] of providers) {
    const local = address.split('/').pop();
    // Terraform's built-in provider (terraform_remote_state, which cdktf writes for cross-stack references) is tiny: kept whole.
    const builtin = address.startsWith('terraform.io/builtin/')
      ? [...Object.keys(merged.resources).map((type) => ({ kind: 'resource', type })), ...Object.keys(merged.dataSources).map((type) => ({ kind: 'data', type }))]
      : [];
    const mine = [...wanted.filter((w) => w.provider === local), ...builtin]
      .filter((w, i, all) => all.findIndex((o) => o.kind === w.kind && o.type === w.type) === i)
      .sort((a, b) => a.type.localeCompare(b.type));
    const file = providerFile(address, merged, mine);
    const target = path.join(schemasDir, `${local}.schema.json`);
    fs.writeFileSync(target, `${JSON.stringify(file)}\n`);
    console.log(`${path.relative(root, target)}: ${mine.length} types, ${fs.statSync(target).size} bytes`);
  }
}

try {
  main();
} catch (error) {
  console.error(`trim-provider-schemas: ${error.message}`);
  process.exit(1);
}
