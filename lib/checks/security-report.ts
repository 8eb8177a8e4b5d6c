import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from 'cdktf';
import { SARIF_FILE_NAME, sarifLog } from './sarif-report';
import { SecurityFinding, SecurityRuleInfo, SecuritySeverity } from './security-finding';

/** The file each stack's report is written to, beside its cdk.tf.json. */
export const REPORT_FILE_NAME = 'security-report.json';

/** The report of one stack. */
export interface StackSecurityReport {
  readonly stack: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly info: number; readonly suppressed: number };
  readonly findings: SecurityFinding[];
}

const SEVERITY_ORDER = [SecuritySeverity.ERROR, SecuritySeverity.WARNING, SecuritySeverity.INFO];

/** The report of a stack's findings: unsuppressed errors first, then warnings, then suppressed ones; by rule and address. */
export function stackReport(stack: string, findings: SecurityFinding[]): StackSecurityReport {
  const sorted = [...findings].sort((a, b) =>
    Number(a.suppressed) - Number(b.suppressed) ||
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    a.ruleId.localeCompare(b.ruleId, 'en', { numeric: true }) ||
    a.resourceAddress.localeCompare(b.resourceAddress));
  const open = findings.filter((f) => !f.suppressed);
  return {
    stack,
    summary: {
      errors: open.filter((f) => f.severity === SecuritySeverity.ERROR).length,
      warnings: open.filter((f) => f.severity === SecuritySeverity.WARNING).length,
      info: open.filter((f) => f.severity === SecuritySeverity.INFO).length,
      suppressed: findings.length - open.length,
    },
    findings: sorted,
  };
}

/** Writes `<outdir>/stacks/<stack>/security-report.json` and its SARIF 2.1.0 twin `security-report.sarif`. */
export function writeStackReport(outdir: string, report: StackSecurityReport, rules: readonly SecurityRuleInfo[]): void {
  const directory = path.join(outdir, Manifest.stacksFolder, report.stack);
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, REPORT_FILE_NAME), `${JSON.stringify(report, undefined, 2)}\n`);
  const stackFile = path.relative(process.cwd(), path.join(directory, 'cdk.tf.json')).split(path.sep).join('/');
  fs.writeFileSync(path.join(directory, SARIF_FILE_NAME), `${JSON.stringify(sarifLog(report, rules, stackFile), undefined, 2)}\n`);
}
