// Checks a synthesised cdktf.out folder: offline validation with the installed package's own validator and
// the provider schemas the package ships, in strict mode (a type the bundled schemas do not cover fails
// too), and the rule pack's reports.
const fs = require('fs');
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

/**
 * Throws unless every stack of `outdir` has the rule pack's security-report.json (the app applied
 * SecurityChecks) with no error and no warning; the findings are listed.
 */
function checkNoWarnings(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const problems = Object.values(manifest.stacks).flatMap((stack) => {
    const reportFile = path.join(outdir, stack.workingDirectory, 'security-report.json');
    if (!fs.existsSync(reportFile)) return [`${stack.name}: no security-report.json: the app does not apply SecurityChecks`];
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    return report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${stack.name}: ${f.message}`);
  });
  if (problems.length > 0) throw new Error(`${outdir}:\n${problems.join('\n')}`);
}

module.exports = { checkNoWarnings, validateOutdir };
