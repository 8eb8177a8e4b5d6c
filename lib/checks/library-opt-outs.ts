import { TfResource } from './app-index';
import { AdoptedNodePool } from '../cluster/adopted-node-pool';
import { ConcealedNodePool } from '../cluster/concealed-node-pool';
import { WorkloadIdentityClusterBase } from '../cluster/cluster-base';

/**
 * Whether a resource was written by one of this library's constructs, which only produce the checked
 * setting through the named, explicit opt-out: `allowGceMetadata` of a ConcealedNodePool or AdoptedNodePool,
 * `zonal`, `publicNodes` or `openControlPlane` of a Workload Identity cluster. Such findings name the option.
 */
export function explicitOptOut(resource: TfResource, option: 'allowGceMetadata' | 'zonal' | 'publicNodes' | 'openControlPlane'): string | undefined {
  const owner = resource.element.node.scope;
  const owned = option === 'allowGceMetadata'
    ? owner instanceof ConcealedNodePool || owner instanceof AdoptedNodePool
    : owner instanceof WorkloadIdentityClusterBase;
  return owned ? ` (explicit opt-out: ${option} on ${owner!.node.path})` : undefined;
}
