import * as path from 'path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..', '..');
// The project's own flat config, passed in directly (jest cannot load config files by dynamic import).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require(path.join(root, 'eslint.config.js')) });

async function ruleIds(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, 'lib', 'probe.ts') });
  return result.messages.map((m) => m.ruleId ?? 'fatal');
}

/** A provider package name, assembled so that this file itself contains no root import. */
const pkg = (name: string) => ['@cdktf', `provider-${name}`].join('/');

describe('the deep-import lint rule', () => {
  it.each([
    `import { ContainerCluster } from '${pkg('google')}';`,
    `import * as google from '${pkg('google')}/lib';`,
    `import { GoogleNetworkSecurityAuthorizationPolicy } from '${pkg('google-beta')}';`,
    `import { Manifest } from '${pkg('kubernetes')}';`,
    `export { ContainerCluster } from '${pkg('google')}';`,
  ])('fails %s', async (code) => {
    expect(await ruleIds(code)).toContain('no-restricted-imports');
  });
  it('fails a package-root require', async () => {
    expect(await ruleIds(`const google = require('${pkg('google')}');\nexport default google;`)).toContain('no-restricted-syntax');
  });
  it('accepts a deep import', async () => {
    expect(await ruleIds(`import { ContainerCluster } from '${pkg('google')}/lib/container-cluster';\nexport { ContainerCluster };`))
      .toEqual([]);
  });
});
