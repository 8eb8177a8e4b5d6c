import { Rule } from './rule';
import { CONTROL_PLANE_RULES } from './rules-control-plane';
import { IAM_RULES } from './rules-iam';
import { KUBERNETES_RULES } from './rules-kubernetes';
import { MESH_RULES } from './rules-mesh';
import { NODE_RULES } from './rules-nodes';
import { PKI_RULES } from './rules-pki';
import { PLAN_STABILITY_RULES } from './rules-plan-stability';
import { WORKLOAD_IDENTITY_RULES } from './rules-workload-identity';

/**
 * Every rule of the pack, in report order: Workload Identity, nodes, control plane, IAM, CA Service, mesh,
 * Kubernetes, plans that settle.
 */
export const ALL_RULES: Rule[] = [
  ...WORKLOAD_IDENTITY_RULES, ...NODE_RULES, ...CONTROL_PLANE_RULES, ...IAM_RULES, ...PKI_RULES, ...MESH_RULES, ...KUBERNETES_RULES,
  ...PLAN_STABILITY_RULES,
];
