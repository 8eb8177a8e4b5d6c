// Validates a synthesised cdktf.out folder offline with the installed package's own validator and the
// provider schemas the package ships, in strict mode: a type the bundled schemas do not cover fails too.
const { createRequire } = require('module');
const path = require('path');

/** Throws with one line per finding when any stack of `outdir` does not conform to the provider schemas. */
function validateOutdir(outdir, project) {
  const installed = createRequire(path.join(project, 'package.json'))('cdktf-gke-secure-mesh');
  const validator = new installed.ProviderSchemaValidator({ strict: true });
  const findings = validator.validateOutdir(outdir);
  if (findings.length > 0) {
    throw new Error(`${outdir}:\n${findings.map((f) => installed.ProviderSchemaValidator.formatFinding(f)).join('\n')}`);
  }
}

module.exports = { validateOutdir };
