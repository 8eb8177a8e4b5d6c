import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { BlueprintTesting } from '../../lib';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, 'app.ts'))).sort();

/**
 * Every example app, tested the way the docs tell users to test theirs (docs/testing.md): synthesised per
 * stack with aspects and validations into stable JSON, snapshot-tested, and free of rule-pack errors.
 */
describe.each(examples)('example %s', (name) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(path.join(examplesDir, name, 'app')) as { buildApp: (app: App) => void };
  const app = Testing.app();
  buildApp(app);
  const stackIds = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c)).map((s) => s.node.id);
  let synthesized: Record<string, unknown> | undefined;
  const stacks = () => (synthesized ??= BlueprintTesting.synthStacks(app));

  it('has at least one stack', () => {
    expect(stackIds.length).toBeGreaterThan(0);
  });
  it('synthesises without rule-pack or validation errors', () => {
    expect(BlueprintTesting.errorsOf(app)).toEqual([]);
  });
  it('validates against the provider schemas, every type covered', () => {
    expect(BlueprintTesting.schemaViolationsOf(app, { strict: true })).toEqual([]);
  });
  it.each(stackIds)('stack %s matches its snapshot', (id) => {
    expect(stacks()[id]).toMatchSnapshot();
  });
});
