import * as path from 'path';
import { App, DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Testing, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { resolvedFragment } from '../../lib/core/app-index';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

function elementsOf(scope: IConstruct): TerraformElement[] {
  return [...(TerraformElement.isTerraformElement(scope) ? [scope] : []), ...scope.node.children.filter((c) => !TerraformStack.isStack(c)).flatMap(elementsOf)];
}

describe('resolvedFragment', () => {
  it.each(['secure-mesh', 'pipeline', 'adopt-existing', 'cronjob'])('resolves every element of the %s example exactly as Tokenization.resolve does', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp } = require(path.join(__dirname, '..', '..', 'examples', name, 'app')) as { buildApp: (app: App) => void };
    const app = Testing.app();
    buildApp(app);
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    let compared = 0;
    for (const stack of stacks) {
      for (const element of elementsOf(stack)) {
        const expected = Tokenization.resolve(element.toTerraform(), { scope: stack, preparing: false, resolver: RESOLVER });
        expect(resolvedFragment(element.toTerraform(), stack)).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
