import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, 'app.ts'))).sort();

/** Every example app: synthesised per stack (aspects and validations included) and snapshot-tested. */
describe.each(examples)('example %s', (name) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(path.join(examplesDir, name, 'app')) as { buildApp: (app: App) => void };
  const app = Testing.app();
  buildApp(app);
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));

  it('has at least one stack', () => {
    expect(stacks.length).toBeGreaterThan(0);
  });
  it.each(stacks.map((s) => [s.node.id, s] as const))('stack %s matches its snapshot', (_id, stack) => {
    expect(JSON.parse(Testing.synth(stack, true))).toMatchSnapshot();
  });
});
