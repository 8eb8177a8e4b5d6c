// Checks a synthesised cdktf.out folder: every stack of the manifest has its Terraform JSON, the JSON
// declares a required provider for every resource and data source type it uses, and no stack is empty.
const fs = require('fs');
const path = require('path');

/** The provider a resource type belongs to: its prefix before the first underscore. */
function providerOf(type) {
  return type.slice(0, type.indexOf('_'));
}

function validateOutdir(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks = Object.values(manifest.stacks);
  if (stacks.length === 0) throw new Error(`${outdir}: the manifest lists no stacks`);
  for (const stack of stacks) {
    const file = path.join(outdir, stack.synthesizedStackPath);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const declared = new Set(Object.keys(json.terraform?.required_providers ?? {}));
    const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
    if (types.length === 0) throw new Error(`${file}: no resources or data sources`);
    const undeclared = types.filter((type) => type !== 'terraform_remote_state' && !declared.has(providerOf(type)) &&
      !(providerOf(type) === 'google' && declared.has('google-beta')));
    if (undeclared.length > 0) throw new Error(`${file}: no required provider for ${undeclared.join(', ')}`);
  }
}

module.exports = { validateOutdir };
