import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { BlueprintTesting } from '../../lib';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, 'app.ts'))).sort();

/** Types of the library's output that hashicorp/google 6.50.0 lacks and only hashicorp/google-beta 6.50.0 has. */
const GOOGLE_BETA_ONLY = ['google_network_security_authorization_policy'];

type Blocks = Record<string, Record<string, { provider?: string }>>;
interface StackJson {
  resource?: Blocks;
  data?: Blocks;
  provider?: Record<string, Array<{ alias?: string }>>;
  terraform?: { required_providers?: Record<string, { source?: string }> };
}

interface RoutedBlock { example: string; stack: string; type: string; provider: string; source?: string; configured: boolean }

/** Every block of every example with the provider Terraform binds it to: its `provider` meta-argument, else its type's prefix. */
function routedBlocks(): RoutedBlock[] {
  const blocks: RoutedBlock[] = [];
  for (const example of examples) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp } = require(path.join(examplesDir, example, 'app')) as { buildApp: (app: App) => void };
    const app = Testing.app();
    buildApp(app);
    for (const [stack, json] of Object.entries(BlueprintTesting.synthStacks(app) as Record<string, StackJson>)) {
      for (const section of [json.resource ?? {}, json.data ?? {}]) {
        for (const [type, byName] of Object.entries(section)) {
          for (const block of Object.values(byName)) {
            const provider = block.provider ?? type.split('_')[0];
            const [localName, alias] = provider.split('.');
            const configured = (json.provider?.[localName] ?? []).some((p) => p.alias === alias);
            const source = json.terraform?.required_providers?.[localName]?.source;
            // Terraform reads a source without a namespace as one of hashicorp's
            blocks.push({ example, stack, type, provider, source: source?.includes('/') ? source : `hashicorp/${source}`, configured });
          }
        }
      }
    }
  }
  return blocks;
}

describe('provider routing of the examples\' output', () => {
  const blocks = routedBlocks();
  const beta = blocks.filter((b) => GOOGLE_BETA_ONLY.includes(b.type));

  it('binds every google-beta-only block to a configured hashicorp/google-beta provider', () => {
    expect(beta.map((b) => `${b.example}/${b.stack}`).sort()).toEqual(['mesh-routes/traffic', 'mesh-routes/traffic', 'multi-cluster-mesh/traffic', 'pipeline/traffic', 'secure-mesh/traffic']);
    for (const block of beta) expect(block).toMatchObject({ provider: 'google-beta', source: 'hashicorp/google-beta', configured: true });
  });
  it('binds every other block to a configured provider of its type\'s prefix', () => {
    const others = blocks.filter((b) => !GOOGLE_BETA_ONLY.includes(b.type) && b.type !== 'terraform_remote_state');
    expect(others.length).toBeGreaterThan(100);
    const misrouted = others.filter((b) => !b.configured || b.provider.split('.')[0] !== b.type.split('_')[0] || b.source !== `hashicorp/${b.type.split('_')[0]}`);
    expect(misrouted).toEqual([]);
  });
});
