import { IConstruct } from 'constructs';
import { TerraformResource, TerraformStack, Token } from 'cdktf';

/**
 * Kubernetes service accounts per cluster above which the gke-metadata-server DaemonSet is OOM-killed
 * (troubleshooting guide: its memory grows with the KSAs of the cluster).
 */
export const METADATA_SERVER_KSA_LIMIT = 3000;

/** A Google service account as the registry compares it: its e-mail, and the literal when known. */
export interface RegisteredAccount {
  readonly email: string;
  readonly literalEmail?: string;
}

/** One workload identity, as the app-wide registry knows it. */
export interface IdentityRegistration {
  /** The KSA: cluster id, namespace and name. */
  readonly key: string;
  /** The `iam.gke.io/gcp-service-account` annotation the identity writes, read when validating; undefined when it writes none. */
  readonly annotatedAccount?: () => string | undefined;
  /** The Google service account the identity binds `roles/iam.workloadIdentityUser` on for its KSA. */
  readonly boundAccount?: RegisteredAccount;
}

/** Every workload identity of one app, for the checks that span identities. */
export class IdentityRegistry {
  private readonly byKey = new Map<string, IdentityRegistration[]>();
  private readonly namespaceCreators = new Map<string, TerraformResource>();
  /** Resources placed in a namespace before its creator was known: they wait for it once it is. */
  private readonly namespaceUsersWaiting = new Map<string, TerraformResource[]>();
  private warned = false;

  /** The resource that creates a namespace (key: cluster id and namespace), if an identity creates it. */
  public namespaceCreator(namespaceKey: string): TerraformResource | undefined {
    return this.namespaceCreators.get(namespaceKey);
  }

  /**
   * Records a namespace's creator and the resources that live in it, and makes every such resource in the
   * creator's stack wait for the creator, whichever identity was declared first. Each resource is visited
   * once, so placing n identities in one namespace costs O(n).
   */
  public placeInNamespace(namespaceKey: string, users: TerraformResource[], creator?: TerraformResource): void {
    if (creator) this.namespaceCreators.set(namespaceKey, creator);
    const namespace = this.namespaceCreators.get(namespaceKey);
    if (!namespace) {
      const waiting = this.namespaceUsersWaiting.get(namespaceKey);
      if (waiting) waiting.push(...users);
      else this.namespaceUsersWaiting.set(namespaceKey, [...users]);
      return;
    }
    const waiting = this.namespaceUsersWaiting.get(namespaceKey) ?? [];
    this.namespaceUsersWaiting.delete(namespaceKey);
    const stack = TerraformStack.of(namespace);
    const address = `${namespace.terraformResourceType}.${namespace.friendlyUniqueId}`;
    for (const user of [...waiting, ...users]) {
      if (TerraformStack.of(user) !== stack || user.dependsOn?.includes(address)) continue;
      user.dependsOn = [...(user.dependsOn ?? []), address];
    }
  }

  /** Records an identity; true exactly once, when the app first has more KSAs than the metadata server copes with. */
  public register(registration: IdentityRegistration): boolean {
    const peers = this.byKey.get(registration.key) ?? [];
    peers.push(registration);
    this.byKey.set(registration.key, peers);
    if (this.warned || this.byKey.size <= METADATA_SERVER_KSA_LIMIT) return false;
    this.warned = true;
    return true;
  }

  /** The number of distinct KSAs registered. */
  public get size(): number {
    return this.byKey.size;
  }

  /** Every registration of the same KSA (including `registration`). */
  public peersOf(registration: IdentityRegistration): IdentityRegistration[] {
    return this.byKey.get(registration.key) ?? [];
  }
}

const registries = new WeakMap<IConstruct, IdentityRegistry>();

/** The registry of the app (construct tree) `scope` belongs to. */
export function registryOf(scope: IConstruct): IdentityRegistry {
  const root = scope.node.root;
  let registry = registries.get(root);
  if (!registry) {
    registry = new IdentityRegistry();
    registries.set(root, registry);
  }
  return registry;
}

/**
 * Whether an annotation value names the account: true or false when decidable at synth time, undefined
 * when a value is only known at apply time.
 */
export function namesAccount(annotation: string, account: RegisteredAccount): boolean | undefined {
  if (annotation === account.email || annotation === account.literalEmail) return true;
  if (Token.isUnresolved(annotation) || account.literalEmail === undefined) return undefined;
  return false;
}

/** The e-mail that identifies an account across registrations. */
export function accountKey(account: RegisteredAccount): string {
  return account.literalEmail ?? account.email;
}
