// Typed bodies of the two cluster-scoped custom resources GKE installs when mesh certificates are enabled
// (API group security.cloud.google.com/v1). No published models exist for them; the field names follow
// the CRD schema exactly, because the objects are sent to the cluster as written.

/** The metadata of a cluster-scoped custom resource: a name and no namespace. */
export interface ClusterScopedMetadata {
  /** The object name. GKE reads only the object named `default`. */
  readonly name: string;
}

/** `spec.certificateAuthorityConfig.certificateAuthorityServiceConfig`: issue from a CA Service pool. */
export interface CertificateAuthorityServiceConfig {
  /** The issuing pool: `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`. */
  readonly endpointURI: string;
}

/** `spec.certificateAuthorityConfig`: which CA issues workload certificates (exactly one sub-object). */
export interface CertificateAuthorityConfig {
  /** Issue from a CA Service pool. */
  readonly certificateAuthorityServiceConfig: CertificateAuthorityServiceConfig;
}

/** `spec.keyAlgorithm.rsa`. */
export interface RsaKeyAlgorithmSpec {
  /** The modulus size in bits: 2048, 3072 or 4096. */
  readonly modulusSize: number;
}

/** `spec.keyAlgorithm.ecdsa`. */
export interface EcdsaKeyAlgorithmSpec {
  /** The curve: `P256` or `P384`. */
  readonly curve: string;
}

/** `spec.keyAlgorithm`: exactly one of `rsa` and `ecdsa`. */
export interface WorkloadKeyAlgorithmSpec {
  /**
   * RSA keys.
   * @default - not RSA
   */
  readonly rsa?: RsaKeyAlgorithmSpec;
  /**
   * ECDSA keys.
   * @default - not ECDSA
   */
  readonly ecdsa?: EcdsaKeyAlgorithmSpec;
}

/** The spec of a WorkloadCertificateConfig: how GKE issues workload certificates. */
export interface WorkloadCertificateConfigSpec {
  /** The issuing CA. */
  readonly certificateAuthorityConfig: CertificateAuthorityConfig;
  /** The key algorithm of workload keys. */
  readonly keyAlgorithm: WorkloadKeyAlgorithmSpec;
  /** How long issued certificates are valid, in seconds. */
  readonly validityDurationSeconds: number;
  /** Start rotating a certificate when this percentage of its validity remains (0-100). */
  readonly rotationWindowPercentage: number;
}

/** A `security.cloud.google.com/v1` WorkloadCertificateConfig object. */
export interface WorkloadCertificateConfigObject {
  /** `security.cloud.google.com/v1`. */
  readonly apiVersion: string;
  /** `WorkloadCertificateConfig`. */
  readonly kind: string;
  /** The object metadata. */
  readonly metadata: ClusterScopedMetadata;
  /** The spec. */
  readonly spec: WorkloadCertificateConfigSpec;
}

/**
 * A trust anchor of a trust store: exactly one of the three fields.
 */
export interface WorkloadTrustAnchor {
  /**
   * Trust the root certificates of a CA Service pool:
   * `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`.
   * @default - not a CA Service pool
   */
  readonly certificateAuthorityServiceURI?: string;
  /**
   * Trust one PEM-encoded CA certificate (one certificate per anchor).
   * @default - not a PEM certificate
   */
  readonly pemCertificate?: string;
  /**
   * Trust the CA certificates an HTTPS endpoint serves in SPIFFE trust bundle format.
   * @default - not a SPIFFE bundle endpoint
   */
  readonly spiffeTrustBundleEndpoint?: string;
}

/** The trust anchors of one SPIFFE trust domain. */
export interface WorkloadTrustStore {
  /** The SPIFFE trust domain, such as `other-project.svc.id.goog`. */
  readonly trustDomain: string;
  /** The anchors certificates of the domain must chain up to. */
  readonly trustAnchors: WorkloadTrustAnchor[];
}

/** The spec of a TrustConfig: which CAs the cluster's workloads trust, per trust domain. */
export interface TrustConfigSpec {
  /** One entry per trust domain; GKE rejects the whole config when a domain appears twice. */
  readonly trustStores: WorkloadTrustStore[];
}

/** A `security.cloud.google.com/v1` TrustConfig object. */
export interface TrustConfigObject {
  /** `security.cloud.google.com/v1`. */
  readonly apiVersion: string;
  /** `TrustConfig`. */
  readonly kind: string;
  /** The object metadata. */
  readonly metadata: ClusterScopedMetadata;
  /** The spec. */
  readonly spec: TrustConfigSpec;
}
