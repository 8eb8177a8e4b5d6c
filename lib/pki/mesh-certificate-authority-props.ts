import { GcpProject } from '../core/gcp-project';
import { ProjectServices } from '../core/project-services';
import { CaKeyAlgorithm } from './ca-key-algorithm';
import { CaLifetime } from './ca-lifetime';

/** The root CA to create: an ENTERPRISE-tier pool and a self-signed CA in it. */
export interface RootCaOptions {
  /** The root pool id (letters, digits and hyphens; no underscores), such as `td-sec-pool`. */
  readonly poolId: string;
  /** The root CA id, such as `pkcs2-ca`. */
  readonly caId: string;
  /**
   * The region of the root pool and CA.
   * @default - the authority's `location`
   */
  readonly location?: string;
  /**
   * The subject common name (`CN=`).
   * @default - the CA id, as the guide's `--subject "CN=ROOT_CA_NAME, O=…"`
   */
  readonly commonName?: string;
  /**
   * How long the root certificate is valid.
   * @default CaLifetime.years(10) - the gcloud default of `privateca roots create`
   */
  readonly lifetime?: CaLifetime;
}

/** A root CA that already exists and is adopted by name, as the guide allows. Nothing is created for it. */
export interface ExistingRootCaOptions {
  /** The id of the pool that holds the root CA. */
  readonly poolId: string;
  /** The root CA id inside the pool. */
  readonly caId: string;
  /**
   * The region of the root pool.
   * @default - the authority's `location`
   */
  readonly location?: string;
  /**
   * The project of the root pool.
   * @default - the authority's project
   */
  readonly projectId?: string;
  /**
   * The root CA's key algorithm, so key families can be compared.
   * @default - unknown: only the subordinate CA's family is compared with workload keys
   */
  readonly keyAlgorithm?: CaKeyAlgorithm;
}

/** The subordinate CA that issues workload certificates: a DEVOPS-tier pool and a CA signed by the root. */
export interface SubordinateCaOptions {
  /** The subordinate pool id (letters, digits and hyphens; no underscores), such as `td-ca-pool`. */
  readonly poolId: string;
  /** The subordinate CA id, such as `td-ca`. */
  readonly caId: string;
  /**
   * The region of the subordinate pool and CA. The guide recommends the cluster's region.
   * @default - the authority's `location`
   */
  readonly location?: string;
  /**
   * The subject common name (`CN=`).
   * @default - the CA id, as the guide's `--subject "CN=SUBORDINATE_CA_NAME, O=…"`
   */
  readonly commonName?: string;
  /**
   * How long the subordinate certificate is valid.
   * @default CaLifetime.years(3) - the gcloud default of `privateca subordinates create`
   */
  readonly lifetime?: CaLifetime;
}

/**
 * People or groups who operate the CA hierarchy. The guide grants these roles project-wide; here they are
 * granted on the pools this authority creates, which is enough to manage their CAs and IAM policies
 * without reaching other pools of the project.
 */
export interface CaOperators {
  /**
   * Members granted `roles/privateca.caManager` (create, enable, disable and delete CAs).
   * @default - none
   */
  readonly caManagers?: string[];
  /**
   * Members granted `roles/privateca.admin` (everything, including the pools' IAM policies).
   * @default - none
   */
  readonly admins?: string[];
}

/** Properties of a {@link MeshCertificateAuthority}. */
export interface MeshCertificateAuthorityProps {
  /** The project of the pools and CAs. */
  readonly project: GcpProject;
  /** The CA Service region of the pools and CAs; use the cluster's region. */
  readonly location: string;
  /** The subject organization (`O=`) of the CAs, such as `TestCorpLLC`. */
  readonly organization: string;
  /**
   * The root CA to create. Give exactly one of `root` and `existingRoot`.
   * @default - none: `existingRoot` must be given
   */
  readonly root?: RootCaOptions;
  /**
   * An existing root CA to adopt instead of creating one.
   * @default - none: `root` must be given
   */
  readonly existingRoot?: ExistingRootCaOptions;
  /**
   * The subordinate CA that issues workload certificates. Required unless `issueFromRoot` is set.
   * @default - none: `issueFromRoot` must be set
   */
  readonly subordinate?: SubordinateCaOptions;
  /**
   * Issue workload certificates straight from the root pool, without a subordinate CA. The guide strongly
   * recommends the subordinate; this is reported as a warning.
   * @default false
   */
  readonly issueFromRoot?: boolean;
  /**
   * The signing key algorithm of the CAs this authority creates.
   * @default CaKeyAlgorithm.EC_P256_SHA256 - the guide's `ec-p256-sha256`
   */
  readonly keyAlgorithm?: CaKeyAlgorithm;
  /**
   * Operators granted CA Service roles on the created pools.
   * @default - no operator grants
   */
  readonly operators?: CaOperators;
  /**
   * Refuse to destroy the CAs. For a teardown, set false (with `skipGracePeriod` and
   * `ignoreActiveCertificatesOnDeletion`), apply, then destroy.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Delete CAs at once instead of after the 30-day grace period in which they can be restored. Without
   * it the pools cannot be deleted for 30 days, and the CA ids stay taken.
   * @default false - deleted CAs can be restored for 30 days
   */
  readonly skipGracePeriod?: boolean;
  /**
   * Delete CAs even while certificates they issued are unexpired (the root always has the subordinate's
   * certificate; the subordinate has workload certificates).
   * @default false - deleting a CA with active certificates fails
   */
  readonly ignoreActiveCertificatesOnDeletion?: boolean;
  /**
   * Labels of the pools and CAs.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Enabled APIs the pools wait for; must include `privateca.googleapis.com`.
   * @default - no dependency: the APIs are assumed to be enabled
   */
  readonly apis?: ProjectServices;
}
