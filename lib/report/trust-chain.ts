import { CaHierarchy, CaPoolInfo, issuingPoolUri, trustStores, usesMeshCa } from '../checks/ca-hierarchy';
import { ManifestObject } from '../checks/kubernetes-objects';
import { ReportContext, shown, sorted, where } from './report-context';

/** A certificate authority of a pool. */
export interface AuthorityView {
  readonly address: string;
  readonly id: string;
  /** `root`, `subordinate` or `unknown`. */
  readonly type: string;
  readonly algorithm?: string;
  /** The address of the CA that signed it, for a subordinate whose issuer is in the app. */
  readonly issuer?: string;
}

/** A CA Service pool. */
export interface PoolView {
  readonly address: string;
  readonly name: string;
  readonly location: string;
  readonly authorities: AuthorityView[];
}

/** The mesh certificate configuration of one cluster. */
export interface ClusterTrustView {
  /** The cluster's address, or `(unknown cluster)` when the objects cannot be tied to one. */
  readonly cluster: string;
  readonly workloadPool?: string;
  readonly workloadCertificateConfig?: { readonly address: string; readonly issuer: string };
  readonly trustConfig?: { readonly address: string; readonly trustDomains: { readonly domain: string; readonly anchors: string[] }[] };
}

/** Root pool → subordinate pool → WorkloadCertificateConfig and TrustConfig → cluster → SPIFFE trust domain. */
export interface TrustChainView {
  readonly pools: PoolView[];
  readonly clusters: ClusterTrustView[];
}

function poolName(context: ReportContext, hierarchy: CaHierarchy, value: unknown, object: ManifestObject): string {
  const pool = hierarchy.poolOf(value, object.resource.element);
  return pool ? where(pool.resource) : shown(context, value, object.resource);
}

function pool(hierarchy: CaHierarchy, info: CaPoolInfo): PoolView {
  return {
    address: where(info.resource),
    name: info.name ?? '(known at apply)',
    location: info.location ?? '(known at apply)',
    authorities: sorted(info.authorities.map((ca) => {
      const issuer = hierarchy.issuerOf(ca);
      return {
        address: where(ca.resource),
        id: ca.id ?? '(known at apply)',
        type: ca.root === undefined ? 'unknown' : ca.root ? 'root' : 'subordinate',
        algorithm: ca.algorithm,
        issuer: issuer ? where(issuer.resource) : undefined,
      };
    }), (a) => a.address),
  };
}

/** The CA hierarchy and how each cluster's workload certificates chain to it. */
export function trustChainView(context: ReportContext): TrustChainView {
  const hierarchy = new CaHierarchy(context.index);
  const byCluster = new Map<string, { workloadPool?: string; wcc?: ClusterTrustView['workloadCertificateConfig']; trust?: ClusterTrustView['trustConfig'] }>();
  const entry = (object: ManifestObject) => {
    const cluster = context.clusters.ofKubernetesOrOnly(object.resource);
    const key = cluster ? where(cluster.resource) : '(unknown cluster)';
    const found = byCluster.get(key) ?? { workloadPool: cluster?.workloadPool };
    byCluster.set(key, found);
    return found;
  };
  for (const wcc of context.kubernetes.meshSecurityObjects('WorkloadCertificateConfig')) {
    entry(wcc).wcc = {
      address: where(wcc.resource),
      issuer: usesMeshCa(wcc) ? 'the managed mesh CA' : poolName(context, hierarchy, issuingPoolUri(wcc), wcc),
    };
  }
  for (const trust of context.kubernetes.meshSecurityObjects('TrustConfig')) {
    entry(trust).trust = {
      address: where(trust.resource),
      trustDomains: (trustStores(trust) ?? []).map((store) => ({
        domain: shown(context, store.trustDomain, trust.resource),
        anchors: store.anchors.map((anchor) => poolName(context, hierarchy, anchor, trust)).sort(),
      })),
    };
  }
  for (const cluster of context.clusters.all.filter((c) => c.meshCertificates === true)) {
    if (!byCluster.has(where(cluster.resource))) byCluster.set(where(cluster.resource), { workloadPool: cluster.workloadPool });
  }
  return {
    pools: sorted(hierarchy.pools.map((p) => pool(hierarchy, p)), (p) => p.address),
    clusters: sorted([...byCluster].map(([cluster, found]) => ({
      cluster, workloadPool: found.workloadPool, workloadCertificateConfig: found.wcc, trustConfig: found.trust,
    })), (c) => c.cluster),
  };
}
