import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { checkListedOnce, inputError } from '../core/errors';
import { checkName, regionOfLocation, ZONE } from '../core/names';

/**
 * Checks `node_locations`: at least one zone, no zone twice, every zone in the cluster's region and, for a
 * zonal cluster, not the cluster's own zone (the provider adds it). Returns the list unchanged.
 */
export function checkNodeLocations(scope: IConstruct, zones: string[] | undefined, location: string): string[] | undefined {
  if (zones === undefined) return undefined;
  if (zones.length === 0) {
    throw inputError(scope, 'nodeLocations', zones, 'must list at least one zone; leave it out for GKE\'s choice');
  }
  const zonal = !Token.isUnresolved(location) && ZONE.test(location);
  const region = regionOfLocation(location);
  zones.forEach((zone, i) => {
    const field = `nodeLocations[${i}]`;
    checkName(scope, field, zone, ZONE);
    if (Token.isUnresolved(zone)) return;
    checkListedOnce(scope, field, zones, i);
    if (!Token.isUnresolved(region) && !zone.startsWith(`${region}-`)) {
      throw inputError(scope, field, zone, `is not in the cluster's region ${region}; use zones such as ${region}-b`);
    }
    if (zonal && zone === location) {
      throw inputError(scope, field, zone, 'is the zonal cluster\'s own zone, which always holds nodes; list only the extra zones');
    }
  });
  return zones;
}
