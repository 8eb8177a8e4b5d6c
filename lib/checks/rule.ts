import { AppIndex, TfResource } from '../core/app-index';
import { ClusterMap } from './cluster-map';
import { ServiceAccountIdentities } from './gcp-identities';
import { KubernetesObjects } from './kubernetes-objects';
import { SecurityRuleInfo, SecuritySeverity } from './security-finding';

/** Options of one report: a finding may lower the rule's severity or name a more specific fix. */
export interface ReportOptions {
  readonly severity?: SecuritySeverity;
  readonly fix?: string;
}

/** What every rule reads: the indexed app and the views over it, built once per app. */
export interface RuleContext {
  readonly index: AppIndex;
  readonly clusters: ClusterMap;
  readonly accounts: ServiceAccountIdentities;
  readonly kubernetes: KubernetesObjects;
  /** Whether the GKE service agent role is checked (WI-8). */
  readonly checkServiceAgentRole: boolean;
  /** Records a finding of `rule` on `resource`; `what` names the offending value, without a final period. */
  report(rule: SecurityRuleInfo, resource: TfResource, what: string, options?: ReportOptions): void;
  /** A value computed once per app and shared by several rules. */
  shared<T>(key: string, compute: () => T): T;
}

/** A rule: its documentation and a check that reads the context in one linear pass. */
export interface Rule extends SecurityRuleInfo {
  check(context: RuleContext): void;
}

/** The one-line message of a finding. */
export function findingMessage(ruleId: string, address: string, what: string, fix: string): string {
  return `[${ruleId}] ${address}: ${what}. Fix: ${fix}`;
}
