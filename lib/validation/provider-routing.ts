// Which provider Terraform binds a resource or data block to, exactly as Terraform does it: the block's
// `provider` meta-argument ("local" or "local.alias") when it has one, else the type's prefix before the
// first "_" as the local name; the local name resolves through `terraform.required_providers[local].source`
// (a short source such as "google", as cdktf writes it, means registry.terraform.io/hashicorp/google), and a
// local name without an entry means hashicorp/<local> (except "terraform": Terraform's built-in provider).

const DEFAULT_REGISTRY = 'registry.terraform.io';
const BUILTIN_TERRAFORM = 'terraform.io/builtin/terraform';

/** The provider configuration a block is bound to. */
export interface ProviderBinding {
  /** The local name (`google-beta`). */
  readonly local: string;
  /** The alias, when the block names one (`google.europe`). */
  readonly alias?: string;
  /** The provider's source address (`registry.terraform.io/hashicorp/google-beta`). */
  readonly address: string;
  /** How the binding was decided, for messages. */
  readonly reason: string;
}

/** A provider source written in `required_providers`, as a full address. */
export function sourceAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `${DEFAULT_REGISTRY}/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `${DEFAULT_REGISTRY}/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** The short form of an address for messages: `hashicorp/google` for the default registry. */
export function shortAddress(address: string): string {
  return address.startsWith(`${DEFAULT_REGISTRY}/`) ? address.slice(DEFAULT_REGISTRY.length + 1) : address;
}

/** The address a local provider name resolves to in a stack. */
export function localNameAddress(local: string, json: Record<string, unknown>): { address: string; reason: string } {
  const requirements = ((json.terraform as { required_providers?: Record<string, unknown> } | undefined)?.required_providers ?? {});
  const requirement = requirements[local];
  const source = typeof requirement === 'string' ? undefined : (requirement as { source?: unknown } | undefined)?.source;
  if (typeof source === 'string') return { address: sourceAddress(source), reason: `required_providers.${local}.source = ${JSON.stringify(source)}` };
  if (local === 'terraform') return { address: BUILTIN_TERRAFORM, reason: 'Terraform\'s built-in provider' };
  return { address: sourceAddress(local), reason: `no required_providers entry "${local}", so hashicorp/${local}` };
}

/** The local names a stack's required_providers map to `address` (to suggest the right `provider`). */
export function localNamesOf(address: string, json: Record<string, unknown>): string[] {
  const requirements = ((json.terraform as { required_providers?: Record<string, unknown> } | undefined)?.required_providers ?? {});
  return Object.keys(requirements).filter((local) => localNameAddress(local, json).address === address);
}

/** The aliases of the provider blocks of a local name in a stack (`undefined` stands for the default block). */
export function providerAliases(local: string, json: Record<string, unknown>): (string | undefined)[] {
  const blocks = (json.provider as Record<string, unknown> | undefined)?.[local];
  const list = Array.isArray(blocks) ? blocks : blocks ? [blocks] : [];
  return list.map((block) => (block as { alias?: string } | null)?.alias);
}

/** The binding of a block of `type`; `explicit` is its `provider` meta-argument, if any. */
export function bindingOf(type: string, explicit: unknown, json: Record<string, unknown>): ProviderBinding {
  if (typeof explicit === 'string') {
    const reference = explicit.replace(/^\$\{(.*)\}$/, '$1');
    const [local, alias] = reference.split('.', 2);
    const resolved = localNameAddress(local, json);
    return { local, alias, address: resolved.address, reason: `provider = ${JSON.stringify(explicit)}, ${resolved.reason}` };
  }
  const local = type.split('_')[0];
  const resolved = localNameAddress(local, json);
  return { local, address: resolved.address, reason: `no provider meta-argument, so the type prefix "${local}": ${resolved.reason}` };
}
