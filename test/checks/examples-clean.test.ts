import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { SecurityChecks, SecuritySeverity } from '../../lib';
import { isSentence } from '../../lib/checks/suppressions';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
/** The examples whose own app.ts applies the rule pack (the others get the line when their owners adopt it). */
const examples = fs.readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, 'app.ts')))
  .filter((name) => fs.readFileSync(path.join(examplesDir, name, 'app.ts'), 'utf8').includes('SecurityChecks.applyTo('))
  .sort();

/** Builds an example and returns its findings (the analysis the aspect runs at synthesis). */
function findingsOfExample(name: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(path.join(examplesDir, name, 'app')) as { buildApp: (app: App) => void };
  const app = Testing.app();
  buildApp(app);
  return SecurityChecks.findingsOf(app);
}

describe('examples under SecurityChecks', () => {
  const results = new Map(examples.map((name) => [name, findingsOfExample(name)]));

  it('include concealed-nodes', () => {
    expect(examples).toContain('concealed-nodes');
  });

  it.each(examples)('%s has no open finding: errors fixed, warnings fixed or suppressed with a reason (info findings are advice)', (name) => {
    const findings = results.get(name)!;
    expect(findings.filter((f) => !f.suppressed && f.severity !== SecuritySeverity.INFO).map((f) => f.message)).toEqual([]);
    expect(findings.filter((f) => f.suppressed && !isSentence(f.suppressionReason ?? '')).map((f) => f.message)).toEqual([]);
  });
});
