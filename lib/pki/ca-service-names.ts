import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { CA_SERVICE_ID, checkName } from '../core/names';

/**
 * Throws an input error unless `value` is a CA pool or CA id the provider can parse. An id that is only
 * wrong because of underscores (the guide's demo pool `td_sec_pool`) gets the hyphenated id as a suggestion.
 */
export function checkCaServiceId(scope: IConstruct, field: string, value: string): void {
  if (Token.isUnresolved(value) || CA_SERVICE_ID.test(value)) return;
  const hyphenated = value.replace(/_/g, '-');
  if (CA_SERVICE_ID.test(hyphenated)) {
    throw inputError(scope, field, value,
      `must be ${CA_SERVICE_ID.description}; use "${hyphenated}" instead`);
  }
  checkName(scope, field, value, CA_SERVICE_ID);
}

/**
 * A CA pool as the mesh certificate CRDs name it:
 * `//privateca.googleapis.com/projects/PROJECT/locations/LOCATION/caPools/POOL`.
 */
export function caPoolUri(projectId: string, location: string, poolId: string): string {
  return `//privateca.googleapis.com/${caPoolName(projectId, location, poolId)}`;
}

/** A CA pool's resource name: `projects/PROJECT/locations/LOCATION/caPools/POOL`. */
export function caPoolName(projectId: string, location: string, poolId: string): string {
  return `projects/${projectId}/locations/${location}/caPools/${poolId}`;
}

/** Whether `value` has the form of a CA pool URI (see {@link caPoolUri}). */
export function isCaPoolUri(value: string): boolean {
  return /^\/\/privateca\.googleapis\.com\/projects\/[a-z][-a-z0-9]*[a-z0-9]\/locations\/[a-z0-9-]+\/caPools\/[a-zA-Z0-9-]{1,63}$/.test(value);
}
