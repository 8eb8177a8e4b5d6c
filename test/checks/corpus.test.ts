import { SecurityFinding, SecuritySeverity } from '../../lib';
import { CorpusCase } from './corpus/corpus-case';
import { CLUSTER_CASES } from './corpus/cluster-cases';
import { CORRECT_CASES } from './corpus/correct-cases';
import { ESCAPE_HATCH_CASES } from './corpus/escape-hatch-cases';
import { FEDERATION_CASES, IAM_CASES } from './corpus/iam-cases';
import { MESH_CASES } from './corpus/mesh-cases';
import { POD_SECURITY_CASES } from './corpus/pod-security-cases';
import { RBAC_CASES } from './corpus/rbac-cases';
import { findingsFor } from './fixtures';

/**
 * The coverage corpus: misconfigurations written with raw provider classes, as careless users write them,
 * by the categories of checkov, trivy and the CIS GKE benchmark, plus correct configurations. The test
 * measures the catch rates and prints them; the thresholds are the pack's promise.
 */
const CORE = [...POD_SECURITY_CASES, ...RBAC_CASES, ...IAM_CASES, ...FEDERATION_CASES, ...MESH_CASES, ...CLUSTER_CASES];
const ALL = [...CORE, ...ESCAPE_HATCH_CASES];

interface Outcome {
  readonly kase: CorpusCase;
  readonly caught: boolean;
  readonly asError: boolean;
}

function outcome(kase: CorpusCase): Outcome {
  const hits = findingsFor(kase.build).filter((f) => !f.suppressed && kase.caughtBy.includes(f.ruleId));
  return { kase, caught: hits.length > 0, asError: hits.some((f) => f.severity === SecuritySeverity.ERROR) };
}

function noisy(findings: SecurityFinding[]): SecurityFinding[] {
  return findings.filter((f) => !f.suppressed && f.severity !== SecuritySeverity.INFO);
}

function rate(outcomes: Outcome[]): { caught: number; total: number; percent: number } {
  const caught = outcomes.filter((o) => o.caught).length;
  return { caught, total: outcomes.length, percent: Math.round((1000 * caught) / outcomes.length) / 10 };
}

describe('coverage corpus', () => {
  const outcomes = ALL.map(outcome);
  const core = outcomes.filter((o) => !o.kase.escapeHatch);
  const escape = outcomes.filter((o) => o.kase.escapeHatch);
  const critical = outcomes.filter((o) => o.kase.critical);
  const falsePositives = CORRECT_CASES.map((c) => ({ name: c.name, findings: noisy(findingsFor(c.build)) })).filter((c) => c.findings.length > 0);

  it('is large enough to mean something', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(100);
    expect(escape.length).toBeGreaterThanOrEqual(25);
    expect(CORRECT_CASES.length).toBeGreaterThanOrEqual(18);
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
  });

  it('catches at least 90% of core cases, 85% of escape-hatch cases, every critical case as an error, with at most one false positive', () => {
    const figures = {
      core: rate(core), escapeHatch: rate(escape), critical: rate(critical.map((o) => ({ ...o, caught: o.asError }))),
      byCategory: Object.fromEntries([...new Set(ALL.map((c) => c.category))].map((cat) => [cat, rate(outcomes.filter((o) => o.kase.category === cat))])),
      correct: { total: CORRECT_CASES.length, falsePositives: falsePositives.length },
    };
    console.log(`coverage corpus: ${JSON.stringify(figures, undefined, 1)}\nmissed: ${JSON.stringify(outcomes.filter((o) => !o.caught).map((o) => o.kase.name))}\n` +
      `false positives: ${JSON.stringify(falsePositives.map((c) => [c.name, c.findings.map((f) => f.message)]))}`);
    expect(figures.core.percent).toBeGreaterThanOrEqual(90);
    expect(figures.escapeHatch.percent).toBeGreaterThanOrEqual(85);
    expect(critical.filter((o) => !o.asError).map((o) => o.kase.name)).toEqual([]);
    expect(falsePositives.length).toBeLessThanOrEqual(1);
  });
});
