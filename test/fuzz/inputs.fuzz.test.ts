import * as fc from 'fast-check';
import * as lib from '../../lib';
import { CaseResult, fuzzCase, runCase, summarise } from './run-case';
import { NOT_FUZZED, TARGETS } from './targets';

/** FUZZ_RUNS=3000 npx jest test/fuzz for a long run; `npm test` runs a fixed sample within its time budget. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

describe('input fuzzing of every public construct and factory', () => {
  const results: CaseResult[] = [];
  beforeAll(() => {
    for (const c of fc.sample(fuzzCase, { seed: SEED, numRuns: RUNS })) results.push(runCase(c));
    // eslint-disable-next-line no-console
    console.log(`input fuzzing: ${RUNS} cases, seed ${SEED}\n${summarise(results)}`);
  }, 600_000);

  const of = (k: CaseResult['inputClass']) => results.filter((r) => r.inputClass === k);
  const list = (rs: CaseResult[]) => rs.map((r) => `${r.name} [${r.inputClass}] ${r.outcome}: ${r.message ?? ''}`.slice(0, 300)).join('\n');

  test('every exported class is fuzzed or named as built from nothing', () => {
    const fuzzed = new Set(TARGETS.map((t) => t.name.split('.')[0]));
    const classes = Object.entries(lib).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(classes.filter((k) => !fuzzed.has(k) && !(k in NOT_FUZZED))).toEqual([]);
  });

  test('no crash and no hang on any input', () => {
    expect(list(results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang'))).toBe('');
  });

  test('no token and no valid edge value is refused', () => {
    expect(list(results.filter((r) => r.outcome === 'refused'))).toBe('');
  });

  test('at least 98% of well-typed invalid inputs get a clear error, at most 1% pass silently', () => {
    const invalid = of('invalid');
    expect(invalid.length).toBeGreaterThan(50);
    const clear = invalid.filter((r) => r.outcome === 'clear').length / invalid.length;
    const silent = invalid.filter((r) => r.outcome === 'silent').length / invalid.length;
    if (clear < 0.98 || silent > 0.01) {
      throw new Error(`clear ${(clear * 100).toFixed(1)}%, silent ${(silent * 100).toFixed(1)}%:\n${list(invalid.filter((r) => r.outcome !== 'clear'))}`);
    }
  });
});
