import { PrivatecaCaPool, PrivatecaCaPoolConfig } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCertificateAuthority } from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { POOL, secureCluster, TestApp } from './fixtures';

export const ROOT_POOL_URI = '//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-sec-pool';
export const SUB_POOL_URI = '//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-ca-pool';

/** Options of the guide's CA hierarchy. */
export interface HierarchyOptions {
  readonly rootPool?: string;
  readonly algorithm?: string;
  readonly subPool?: Partial<PrivatecaCaPoolConfig>;
}

/** The guide's hierarchy: root pool td-sec-pool (ENTERPRISE) with CA pkcs2-ca, subordinate pool td-ca-pool (DEVOPS) with CA td-ca. */
export function caHierarchy(t: TestApp, options: HierarchyOptions = {}): void {
  const algorithm = options.algorithm ?? 'EC_P256_SHA256';
  const config = (cn: string) => ({
    subjectConfig: { subject: { commonName: cn, organization: 'TestCorpLLC' } },
    x509Config: { caOptions: { isCa: true }, keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} } },
  });
  const rootPool = new PrivatecaCaPool(t.platform, 'root-pool', { name: options.rootPool ?? 'td-sec-pool', location: 'us-east1', tier: 'ENTERPRISE' });
  const root = new PrivatecaCertificateAuthority(t.platform, 'root-ca', {
    pool: rootPool.name, certificateAuthorityId: 'pkcs2-ca', location: 'us-east1', type: 'SELF_SIGNED',
    config: config('pkcs2-ca'), keySpec: { algorithm },
  });
  const subPool = new PrivatecaCaPool(t.platform, 'sub-pool', { name: 'td-ca-pool', location: 'us-east1', tier: 'DEVOPS', ...options.subPool });
  new PrivatecaCertificateAuthority(t.platform, 'sub-ca', {
    pool: subPool.name, certificateAuthorityId: 'td-ca', location: 'us-east1', type: 'SUBORDINATE',
    config: config('td-ca'), keySpec: { algorithm }, subordinateConfig: { certificateAuthority: root.name },
  });
}

/** Options of the two mesh-certificate objects. */
export interface MeshCertOptions {
  readonly wcc?: boolean;
  readonly trust?: boolean;
  readonly wccName?: string;
  readonly endpoint?: string;
  readonly keyAlgorithm?: Record<string, unknown>;
  readonly trustDomain?: string;
  readonly anchor?: string;
  readonly meshCertificates?: boolean;
  readonly subPool?: Partial<PrivatecaCaPoolConfig>;
}

/** A mesh-certificate cluster, the CA hierarchy, and the WorkloadCertificateConfig and TrustConfig of the guide. */
export function meshCerts(t: TestApp, options: MeshCertOptions = {}): void {
  secureCluster(t.platform, { meshCertificates: { enableCertificates: options.meshCertificates ?? true } });
  caHierarchy(t, { subPool: options.subPool });
  if (options.wcc ?? true) {
    new Manifest(t.workloads, 'wcc', {
      manifest: {
        apiVersion: 'security.cloud.google.com/v1', kind: 'WorkloadCertificateConfig', metadata: { name: options.wccName ?? 'default' },
        spec: {
          certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: options.endpoint ?? SUB_POOL_URI } },
          keyAlgorithm: options.keyAlgorithm ?? { ecdsa: { curve: 'P256' } },
        },
      },
    });
  }
  if (options.trust ?? true) {
    new Manifest(t.workloads, 'trust', {
      manifest: {
        apiVersion: 'security.cloud.google.com/v1', kind: 'TrustConfig', metadata: { name: 'default' },
        spec: { trustStores: [{ trustDomain: options.trustDomain ?? POOL, trustAnchors: [{ certificateAuthorityServiceURI: options.anchor ?? ROOT_POOL_URI }] }] },
      },
    });
  }
}
