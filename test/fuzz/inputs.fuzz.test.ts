import * as fc from 'fast-check';
import * as lib from '../../lib';
import { CaseResult, fuzzCase, runCase, summarise } from './run-case';
import { NOT_FUZZED, TARGETS } from './targets';

/** FUZZ_RUNS=3000 npx jest test/fuzz for a long run; `npm test` runs a fixed sample within its time budget. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

/** The floor of clear errors among well-typed invalid inputs (issue 17: 98%), and the ceiling of silent ones (issue 17: 1%). */
const CLEAR_FLOOR = 0.98;
const SILENT_CEILING = 0.01;

describe('input fuzzing of every public construct and factory', () => {
  const results: CaseResult[] = [];
  beforeAll(() => {
    for (const c of fc.sample(fuzzCase, { seed: SEED, numRuns: RUNS })) results.push(runCase(c));
    console.log(`input fuzzing: ${RUNS} cases, seed ${SEED}\n${summarise(results)}`);
  }, 600_000);

  const list = (rs: CaseResult[]) => rs.map((r) => `${r.name} [${r.inputClass}] ${r.outcome}: ${r.message ?? ''}`.slice(0, 300)).join('\n');
  const withOutcome = (outcome: string) => results.filter((r) => r.outcome === outcome);

  test('every exported class is fuzzed or named as built from nothing', () => {
    const fuzzed = new Set(TARGETS.map((t) => t.name.split('.')[0]));
    const classes = Object.entries(lib).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(classes.filter((k) => !fuzzed.has(k) && !(k in NOT_FUZZED))).toEqual([]);
  });

  test('no hang on any input', () => {
    expect(list(withOutcome('hang'))).toBe('');
  });

  test('no crash on any input', () => {
    expect(list(withOutcome('crash'))).toBe('');
  });

  test('no token and no valid edge value refused', () => {
    expect(list(withOutcome('refused'))).toBe('');
  });

  test('well-typed invalid inputs: clear errors and silent acceptance stay within the ratchet', () => {
    const invalid = results.filter((r) => r.inputClass === 'invalid');
    expect(invalid.length).toBeGreaterThan(50);
    const clear = invalid.filter((r) => r.outcome === 'clear').length / invalid.length;
    const silent = invalid.filter((r) => r.outcome === 'silent').length / invalid.length;
    if (clear < CLEAR_FLOOR || silent > SILENT_CEILING) {
      throw new Error(`clear ${(clear * 100).toFixed(1)}%, silent ${(silent * 100).toFixed(1)}%:\n${list(invalid.filter((r) => r.outcome !== 'clear'))}`);
    }
  });
});
