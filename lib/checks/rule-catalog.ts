import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { CLUSTER_HARDENING_RULES } from './rules-cluster-hardening';
import { CONTROL_PLANE_RULES } from './rules-control-plane';
import { FEDERATION_RULES } from './rules-federation';
import { IAM_RULES } from './rules-iam';
import { IAM_MEMBER_RULES } from './rules-iam-members';
import { IMAGE_RULES } from './rules-images';
import { KUBERNETES_RULES } from './rules-kubernetes';
import { MESH_RULES } from './rules-mesh';
import { MESH_HARDENING_RULES } from './rules-mesh-hardening';
import { NODE_RULES } from './rules-nodes';
import { PKI_RULES } from './rules-pki';
import { PLAN_STABILITY_RULES } from './rules-plan-stability';
import { POD_SECURITY_RULES } from './rules-pod-security';
import { RBAC_RULES } from './rules-rbac';
import { WORKLOAD_IDENTITY_RULES } from './rules-workload-identity';

/**
 * Every rule of the pack, in report order: Workload Identity, nodes, control plane and cluster hardening,
 * IAM, federation, CA Service, mesh, Kubernetes, pod security, RBAC, images, plans that settle.
 */
export const ALL_RULES: Rule[] = [
  ...WORKLOAD_IDENTITY_RULES, ...NODE_RULES, ...CONTROL_PLANE_RULES, ...CLUSTER_HARDENING_RULES, ...IAM_RULES, ...IAM_MEMBER_RULES,
  ...FEDERATION_RULES, ...PKI_RULES, ...MESH_RULES, ...MESH_HARDENING_RULES, ...KUBERNETES_RULES, ...POD_SECURITY_RULES, ...RBAC_RULES,
  ...IMAGE_RULES, ...PLAN_STABILITY_RULES,
];

/**
 * RULE-ERROR: a rule threw instead of judging the app. It is reported as a finding (an error that can be
 * suppressed, on the stack or the app), so one broken rule does not abort synthesis.
 */
export const RULE_ERROR: Rule = {
  id: 'RULE-ERROR',
  severity: SecuritySeverity.ERROR,
  title: 'A rule failed while checking the app',
  fix: 'report the message to the rule\'s author; until it is fixed, suppress RULE-ERROR on the stack with the reason',
  source: 'cdk-nag parity (rule errors are findings, not aborted synthesis)',
  check() {},
};
