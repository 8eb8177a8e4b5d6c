import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from './errors';
import { checkName, IAM_ROLE } from './names';

/**
 * The basic (primitive) roles, which grant every permission of every product: never granted by this library,
 * and reported by the rule pack (IAM-1) when an app grants one to a service account or workload.
 */
export const PRIMITIVE_ROLES: readonly string[] = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** Whether `role` is a primitive role (a literal one: a role known only at apply time is not). */
export function isPrimitiveRole(role: string): boolean {
  return PRIMITIVE_ROLES.includes(role);
}

/** Throws unless `role` is an IAM role name and not a primitive role. Unresolved tokens pass. */
export function checkGrantableRole(scope: IConstruct | string, field: string, role: string): void {
  checkName(scope, field, role, IAM_ROLE);
  if (!Token.isUnresolved(role) && isPrimitiveRole(role)) {
    throw inputError(scope, field, role,
      'must not be a primitive role (roles/owner, roles/editor, roles/viewer): grant the predefined role of the product instead, ' +
      'such as roles/storage.objectViewer or roles/container.clusterViewer');
  }
}

/**
 * The roles every node service account gets (metadata protection guide, "ノードのサービス アカウントの構成"):
 * exactly what nodes need to write logs and metrics.
 */
export const NODE_LEAST_PRIVILEGE_ROLES: readonly string[] = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
];

/** The role that lets nodes pull private images from Artifact Registry. */
export const NODE_IMAGE_PULL_ROLE = 'roles/artifactregistry.reader';

/**
 * Every project role a node service account may hold: the least-privilege roles, image pulls, and the
 * roles GKE's own predefined node role and autoscaling add. Anything else on the node account is usable by
 * every pod of the nodes (rule NODE-4).
 */
export const NODE_ALLOWED_ROLES: readonly string[] = [
  ...NODE_LEAST_PRIVILEGE_ROLES,
  'roles/stackdriver.resourceMetadata.writer', 'roles/autoscaling.metricsWriter',
  NODE_IMAGE_PULL_ROLE, 'roles/container.defaultNodeServiceAccount',
];
