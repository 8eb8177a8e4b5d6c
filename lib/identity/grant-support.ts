import { IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';

/**
 * The `google_container_cluster` that grants to the cluster's workload pool created in `scope`'s stack
 * must wait for: IAM answers "Identity Pool does not exist" until the first Workload Identity cluster of
 * the project exists. Across stacks, the stack dependency of `cluster.connect()` orders the apply.
 */
export function poolDependencies(scope: IConstruct, cluster: IWorkloadIdentityCluster): ITerraformDependable[] {
  const resource = cluster.containerCluster;
  if (resource === undefined) return [];
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
