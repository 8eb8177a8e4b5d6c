import { TfResource } from '../core/app-index';
import { LibraryOptOut, offersOptOut } from '../core/opt-outs';

/**
 * Whether a resource was written by one of this library's constructs, which only produce the checked
 * setting through the named, explicit opt-out: `allowGceMetadata` of a ConcealedNodePool or AdoptedNodePool,
 * `zonal`, `publicNodes` or `openControlPlane` of a Workload Identity cluster. Such findings name the option.
 */
export function explicitOptOut(resource: TfResource, option: LibraryOptOut): string | undefined {
  const owner = resource.element.node.scope;
  return offersOptOut(owner, option) ? ` (explicit opt-out: ${option} on ${owner!.node.path})` : undefined;
}
