import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { KeyFamily } from './key-family';
import { WorkloadKeyAlgorithmSpec } from './workload-certificate-crds';

const RSA_MODULUS_SIZES = [2048, 3072, 4096];
const ECDSA_CURVES = ['P256', 'P384'];

/**
 * The key algorithm of the workload keys GKE generates for mesh certificates (`spec.keyAlgorithm` of the
 * WorkloadCertificateConfig). Only RSA 2048/3072/4096 and ECDSA P256/P384 are supported, so only those exist.
 */
export class WorkloadKeyAlgorithm {
  /** RSA with a 2048-bit modulus. */
  public static readonly RSA_2048 = new WorkloadKeyAlgorithm(KeyFamily.RSA, { rsa: { modulusSize: 2048 } });
  /** RSA with a 3072-bit modulus. */
  public static readonly RSA_3072 = new WorkloadKeyAlgorithm(KeyFamily.RSA, { rsa: { modulusSize: 3072 } });
  /** RSA with a 4096-bit modulus (the value in the guide's sample YAML). */
  public static readonly RSA_4096 = new WorkloadKeyAlgorithm(KeyFamily.RSA, { rsa: { modulusSize: 4096 } });
  /** ECDSA on curve P-256. */
  public static readonly ECDSA_P256 = new WorkloadKeyAlgorithm(KeyFamily.ECDSA, { ecdsa: { curve: 'P256' } });
  /** ECDSA on curve P-384. */
  public static readonly ECDSA_P384 = new WorkloadKeyAlgorithm(KeyFamily.ECDSA, { ecdsa: { curve: 'P384' } });

  /**
   * The RSA algorithm with `modulusSize` bits, for sizes read from configuration.
   * @throws when the size is not 2048, 3072 or 4096
   */
  public static rsa(modulusSize: number): WorkloadKeyAlgorithm {
    // An unresolved size goes into the config as it is; GKE judges it.
    if (Token.isUnresolved(modulusSize)) return new WorkloadKeyAlgorithm(KeyFamily.RSA, { rsa: { modulusSize } });
    const found = [WorkloadKeyAlgorithm.RSA_2048, WorkloadKeyAlgorithm.RSA_3072, WorkloadKeyAlgorithm.RSA_4096]
      .find((a) => a.spec.rsa?.modulusSize === modulusSize);
    if (!found) {
      throw inputError('WorkloadKeyAlgorithm', 'rsa modulusSize', modulusSize,
        `must be one of ${RSA_MODULUS_SIZES.join(', ')} (the sizes GKE mesh certificates support)`);
    }
    return found;
  }

  /**
   * The ECDSA algorithm on `curve`, for curves read from configuration.
   * @throws when the curve is not "P256" or "P384"
   */
  public static ecdsa(curve: string): WorkloadKeyAlgorithm {
    if (Token.isUnresolved(curve)) return new WorkloadKeyAlgorithm(KeyFamily.ECDSA, { ecdsa: { curve } });
    const found = [WorkloadKeyAlgorithm.ECDSA_P256, WorkloadKeyAlgorithm.ECDSA_P384].find((a) => a.spec.ecdsa?.curve === curve);
    if (!found) {
      throw inputError('WorkloadKeyAlgorithm', 'ecdsa curve', curve,
        `must be one of ${ECDSA_CURVES.map((c) => `"${c}"`).join(', ')} (the curves GKE mesh certificates support)`);
    }
    return found;
  }

  /** The key family. */
  public readonly family: KeyFamily;
  /** The `spec.keyAlgorithm` object of the WorkloadCertificateConfig. */
  public readonly spec: WorkloadKeyAlgorithmSpec;

  private constructor(family: KeyFamily, spec: WorkloadKeyAlgorithmSpec) {
    this.family = family;
    this.spec = spec;
  }

  /** A short description such as `RSA 4096` or `ECDSA P256`, as shown in messages. */
  public get description(): string {
    return this.spec.rsa ? `RSA ${this.spec.rsa.modulusSize}` : `ECDSA ${this.spec.ecdsa?.curve}`;
  }
}
