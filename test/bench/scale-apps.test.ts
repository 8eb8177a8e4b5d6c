import { App, Testing } from 'cdktf';
import { BlueprintTesting, SecurityChecks, SecuritySeverity } from '../../lib';
import { buildMeshServices } from '../../bench/scale/mesh-services';
import { buildWorkloadIdentities } from '../../bench/scale/workload-identities';

/** Builds a scale app and returns its synthesized blocks (resources and data sources) per stack, and its open findings (errors and warnings; info is advice). */
function synthScale(build: (app: App, size: number) => void, size: number) {
  const app = Testing.app();
  build(app, size);
  const stacks = BlueprintTesting.synthStacks(app) as { [stack: string]: { resource?: object; data?: object } };
  const blocks = Object.values(stacks).reduce((n, tf) =>
    n + [tf.resource, tf.data].reduce((m, section) => m + Object.values(section ?? {}).reduce((k, byName) => k + Object.keys(byName).length, 0), 0), 0);
  return { blocks, errors: BlueprintTesting.errorsOf(app), open: SecurityChecks.findingsOf(app).filter((f) => !f.suppressed && f.severity !== SecuritySeverity.INFO) };
}

describe('the scale apps of the benchmark', () => {
  // identities alternate in a cycle of three (direct, direct, linked), so their sizes step by three
  it.each([
    ['mesh-services', buildMeshServices, 1],
    ['workload-identities', buildWorkloadIdentities, 3],
  ] as const)('%s synthesises without errors or open findings, and every step adds the same blocks', (_name, build, step) => {
    const results = [step, 2 * step, 3 * step].map((size) => synthScale(build, size));
    for (const result of results) {
      expect(result.errors).toEqual([]);
      expect(result.open.map((f) => f.message)).toEqual([]);
    }
    const [one, two, three] = results.map((r) => r.blocks);
    expect(two - one).toBeGreaterThan(0);
    expect(three - two).toBe(two - one);
  });
});
