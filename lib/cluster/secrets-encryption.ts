import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { regionOfLocation } from '../core/names';

const CRYPTO_KEY_ID = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;
const KMS_NAME = /^[a-zA-Z0-9_-]{1,63}$/;
const DURATION_SECONDS = /^[0-9]+s$/;
/** The shortest rotation period Cloud KMS accepts: one day. */
const MIN_ROTATION_SECONDS = 86400;

/**
 * Application-layer Secrets encryption: GKE encrypts Kubernetes Secrets in etcd with a Cloud KMS key
 * (envelope encryption). Give `kmsKey` to use an existing key, or let the cluster create a key ring and key
 * in its region. Either way the GKE service agent gets `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the
 * key, and the cluster waits for that grant.
 */
export interface SecretsEncryptionOptions {
  /**
   * An existing key: `projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY`, in the cluster's
   * region.
   * @default - a key ring and key created in the cluster's region
   */
  readonly kmsKey?: string;
  /**
   * The name of the key ring to create (key rings can never be deleted, so pick a lasting name).
   * @default - `<cluster name>-secrets`
   */
  readonly keyRingName?: string;
  /**
   * The name of the key to create.
   * @default 'etcd-secrets'
   */
  readonly keyName?: string;
  /**
   * How often the created key rotates, in seconds with an `s` suffix (at least `86400s`).
   * @default '7776000s' - 90 days; older versions stay usable for decryption
   */
  readonly rotationPeriod?: string;
}

/** Properties of {@link SecretsEncryptionKey}. */
export interface SecretsEncryptionKeyProps extends SecretsEncryptionOptions {
  /** The cluster's project, whose GKE service agent uses the key. */
  readonly project: GcpProject;
  /** The cluster name, the base of the key ring name. */
  readonly clusterName: string;
  /** The cluster's location; the key lives in its region. */
  readonly location: string;
}

/**
 * The Cloud KMS key of a cluster's Secrets encryption (created or given) and the GKE service agent's grant
 * on it. A created key is protected from `terraform destroy` (`prevent_destroy`): destroying it would make
 * every Secret of the cluster unreadable.
 */
export class SecretsEncryptionKey extends Construct {
  /** The key id, `projects/…/cryptoKeys/KEY`. */
  public readonly keyId: string;
  /** The created key ring, unless a key was given. */
  public readonly keyRing?: KmsKeyRing;
  /** The created key, unless a key was given. */
  public readonly cryptoKey?: KmsCryptoKey;
  /** `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key for the GKE service agent. */
  public readonly serviceAgentGrant: KmsCryptoKeyIamMember;

  constructor(scope: Construct, id: string, props: SecretsEncryptionKeyProps) {
    super(scope, id);
    const region = regionOfLocation(props.location);
    if (props.kmsKey !== undefined) {
      this.checkGivenKey(props, region);
      this.keyId = props.kmsKey;
    } else {
      const keyRingName = props.keyRingName ?? `${props.clusterName}-secrets`;
      const keyName = props.keyName ?? 'etcd-secrets';
      const rotationPeriod = props.rotationPeriod ?? '7776000s';
      checkKmsName(this, 'secretsEncryption.keyRingName', keyRingName);
      checkKmsName(this, 'secretsEncryption.keyName', keyName);
      checkRotationPeriod(this, rotationPeriod);
      this.keyRing = new KmsKeyRing(this, 'KeyRing', { project: props.project.id, name: keyRingName, location: region });
      this.cryptoKey = new KmsCryptoKey(this, 'CryptoKey', {
        name: keyName,
        keyRing: this.keyRing.id,
        purpose: 'ENCRYPT_DECRYPT',
        rotationPeriod,
        lifecycle: { preventDestroy: true },
      });
      this.keyId = this.cryptoKey.id;
    }
    this.serviceAgentGrant = new KmsCryptoKeyIamMember(this, 'ServiceAgentGrant', {
      cryptoKeyId: this.keyId,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: props.project.gkeServiceAgentMember(this),
    });
  }

  private checkGivenKey(props: SecretsEncryptionKeyProps, region: string): void {
    const given = Object.entries({ keyRingName: props.keyRingName, keyName: props.keyName, rotationPeriod: props.rotationPeriod })
      .find(([, value]) => value !== undefined);
    if (given) {
      throw inputError(this, `secretsEncryption.${given[0]}`, given[1],
        'only applies to a key the cluster creates; drop it, or drop kmsKey to have the key created');
    }
    const key = props.kmsKey!;
    if (Token.isUnresolved(key)) return;
    const match = CRYPTO_KEY_ID.exec(key);
    if (!match) {
      throw inputError(this, 'secretsEncryption.kmsKey', key,
        'must be a key id: projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY');
    }
    if (!Token.isUnresolved(region) && match[1] !== region) {
      throw inputError(this, 'secretsEncryption.kmsKey', key,
        `lies in ${match[1]}, but GKE needs the key in the cluster's region ${region}; use a key ring in ${region}`);
    }
  }
}


function checkKmsName(scope: Construct, field: string, value: string): void {
  if (!Token.isUnresolved(value) && !KMS_NAME.test(value)) {
    throw inputError(scope, field, value, 'must be 1-63 letters, digits, "_" and "-", such as etcd-secrets');
  }
}

function checkRotationPeriod(scope: Construct, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!DURATION_SECONDS.test(value) || Number(value.slice(0, -1)) < MIN_ROTATION_SECONDS) {
    throw inputError(scope, 'secretsEncryption.rotationPeriod', value,
      `must be whole seconds with an "s" suffix, at least ${MIN_ROTATION_SECONDS}s (one day), such as 7776000s (90 days)`);
  }
}
