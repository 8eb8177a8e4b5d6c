import { IConstruct } from 'constructs';

/**
 * The named opt-outs through which the library's constructs may write a setting the rule pack checks:
 * `allowGceMetadata` of a node pool, `zonal`, `publicNodes` or `openControlPlane` of a cluster.
 */
export type LibraryOptOut = 'allowGceMetadata' | 'zonal' | 'publicNodes' | 'openControlPlane';

const OPT_OUTS = Symbol.for('cdktf-gke-secure-mesh.optOuts');

/**
 * Records on a construct of this library the opt-outs it offers, so the rule pack can name the option in a
 * finding about a resource the construct writes, without depending on the construct's class.
 */
export function recordOptOuts(owner: IConstruct, optOuts: LibraryOptOut[]): void {
  Object.defineProperty(owner, OPT_OUTS, { value: optOuts, enumerable: false });
}

/** Whether `owner` is a construct of this library that offers `optOut` (see {@link recordOptOuts}). */
export function offersOptOut(owner: IConstruct | undefined, optOut: LibraryOptOut): boolean {
  const recorded = owner === undefined ? undefined : (owner as { [OPT_OUTS]?: LibraryOptOut[] })[OPT_OUTS];
  return recorded !== undefined && recorded.includes(optOut);
}
