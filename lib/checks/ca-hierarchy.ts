import { IConstruct } from 'constructs';
import { AppIndex, TfResource } from '../core/app-index';
import { ManifestObject } from './kubernetes-objects';
import { RuleContext } from './rule';
import { isUnknown, literalString, map, read } from '../core/terraform-values';

/** A CA Service pool of the app. */
export interface CaPoolInfo {
  readonly resource: TfResource;
  readonly name?: string;
  readonly location?: string;
  readonly project?: string;
  /** The certificate authorities of the app in this pool. */
  readonly authorities: CaInfo[];
}

/** A certificate authority of the app. */
export interface CaInfo {
  readonly resource: TfResource;
  readonly id?: string;
  /** Its pool, when it is in the app. */
  readonly pool?: CaPoolInfo;
  /** Whether it is a root (SELF_SIGNED, the default type); undefined when unknown. */
  readonly root?: boolean;
  /** The literal key_spec.algorithm, such as EC_P256_SHA256. */
  readonly algorithm?: string;
  /** The raw subordinate_config.certificate_authority (the issuing root CA). */
  readonly issuerReference?: unknown;
}

/** `//privateca.googleapis.com/projects/P/locations/L/caPools/NAME` (the prefix is optional). */
export const CA_POOL_URI = /^(?:\/\/privateca\.googleapis\.com\/)?projects\/([^/]+)\/locations\/([^/]+)\/caPools\/([^/]+)$/;

/** The CA pools and CAs of the app, and the pools a URI or reference names. */
export class CaHierarchy {
  /** Every pool of the app. */
  public readonly pools: CaPoolInfo[];
  /** Every certificate authority of the app. */
  public readonly authorities: CaInfo[];
  private readonly poolByResource = new Map<TfResource, CaPoolInfo>();
  private readonly caByResource = new Map<TfResource, CaInfo>();

  constructor(private readonly index: AppIndex) {
    this.pools = index.resources('google_privateca_ca_pool').map((resource) => ({
      resource,
      name: index.literalString(resource.config.name, resource.element),
      location: index.literalString(resource.config.location, resource.element),
      project: index.projectOf(resource),
      authorities: [],
    }));
    for (const pool of this.pools) this.poolByResource.set(pool.resource, pool);
    this.authorities = index.resources('google_privateca_certificate_authority').map((resource) => {
      const pool = this.poolOf(resource.config.pool, resource.element);
      const type = resource.config.type;
      const ca: CaInfo = {
        resource,
        id: index.literalString(resource.config.certificate_authority_id, resource.element),
        pool,
        root: isUnknown(type) ? undefined : type === undefined || type === 'SELF_SIGNED',
        algorithm: literalString(read(resource.config, 'key_spec.algorithm')),
        issuerReference: read(resource.config, 'subordinate_config.certificate_authority'),
      };
      pool?.authorities.push(ca);
      return ca;
    });
    for (const ca of this.authorities) this.caByResource.set(ca.resource, ca);
  }

  /**
   * The pool of the app a value names: a reference to the pool (any attribute, also inside a string such
   * as `//privateca.googleapis.com/${…id}`), a pool URI or id, or a bare pool name.
   */
  public poolOf(value: unknown, from: IConstruct): CaPoolInfo | undefined {
    const referenced = this.index.targetsIn(value, from).find((t) => t.resource.type === 'google_privateca_ca_pool');
    if (referenced) return this.poolByResource.get(referenced.resource);
    const literal = this.index.literalString(value, from);
    if (literal === undefined) return undefined;
    const uri = CA_POOL_URI.exec(literal);
    const [project, location, name] = uri ? [uri[1], uri[2], uri[3]] : [undefined, undefined, literal];
    const matches = this.pools.filter((p) => p.name === name &&
      (location === undefined || p.location === undefined || p.location === location) &&
      (project === undefined || p.project === undefined || p.project === project));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The root CA a subordinate names as its issuer, when it is in the app. */
  public issuerOf(ca: CaInfo): CaInfo | undefined {
    const target = this.index.target(ca.issuerReference, ca.resource.element);
    return target ? this.caByResource.get(target.resource) : undefined;
  }

  /**
   * The pools holding the roots that certificates issued from `pool` chain up to: the pool itself for
   * its root CAs, the issuer's pool for its subordinates. Undefined when some CA's issuer is unknown.
   */
  public rootPoolsOf(pool: CaPoolInfo): Set<CaPoolInfo> | undefined {
    const roots = new Set<CaPoolInfo>();
    for (const ca of pool.authorities) {
      if (ca.root === undefined) return undefined;
      const rootPool = ca.root ? pool : this.issuerOf(ca)?.pool;
      if (!rootPool) return undefined;
      roots.add(rootPool);
    }
    return pool.authorities.length > 0 ? roots : undefined;
  }

  /** Whether the app has a subordinate CA. */
  public get hasSubordinate(): boolean {
    return this.authorities.some((ca) => ca.root === false);
  }
}

/** The issuing pool URI of a WorkloadCertificateConfig, or undefined (mesh CA or absent). */
export function issuingPoolUri(wcc: ManifestObject): unknown {
  const authority = map(wcc.spec?.certificateAuthorityConfig);
  return map(authority?.certificateAuthorityServiceConfig)?.endpointURI;
}

/** Whether a WorkloadCertificateConfig uses the managed mesh CA instead of CA Service. */
export function usesMeshCa(wcc: ManifestObject): boolean {
  return map(wcc.spec?.certificateAuthorityConfig)?.meshCAConfig !== undefined;
}

/** The `trustStores` entries of a TrustConfig. */
export function trustStores(trust: ManifestObject): { trustDomain: unknown; anchors: unknown[] }[] | undefined {
  const stores = trust.spec?.trustStores;
  if (!Array.isArray(stores)) return undefined;
  return stores.map((store) => {
    const entry = map(store) ?? {};
    const anchors = Array.isArray(entry.trustAnchors) ? entry.trustAnchors : [];
    return { trustDomain: entry.trustDomain, anchors: anchors.map((a) => map(a)?.certificateAuthorityServiceURI) };
  });
}

/** The key family of a CA key_spec algorithm: `rsa`, `ecdsa`, or undefined. */
export function caKeyFamily(algorithm: string): string | undefined {
  if (algorithm.startsWith('RSA_')) return 'rsa';
  if (algorithm.startsWith('EC_')) return 'ecdsa';
  return undefined;
}

/** The app's CA hierarchy, built once per app and shared by the rules that read it. */
export function caHierarchyOf(context: RuleContext): CaHierarchy {
  return context.shared('ca-hierarchy', () => new CaHierarchy(context.index));
}
