import { IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { inputError } from '../core/errors';
import { checkName, IAM_ROLE } from '../core/names';
import type { IWorkloadIdentityCluster } from '../cluster/cluster-ref';

/** The basic roles that grant every permission of a product family: never granted by this library. */
export const PRIMITIVE_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** Throws unless `role` is an IAM role name and not a primitive role. Unresolved tokens pass. */
export function checkGrantableRole(scope: IConstruct | string, field: string, role: string): void {
  checkName(scope, field, role, IAM_ROLE);
  if (!Token.isUnresolved(role) && PRIMITIVE_ROLES.includes(role)) {
    throw inputError(scope, field, role,
      'must not be a primitive role (roles/owner, roles/editor, roles/viewer): grant the predefined role of the product instead, ' +
      'such as roles/storage.objectViewer or roles/container.clusterViewer');
  }
}

/**
 * The `google_container_cluster` that grants to the cluster's workload pool created in `scope`'s stack
 * must wait for: IAM answers "Identity Pool does not exist" until the first Workload Identity cluster of
 * the project exists. Across stacks, the stack dependency of `cluster.connect()` orders the apply.
 */
export function poolDependencies(scope: IConstruct, cluster: IWorkloadIdentityCluster): ITerraformDependable[] {
  const resource = (cluster as { resource?: unknown }).resource;
  if (!(resource instanceof ContainerCluster)) return [];
  return TerraformStack.of(scope) === TerraformStack.of(resource) ? [resource] : [];
}

/**
 * A readable construct id for a grant, from its literal parts. A part only known at apply time gets a
 * positional id instead (`<kind>-<n>`), so reordering such grants replaces their IAM members.
 */
export function grantId(scope: IConstruct, kind: string, parts: string[]): string {
  if (parts.every((p) => !Token.isUnresolved(p))) return [kind, ...parts].join('-');
  let n = 1;
  while (scope.node.tryFindChild(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}
