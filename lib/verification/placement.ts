import { IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { WorkloadIdentity } from '../identity/workload-identity';
import { deployAfter } from '../mesh/references';

/** Where a check that runs as a workload identity talks to its cluster, and what it waits for. */
export interface IdentityPlacement {
  readonly provider: KubernetesProvider;
  /** What the check waits for, read when the app is synthesised (so grants added later count too). */
  readonly dependsOn: () => ITerraformDependable[];
}

/**
 * In the identity's stack, the check uses the identity's kubernetes provider and waits for its namespace,
 * KSA, link and grants, including grants made after the check is created. In a later stack (such as traffic) it connects that stack to the identity's cluster
 * and the stack deploys after the identity's.
 */
export function placeWithIdentity(check: IConstruct, identity: WorkloadIdentity): IdentityPlacement {
  if (TerraformStack.of(check) === TerraformStack.of(identity)) {
    return { provider: identity.kubernetesProvider, dependsOn: () => identity.dependables };
  }
  deployAfter(check, identity);
  return { provider: identity.cluster.connect(check), dependsOn: () => [] };
}
