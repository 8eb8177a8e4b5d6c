import { KeyFamily } from './key-family';
import { WorkloadKeyAlgorithm } from './workload-key-algorithm';

/**
 * The signing key algorithm of a CA Service certificate authority (`key_spec.algorithm`). The guide creates
 * both CAs with `--key-algorithm ec-p256-sha256`, which is {@link CaKeyAlgorithm.EC_P256_SHA256}.
 */
export class CaKeyAlgorithm {
  /** ECDSA P-256 with SHA-256 (`ec-p256-sha256`): the guide's algorithm. */
  public static readonly EC_P256_SHA256 = new CaKeyAlgorithm('EC_P256_SHA256', WorkloadKeyAlgorithm.ECDSA_P256);
  /** ECDSA P-384 with SHA-384. */
  public static readonly EC_P384_SHA384 = new CaKeyAlgorithm('EC_P384_SHA384', WorkloadKeyAlgorithm.ECDSA_P384);
  /** RSA PKCS#1 v1.5, 2048 bits, SHA-256. */
  public static readonly RSA_PKCS1_2048_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_2048_SHA256', WorkloadKeyAlgorithm.RSA_2048);
  /** RSA PKCS#1 v1.5, 3072 bits, SHA-256. */
  public static readonly RSA_PKCS1_3072_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_3072_SHA256', WorkloadKeyAlgorithm.RSA_3072);
  /** RSA PKCS#1 v1.5, 4096 bits, SHA-256. */
  public static readonly RSA_PKCS1_4096_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_4096_SHA256', WorkloadKeyAlgorithm.RSA_4096);
  /** RSA-PSS, 2048 bits, SHA-256. */
  public static readonly RSA_PSS_2048_SHA256 = new CaKeyAlgorithm('RSA_PSS_2048_SHA256', WorkloadKeyAlgorithm.RSA_2048);
  /** RSA-PSS, 3072 bits, SHA-256. */
  public static readonly RSA_PSS_3072_SHA256 = new CaKeyAlgorithm('RSA_PSS_3072_SHA256', WorkloadKeyAlgorithm.RSA_3072);
  /** RSA-PSS, 4096 bits, SHA-256. */
  public static readonly RSA_PSS_4096_SHA256 = new CaKeyAlgorithm('RSA_PSS_4096_SHA256', WorkloadKeyAlgorithm.RSA_4096);

  /** The value of `key_spec.algorithm`. */
  public readonly value: string;
  /**
   * The workload key algorithm of the same family and strength, which WorkloadCertificates uses by default.
   */
  public readonly workloadKeyAlgorithm: WorkloadKeyAlgorithm;

  private constructor(value: string, workloadKeyAlgorithm: WorkloadKeyAlgorithm) {
    this.value = value;
    this.workloadKeyAlgorithm = workloadKeyAlgorithm;
  }

  /** The key family. */
  public get family(): KeyFamily {
    return this.workloadKeyAlgorithm.family;
  }
}
