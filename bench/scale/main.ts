// A scale app for `npm run bench`, run as a cdktf app: BENCH_SCALE_APP names the app (mesh-services or
// workload-identities) and BENCH_SIZE its size; both may also be given as arguments:
//   node -r ./scripts/register-ts.js bench/scale/main.ts workload-identities 3000
// BENCH_IDENTITIES_PER_NAMESPACE (default 100) sets how many workload identities share a namespace.
import { App } from 'cdktf';
import { buildMeshServices } from './mesh-services';
import { buildWorkloadIdentities } from './workload-identities';

const builders: { [name: string]: (app: App, size: number) => void } = {
  'mesh-services': buildMeshServices,
  'workload-identities': (app, size) => buildWorkloadIdentities(app, size, Number(process.env.BENCH_IDENTITIES_PER_NAMESPACE ?? 100)),
};

const [nameArgument, sizeArgument] = process.argv.slice(2).filter((arg) => !arg.endsWith('.ts') && !arg.endsWith('.js'));
const name = process.env.BENCH_SCALE_APP ?? nameArgument;
const size = Number(process.env.BENCH_SIZE ?? sizeArgument);
const build = name === undefined ? undefined : builders[name];
if (!build || !Number.isInteger(size) || size < 1) {
  throw new Error(`usage: BENCH_SCALE_APP=<${Object.keys(builders).join('|')}> BENCH_SIZE=<positive integer>; got ${name} ${size}`);
}
// The time of building and synthesising the app, without starting node and loading modules: what grows
// with the size. bench/run.js reads this line for the time per resource and the linearity verdict.
const started = performance.now();
const app = new App();
build(app, size);
const built = performance.now();
app.synth();
const done = performance.now();
process.stdout.write(`@@bench-app ${JSON.stringify({ buildMs: built - started, synthMs: done - built })}\n`);
