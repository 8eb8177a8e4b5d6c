import { SecurityRuleInfo, SecuritySeverity } from './security-finding';
import { StackSecurityReport } from './security-report';

/** The file each stack's SARIF log is written to, beside its security-report.json. */
export const SARIF_FILE_NAME = 'security-report.sarif';

/** The SARIF 2.1.0 schema the log declares (GitHub code scanning reads version 2.1.0). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const TOOL_NAME = 'cdktf-gke-secure-mesh SecurityChecks';
const TOOL_URI = 'https://github.com/cdktf-gke-secure-mesh/cdktf-gke-secure-mesh/blob/main/docs/checks.md';

const LEVELS: { readonly [severity: string]: 'error' | 'warning' | 'note' } = {
  [SecuritySeverity.ERROR]: 'error', [SecuritySeverity.WARNING]: 'warning', [SecuritySeverity.INFO]: 'note',
};

function level(severity: SecuritySeverity): 'error' | 'warning' | 'note' {
  return LEVELS[severity];
}

/**
 * The SARIF 2.1.0 log of one stack's report, for GitHub code scanning and other SARIF viewers: one run
 * of the rule pack, every rule as a reportingDescriptor, every finding as a result located in the stack's
 * `cdk.tf.json` and named by Terraform address and construct path. Suppressed findings carry an external
 * suppression with the reason, so viewers show them as accepted.
 */
export function sarifLog(report: StackSecurityReport, rules: readonly SecurityRuleInfo[], stackFile: string): object {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          informationUri: TOOL_URI,
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/[^A-Za-z0-9]/g, ''),
            shortDescription: { text: rule.title },
            fullDescription: { text: `${rule.title}. Source: ${rule.source}` },
            help: { text: `Fix: ${rule.fix}` },
            defaultConfiguration: { level: level(rule.severity) },
            properties: { tags: ['security', 'terraform', 'gke'] },
          })),
        },
      },
      automationDetails: { id: `security-checks/${report.stack}/` },
      results: report.findings.map((finding) => ({
        ruleId: finding.ruleId,
        ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
        level: level(finding.severity),
        message: { text: finding.message },
        locations: [{
          physicalLocation: { artifactLocation: { uri: stackFile }, region: { startLine: 1 } },
          logicalLocations: [{ name: finding.resourceAddress, fullyQualifiedName: finding.constructPath, kind: 'resource' }],
        }],
        partialFingerprints: { resourceRule: `${report.stack}/${finding.resourceAddress}/${finding.ruleId}` },
        ...(finding.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.suppressionReason ?? '' }] } : {}),
      })),
    }],
  };
}
