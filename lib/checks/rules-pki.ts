import { CA_POOL_URI, CaHierarchy, caHierarchyOf, caKeyFamily, CaPoolInfo, issuingPoolUri, trustStores, usesMeshCa } from './ca-hierarchy';
import { ClusterInfo } from './cluster-map';
import { ManifestObject } from './kubernetes-objects';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { isUnknown, literalNumber, literalString, map, read } from '../core/terraform-values';

const GUIDE_002_CA = 'Guide 002, "証明書を発行する認証局を作成する"';
const GUIDE_002_POD = 'Guide 002, troubleshooting "Pod が起動しない" / "WorkloadCertificateConfig または TrustConfig の構成に誤りがある"';
const WCC = 'WorkloadCertificateConfig';
const TRUST = 'TrustConfig';

/** The mesh-security objects of a kind that apply to `cluster` (objects whose cluster is unknown apply to every cluster). */
function objectsFor(context: RuleContext, kind: string, cluster: ClusterInfo): ManifestObject[] {
  return context.kubernetes.meshSecurityObjects(kind).filter((o) => {
    const target = context.clusters.ofKubernetes(o.resource);
    return target === undefined || target === cluster;
  });
}

/** Reports clusters with mesh certificates whose `default` object of `kind` is missing, and objects not named `default`. */
function checkSingleton(rule: Rule, context: RuleContext, kind: string, other: string): void {
  for (const object of context.kubernetes.meshSecurityObjects(kind)) {
    if (object.name !== undefined && object.name !== 'default') {
      context.report(rule, object.resource, `the ${kind} is named ${JSON.stringify(object.name)}; GKE only reads the one named "default"`);
    }
  }
  for (const cluster of context.clusters.all) {
    if (cluster.meshCertificates !== true) continue;
    if (objectsFor(context, kind, cluster).some((o) => o.name === undefined || o.name === 'default')) continue;
    const hasOther = objectsFor(context, other, cluster).length > 0;
    context.report(rule, cluster.resource, `mesh certificates are enabled but the app applies no ${kind} "default" to the cluster${hasOther ? ` (it does apply a ${other})` : ''}: ` +
      'pods that mount gke-workload-certificates fail with FailedMount', hasOther ? undefined
      : { severity: SecuritySeverity.WARNING, fix: `${rule.fix}, or suppress this finding if the ${kind} is applied outside this app` });
  }
}

/** PKI-1: the WorkloadCertificateConfig `default` exists. */
export const PKI_1: Rule = {
  id: 'PKI-1',
  severity: SecuritySeverity.ERROR,
  title: 'WorkloadCertificateConfig "default" missing for a cluster with mesh certificates',
  fix: 'apply a WorkloadCertificateConfig named "default" (apiVersion security.cloud.google.com/v1) to the cluster (WorkloadCertificates)',
  source: `${GUIDE_002_CA} (WorkloadCertificateConfig); ${GUIDE_002_POD}`,
  check(context) {
    checkSingleton(this, context, WCC, TRUST);
  },
};

/** PKI-2: the TrustConfig `default` exists. */
export const PKI_2: Rule = {
  id: 'PKI-2',
  severity: SecuritySeverity.ERROR,
  title: 'TrustConfig "default" missing for a cluster with mesh certificates',
  fix: 'apply a TrustConfig named "default" (apiVersion security.cloud.google.com/v1) to the cluster (WorkloadCertificates)',
  source: `${GUIDE_002_CA} (TrustConfig); ${GUIDE_002_POD}`,
  check(context) {
    checkSingleton(this, context, TRUST, WCC);
  },
};

/** PKI-3: the WorkloadCertificateConfig issues from a CA pool of the app, preferably the subordinate one. */
export const PKI_3: Rule = {
  id: 'PKI-3',
  severity: SecuritySeverity.ERROR,
  title: 'WorkloadCertificateConfig endpointURI malformed or pointing at the wrong CA pool',
  fix: 'set certificateAuthorityServiceConfig.endpointURI to //privateca.googleapis.com/projects/PROJECT_ID/locations/LOCATION/caPools/SUBORDINATE_POOL',
  source: `${GUIDE_002_CA} (ISSUING_CA_POOL_URI: the subordinate pool is recommended)`,
  check(context) {
    const cas = caHierarchyOf(context);
    for (const wcc of context.kubernetes.meshSecurityObjects(WCC)) {
      if (usesMeshCa(wcc)) continue;
      const uri = issuingPoolUri(wcc);
      if (uri === undefined) {
        context.report(this, wcc.resource, 'spec.certificateAuthorityConfig.certificateAuthorityServiceConfig.endpointURI is not set');
        continue;
      }
      const pool = cas.poolOf(uri, wcc.resource.element);
      const literal = literalString(uri);
      if (literal !== undefined && !/^\/\/privateca\.googleapis\.com\/projects\/[^/]+\/locations\/[^/]+\/caPools\/[^/]+$/.test(literal)) {
        context.report(this, wcc.resource, `endpointURI ${JSON.stringify(literal)} is not //privateca.googleapis.com/projects/PROJECT_ID/locations/LOCATION/caPools/POOL`);
      } else if (!pool && literal !== undefined && cas.pools.length > 0) {
        context.report(this, wcc.resource, `endpointURI names CA pool ${JSON.stringify(CA_POOL_URI.exec(literal)?.[3])}, which is not one of the app's pools ` +
          `(${cas.pools.map((p) => p.name ?? p.resource.address).join(', ')})`);
      } else if (pool && pool.authorities.length > 0 && pool.authorities.every((ca) => ca.root === true) && cas.hasSubordinate) {
        context.report(this, wcc.resource, `endpointURI issues workload certificates from the root pool ${pool.name ?? pool.resource.address}; ` +
          'the long-lived root should only sign the subordinate CA', { severity: SecuritySeverity.WARNING });
      }
    }
  },
};

/** PKI-4: the TrustConfig trusts the cluster's trust domain. */
export const PKI_4: Rule = {
  id: 'PKI-4',
  severity: SecuritySeverity.ERROR,
  title: 'TrustConfig without a trustStores entry for the cluster\'s trust domain',
  fix: 'add trustStores: [{ trustDomain: PROJECT_ID.svc.id.goog, trustAnchors: [{ certificateAuthorityServiceURI: ROOT_POOL_URI }] }]',
  source: `${GUIDE_002_CA} (TrustConfig: "You must include a trustStores entry for the trust domain that your cluster is enrolled in")`,
  check(context) {
    for (const trust of context.kubernetes.meshSecurityObjects(TRUST)) {
      const stores = trustStores(trust);
      if (stores === undefined) {
        if (!isUnknown(trust.spec?.trustStores)) context.report(this, trust.resource, 'spec.trustStores is not set');
        continue;
      }
      const domains = stores.map((s) => s.trustDomain);
      if (domains.some(isUnknown)) continue;
      const expected = context.clusters.ofKubernetesOrOnly(trust.resource)?.workloadPool;
      if (expected !== undefined && !domains.includes(expected)) {
        context.report(this, trust.resource, `trustStores cover ${JSON.stringify(domains)} but not the cluster's trust domain ${JSON.stringify(expected)}`);
        continue;
      }
      const wrong = domains.filter((d) => typeof d !== 'string' || !d.endsWith('.svc.id.goog'));
      if (wrong.length > 0) context.report(this, trust.resource, `trustDomain ${JSON.stringify(wrong[0])} is not a workload pool (PROJECT_ID.svc.id.goog)`);
    }
  },
};

/** The root pools the app's WorkloadCertificateConfigs chain up to. */
function expectedRootPools(context: RuleContext, cas: CaHierarchy): Set<CaPoolInfo> | undefined {
  const roots = new Set<CaPoolInfo>();
  for (const wcc of context.kubernetes.meshSecurityObjects(WCC)) {
    const pool = cas.poolOf(issuingPoolUri(wcc), wcc.resource.element);
    const chain = pool ? cas.rootPoolsOf(pool) : undefined;
    if (!chain) return undefined;
    chain.forEach((p) => roots.add(p));
  }
  return roots.size > 0 ? roots : undefined;
}

/** PKI-5: the TrustConfig anchors the root pool the workload certificates chain up to. */
export const PKI_5: Rule = {
  id: 'PKI-5',
  severity: SecuritySeverity.ERROR,
  title: 'TrustConfig trust anchor malformed or not the root CA pool of the workload certificates',
  fix: 'set trustAnchors[].certificateAuthorityServiceURI to //privateca.googleapis.com/projects/PROJECT_ID/locations/LOCATION/caPools/ROOT_POOL',
  source: `${GUIDE_002_CA} (TrustConfig trustAnchors: ROOT_CA_POOL_URI); Guide 002, troubleshooting "証明書が拒否される"`,
  check(context) {
    const cas = caHierarchyOf(context);
    const roots = expectedRootPools(context, cas);
    for (const trust of context.kubernetes.meshSecurityObjects(TRUST)) {
      for (const anchor of (trustStores(trust) ?? []).flatMap((s) => s.anchors)) {
        if (anchor === undefined) continue;
        const literal = literalString(anchor);
        const pool = cas.poolOf(anchor, trust.resource.element);
        if (literal !== undefined && !/^\/\/privateca\.googleapis\.com\/projects\/[^/]+\/locations\/[^/]+\/caPools\/[^/]+$/.test(literal)) {
          context.report(this, trust.resource, `certificateAuthorityServiceURI ${JSON.stringify(literal)} is not //privateca.googleapis.com/projects/PROJECT_ID/locations/LOCATION/caPools/POOL`);
        } else if (!pool && literal !== undefined && cas.pools.length > 0 && !isAdoptedOrForeignPool(cas, literal)) {
          context.report(this, trust.resource, `trust anchor names CA pool ${JSON.stringify(CA_POOL_URI.exec(literal)?.[3])}, which is not one of the app's pools`);
        } else if (pool && roots && !roots.has(pool)) {
          context.report(this, trust.resource, `trust anchor is pool ${pool.name ?? pool.resource.address}, but workload certificates chain up to ` +
            `${[...roots].map((p) => p.name ?? p.resource.address).join(', ')}, so peers reject them`);
        }
      }
    }
  },
};

/**
 * Whether an anchor outside the app names a pool the app cannot judge: the pool of an adopted root that an
 * app CA names as its issuer (`existingRoot`), or a pool in a project where the app creates no pools (another
 * project's mesh). A missing pool of the app's own projects stays a finding (a typo, a deleted pool).
 */
function isAdoptedOrForeignPool(cas: CaHierarchy, uri: string): boolean {
  const [, project, location, name] = CA_POOL_URI.exec(uri) ?? [];
  const issuerPools = cas.authorities.map((ca) => literalString(ca.issuerReference))
    .map((issuer) => /^projects\/([^/]+)\/locations\/([^/]+)\/caPools\/([^/]+)\//.exec(issuer ?? ''));
  if (issuerPools.some((m) => m !== null && m[1] === project && m[2] === location && m[3] === name)) return true;
  return !cas.pools.some((pool) => pool.project === undefined || pool.project === project);
}

const RSA_SIZES = [2048, 3072, 4096];
const CURVES = ['P256', 'P384'];

/** PKI-6: workload keys use a supported algorithm of the CAs' key family. */
export const PKI_6: Rule = {
  id: 'PKI-6',
  severity: SecuritySeverity.ERROR,
  title: 'WorkloadCertificateConfig key algorithm unsupported or of another family than the CAs',
  fix: 'use keyAlgorithm ecdsa { curve: P256 } with EC_* CAs, or rsa { modulusSize: 2048|3072|4096 } with RSA_* CAs',
  source: `${GUIDE_002_CA} (keyAlgorithm: same family as the root and subordinate CAs; P256/P384, RSA 2048/3072/4096); Guide 002, troubleshooting "アプリケーションで発行済みの mTLS 認証情報を使用できない"`,
  check(context) {
    const cas = caHierarchyOf(context);
    for (const wcc of context.kubernetes.meshSecurityObjects(WCC)) {
      const algorithm = map(wcc.spec?.keyAlgorithm);
      if (algorithm === undefined) continue;
      const rsa = map(algorithm.rsa);
      const ecdsa = map(algorithm.ecdsa);
      const family = rsa ? 'rsa' : ecdsa ? 'ecdsa' : undefined;
      if (!family) {
        context.report(this, wcc.resource, `keyAlgorithm ${JSON.stringify(algorithm)} is neither rsa nor ecdsa`);
        continue;
      }
      const size = rsa?.modulusSize;
      const curve = ecdsa?.curve;
      if (rsa && !isUnknown(size) && !RSA_SIZES.includes(literalNumber(size) ?? -1)) {
        context.report(this, wcc.resource, `keyAlgorithm.rsa.modulusSize ${JSON.stringify(size)} is not one of ${RSA_SIZES.join(', ')}`);
        continue;
      }
      if (ecdsa && !isUnknown(curve) && !CURVES.includes(String(curve))) {
        context.report(this, wcc.resource, `keyAlgorithm.ecdsa.curve ${JSON.stringify(curve)} is not one of ${CURVES.join(', ')}`);
        continue;
      }
      const pool = cas.poolOf(issuingPoolUri(wcc), wcc.resource.element);
      const chain = pool ? [...pool.authorities, ...pool.authorities.map((ca) => cas.issuerOf(ca)).filter((ca) => ca !== undefined)] : [];
      const mismatch = chain.find((ca) => ca.algorithm !== undefined && caKeyFamily(ca.algorithm) !== undefined && caKeyFamily(ca.algorithm) !== family);
      if (mismatch) {
        // A supported algorithm of another family works; WorkloadCertificates documents it as a warning.
        context.report(this, wcc.resource, `workload keys are ${family.toUpperCase()} but CA ${mismatch.id ?? mismatch.resource.address} signs with ` +
          `${mismatch.algorithm}: TLS stacks may reject the mixed chain`, { severity: SecuritySeverity.WARNING });
      }
    }
  },
};

/** PKI-7: the issuing pool allows config-based issuance. */
export const PKI_7: Rule = {
  id: 'PKI-7',
  severity: SecuritySeverity.ERROR,
  title: 'Issuing CA pool disallows config-based issuance',
  fix: 'leave issuance_policy.allowed_issuance_modes.allow_config_based_issuance = true on the pool that issues mesh certificates',
  source: `${GUIDE_002_CA} ("デフォルトの構成ベースの発行モードが許可されることを確認します")`,
  check(context) {
    const cas = caHierarchyOf(context);
    const reported = new Set<CaPoolInfo>();
    for (const wcc of context.kubernetes.meshSecurityObjects(WCC)) {
      const pool = cas.poolOf(issuingPoolUri(wcc), wcc.resource.element);
      if (!pool || reported.has(pool)) continue;
      const allowed = read(pool.resource.config, 'issuance_policy.allowed_issuance_modes.allow_config_based_issuance');
      if (allowed === false || allowed === 'false') {
        reported.add(pool);
        context.report(this, pool.resource, `the pool issues mesh certificates (${wcc.resource.address}) but allow_config_based_issuance is false`);
      }
    }
  },
};

/** PKI-8: no underscores in CA pool and CA ids. */
export const PKI_8: Rule = {
  id: 'PKI-8',
  severity: SecuritySeverity.ERROR,
  title: 'Underscore in a CA pool or CA id',
  fix: 'use hyphens: the provider cannot parse pool or CA ids with underscores when it activates a subordinate CA (the guide\'s td_sec_pool becomes td-sec-pool)',
  source: 'Terraform provider google 6.50 (google_privateca_certificate_authority issuer parsing); Guide 002 uses ROOT_CA_POOL_NAME=td_sec_pool',
  check(context) {
    const cas = caHierarchyOf(context);
    for (const pool of cas.pools) {
      if (pool.name?.includes('_')) context.report(this, pool.resource, `CA pool name ${JSON.stringify(pool.name)} contains an underscore`);
    }
    for (const ca of cas.authorities) {
      if (ca.id?.includes('_')) context.report(this, ca.resource, `certificate_authority_id ${JSON.stringify(ca.id)} contains an underscore`);
    }
  },
};

/** The CA Service and mesh-certificate rules. */
export const PKI_RULES: Rule[] = [PKI_1, PKI_2, PKI_3, PKI_4, PKI_5, PKI_6, PKI_7, PKI_8];
