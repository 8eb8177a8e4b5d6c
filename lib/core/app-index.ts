import { IConstruct } from 'constructs';
import { TerraformElement, TerraformModule, TerraformStack, Token } from 'cdktf';
import { crossStackOrigin, resolveForReading, stackOverrides } from './cdktf-internals';
import { createsNothing, mergeOverride, withLocals } from './escape-hatches';
import {
  expressionsIn, isObject, literalString, markIgnoredAttributes, parseReference, readPath, soleExpression, TfConfig,
} from './terraform-values';

/** One Terraform resource or data source of the app, with its resolved configuration. */
export interface TfResource {
  /** The resource type, such as `google_container_cluster`. */
  readonly type: string;
  /** The logical name (the block label). */
  readonly name: string;
  /** The Terraform address: `type.name`, or `data.type.name` for data sources. */
  readonly address: string;
  /** Whether it is a data source. */
  readonly isData: boolean;
  /** The stack that synthesises it. */
  readonly stack: TerraformStack;
  /**
   * The construct that synthesises it: its element, or the stack for a resource written only with
   * `stack.addOverride('resource.TYPE.NAME', …)`.
   */
  readonly element: IConstruct;
  /** The resolved configuration, snake_case, without cdktf's `//` metadata. */
  readonly config: TfConfig;
  /** Whether it has `dynamic` blocks, whose contents are unknown at synth time. */
  readonly dynamic: boolean;
  /**
   * The local name of the provider that manages it, as Terraform routes it: the name in its `provider`
   * meta-argument (`google-beta` for `google-beta.west`), else its type's prefix before the first `_`
   * (`google` for every `google_*` type, whichever binding package wrote it). Undefined when the
   * meta-argument is not a literal.
   */
  readonly providerName?: string;
}

/** Where a reference leads: the resource and the attribute path read from it. */
export interface ReferenceTarget {
  /** The referenced resource or data source. */
  readonly resource: TfResource;
  /** The attribute path, such as `["email"]` or `["metadata", "0", "name"]`. */
  readonly attributePath: string[];
}

/**
 * Every resource, data source, module, provider and output of a set of stacks, resolved once and indexed by
 * type and address, so lookups take constant time and a walk stays linear in the size of the app.
 * References are followed across stacks (cdktf's remote-state outputs) back to the resource they name. The
 * rule pack (lib/checks), the access report (lib/report) and the deployer's role derivation (lib/pipeline)
 * all read the app through it.
 */
export class AppIndex {
  /**
   * Resolves and indexes the Terraform elements of `stacks`, leaving out every construct for which `skip`
   * is true and everything under it.
   */
  public static build(stacks: TerraformStack[], skip: (c: IConstruct) => boolean = () => false): AppIndex {
    const index = new AppIndex(skip);
    for (const stack of stacks) index.addStack(stack);
    return index;
  }

  /** Every indexed resource and data source, in construct order. */
  public readonly all: TfResource[] = [];
  /** Every Terraform module of the stacks, in construct order: the resources inside are not indexed. */
  public readonly modules: TerraformModule[] = [];
  private readonly resourcesByType = new Map<string, TfResource[]>();
  private readonly dataByType = new Map<string, TfResource[]>();
  private readonly byStackAddress = new Map<string, TfResource>();
  private readonly byAddress = new Map<string, TfResource[]>();
  private readonly providers = new Map<string, TfConfig>();
  private readonly outputs = new Map<string, unknown>();
  private readonly stacksByPath = new Map<string, TerraformStack>();
  private readonly namesByType = new Map<string, Map<string, TfResource[]>>();

  private constructor(private readonly skip: (c: IConstruct) => boolean) {}

  /** The resources (not data sources) of a type. */
  public resources(type: string): TfResource[] {
    return this.resourcesByType.get(type) ?? [];
  }

  /** Every type that has resources (not data sources), in the order first indexed. */
  public resourceTypes(): string[] {
    return [...this.resourcesByType.keys()];
  }

  /** The data sources of a type. */
  public dataSources(type: string): TfResource[] {
    return this.dataByType.get(type) ?? [];
  }

  /** The resources of several types, in type order. */
  public resourcesOf(types: readonly string[]): TfResource[] {
    return types.flatMap((type) => this.resources(type));
  }

  /**
   * Where a value that is exactly one reference (`${type.name.attr}`) leads, following cdktf's
   * cross-stack outputs to the origin stack. Undefined for literals, expressions and unknown targets.
   */
  public target(value: unknown, from: IConstruct): ReferenceTarget | undefined {
    const expression = soleExpression(value);
    return expression === undefined ? undefined : this.targetOfExpression(expression, TerraformStack.of(from));
  }

  /** Like {@link target}, for every reference inside a string (`https://${data.x.y.endpoint}`). */
  public targetsIn(value: unknown, from: IConstruct): ReferenceTarget[] {
    if (typeof value !== 'string') return [];
    const stack = TerraformStack.of(from);
    return expressionsIn(value).map((e) => this.targetOfExpression(e, stack)).filter((t): t is ReferenceTarget => t !== undefined);
  }

  /**
   * The literal behind a value: the value itself when it is not a reference, else the referenced
   * attribute when the target's configuration sets it literally (`${google_privateca_ca_pool.p.name}`).
   * Computed attributes stay unknown: the reference string is returned unchanged.
   */
  public literal(value: unknown, from: IConstruct): unknown {
    const target = this.target(value, from);
    if (!target) return value;
    const found = readPath(target.resource.config, target.attributePath);
    return found === undefined || found === value ? value : this.literal(found, target.resource.element);
  }

  /** The literal string behind a value (see {@link literal}), or undefined. */
  public literalString(value: unknown, from: IConstruct): string | undefined {
    return literalString(this.literal(value, from));
  }

  /**
   * The resource of `type` a value names: a reference to it (also inside a string), its full id
   * (`projects/P/locations/global/serverTlsPolicies/NAME`, the last segment is the name) or its bare name.
   * Undefined when no single resource of the app matches.
   */
  public resourceNamed(type: string, value: unknown, from: IConstruct): TfResource | undefined {
    const referenced = this.targetsIn(value, from).find((t) => t.resource.type === type);
    if (referenced) return referenced.resource;
    const literal = this.literalString(value, from);
    if (literal === undefined) return undefined;
    const name = literal.slice(literal.lastIndexOf('/') + 1);
    const matches = this.byName(type).get(name) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The resources of a type by their literal `name`, built on first use. */
  private byName(type: string): Map<string, TfResource[]> {
    let names = this.namesByType.get(type);
    if (!names) {
      names = new Map();
      for (const resource of this.resources(type)) {
        const name = this.literalString(resource.config.name, resource.element);
        if (name !== undefined) appendTo(names, name, resource);
      }
      this.namesByType.set(type, names);
    }
    return names;
  }

  /**
   * The resolved configuration of the provider a resource uses: the one its `provider` meta-argument names
   * (`google-beta`, `kubernetes.west`), else the default (unaliased) configuration of its type's prefix.
   */
  public providerConfig(resource: TfResource): TfConfig | undefined {
    const address = providerAddressOf(resource.type, resource.config);
    return address === undefined ? undefined : this.providers.get(`${resource.stack.node.path}|${address}`);
  }

  /** The project of a Google resource: its own `project`, else its provider's, when literal. */
  public projectOf(resource: TfResource): string | undefined {
    return this.literalString(resource.config.project, resource.element)
      ?? this.literalString(this.providerConfig(resource)?.project, resource.element);
  }

  private targetOfExpression(expression: string, stack: TerraformStack): ReferenceTarget | undefined {
    const reference = parseReference(expression);
    if (!reference) return undefined;
    const origin = reference.isData ? crossStackOrigin(reference.type, reference.name, reference.attributePath) : undefined;
    if (origin) return this.followCrossStackOutput(origin.stackPath, origin.outputId);
    const address = `${reference.isData ? 'data.' : ''}${reference.type}.${reference.name}`;
    const resource = this.byStackAddress.get(`${stack.node.path}|${address}`) ?? this.onlyResourceAt(address);
    return resource ? { resource, attributePath: reference.attributePath } : undefined;
  }

  /** A cross-stack reference → what the output `outputId` of the stack at `originPath` holds. */
  private followCrossStackOutput(originPath: string, outputId: string): ReferenceTarget | undefined {
    const origin = this.stacksByPath.get(originPath);
    const expression = soleExpression(this.outputs.get(`${originPath}|${outputId}`));
    return origin && expression !== undefined ? this.targetOfExpression(expression, origin) : undefined;
  }

  /** An address outside the referring stack (unprepared cross-stack references) when exactly one stack has it. */
  private onlyResourceAt(address: string): TfResource | undefined {
    const candidates = this.byAddress.get(address) ?? [];
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private addStack(stack: TerraformStack): void {
    this.stacksByPath.set(stack.node.path, stack);
    const elements = elementsOf(stack, this.skip);
    elements.forEach((element) => { if (element instanceof TerraformModule) this.modules.push(element); });
    const fragments = elements.map((element) => ({
      element: element as IConstruct,
      fragment: resolvedFragment(element.toTerraform(), stack) as TfConfig,
    }));
    const overrides = stackOverrides(stack);
    if (Object.keys(overrides).length > 0) fragments.push({ element: stack, fragment: this.applyOverrides(stack, fragments.map((f) => f.fragment), overrides) });
    const locals = new Map<string, unknown>();
    for (const { fragment } of fragments) {
      if (isObject(fragment.locals)) Object.entries(fragment.locals).forEach(([name, value]) => locals.set(name, value));
    }
    for (const { element, fragment } of fragments) {
      this.addBlocks(stack, element, fragment.resource, false, locals);
      this.addBlocks(stack, element, fragment.data, true, locals);
      this.addProviders(stack, fragment.provider);
      this.addOutputs(stack, fragment.output);
    }
  }

  /**
   * Merges the stack-level overrides into the elements' fragments, as cdktf does when it writes
   * cdk.tf.json, and returns the blocks that only the overrides write (resources injected by address).
   */
  private applyOverrides(stack: TerraformStack, fragments: TfConfig[], overrides: TfConfig): TfConfig {
    const injected: { [section: string]: { [type: string]: { [name: string]: unknown } } } = {};
    const resolved = resolveForReading(overrides, stack) as TfConfig;
    for (const section of ['resource', 'data', 'locals']) {
      const bySection = resolved[section];
      if (!isObject(bySection)) continue;
      if (section === 'locals') {
        injected.locals = { ...bySection } as never;
        continue;
      }
      for (const [type, byName] of Object.entries(bySection)) {
        if (!isObject(byName)) continue;
        for (const [name, override] of Object.entries(byName)) {
          if (!isObject(override)) continue;
          const owner = fragments.find((f) => isObject(f[section]) && isObject((f[section] as TfConfig)[type]) && isObject(((f[section] as TfConfig)[type] as TfConfig)[name]));
          if (owner) {
            mergeOverride(((owner[section] as TfConfig)[type] as { [name: string]: { [key: string]: unknown } })[name], override);
          } else {
            ((injected[section] ??= {})[type] ??= {})[name] = override;
          }
        }
      }
    }
    return injected;
  }

  private addBlocks(stack: TerraformStack, element: IConstruct, section: unknown, isData: boolean, locals: ReadonlyMap<string, unknown>): void {
    if (!isObject(section)) return;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, raw] of Object.entries(byName)) {
        if (!isObject(raw)) continue;
        const config = { ...withLocals(raw, locals) as TfConfig };
        delete config['//'];
        markIgnoredAttributes(config);
        const address = `${isData ? 'data.' : ''}${type}.${name}`;
        const resource: TfResource = { type, name, address, isData, stack, element, config, dynamic: 'dynamic' in config, providerName: providerNameOf(type, config) };
        this.all.push(resource);
        appendTo(this.byAddress, address, resource);
        this.byStackAddress.set(`${stack.node.path}|${address}`, resource);
        // a resource that ignores all changes is not managed by this configuration: references to it are
        // followed, but no rule judges it
        // neither is a resource that creates no instance (literal count = 0)
        if ((!isObject(config.lifecycle) || config.lifecycle.ignore_changes !== 'all') && !createsNothing(config)) {
          appendTo(isData ? this.dataByType : this.resourcesByType, type, resource);
        }
      }
    }
  }

  private addProviders(stack: TerraformStack, section: unknown): void {
    if (!isObject(section)) return;
    for (const [type, configs] of Object.entries(section)) {
      for (const config of Array.isArray(configs) ? configs.filter(isObject) : []) {
        const alias = literalString(config.alias);
        this.providers.set(`${stack.node.path}|${alias ? `${type}.${alias}` : type}`, config);
      }
    }
  }

  private addOutputs(stack: TerraformStack, section: unknown): void {
    if (!isObject(section)) return;
    for (const [id, output] of Object.entries(section)) {
      if (isObject(output)) this.outputs.set(`${stack.node.path}|${id}`, output.value);
    }
  }
}

/** The Terraform elements a stack synthesises (not those of nested stacks nor skipped ones), in construct order. */
function elementsOf(scope: IConstruct, skip: (c: IConstruct) => boolean, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) {
    if (!TerraformStack.isStack(child) && !skip(child)) elementsOf(child, skip, into);
  }
  return into;
}

/**
 * The resolved copy of a Terraform fragment, as `Tokenization.resolve` returns it, in one pass that hands
 * only the token-bearing values to cdktf's resolver: plain strings, numbers, booleans, arrays and objects
 * are copied as they are, and attributes left undefined are dropped (resolution drops them too). Generated
 * provider bindings list every optional attribute of a block and most values are literals, so resolving
 * the whole fragment costs several times more than resolving its few tokens.
 */
export function resolvedFragment(value: unknown, stack: TerraformStack): unknown {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (Token.isUnresolved(value)) return resolveForReading(value, stack);
  if (Array.isArray(value)) return value.map((item) => resolvedFragment(item, stack));
  if (typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return resolveForReading(value, stack);
  const copy: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = item === undefined ? undefined : resolvedFragment(item, stack);
    if (resolved !== undefined) copy[key] = resolved;
  }
  return copy;
}

/**
 * The provider configuration Terraform binds a block to: its `provider` meta-argument (`LOCAL_NAME` or
 * `LOCAL_NAME.ALIAS`), else the default configuration of the provider whose local name is the type's prefix.
 * The binding package's generator metadata plays no part: a `google-beta` binding without a `provider`
 * meta-argument is managed by `google`. Undefined when the meta-argument is not a literal.
 */
export function providerAddressOf(type: string, config: TfConfig): string | undefined {
  if (config.provider === undefined) return type.split('_')[0];
  return literalString(config.provider);
}

/** The local name of the provider Terraform binds a block to (see {@link providerAddressOf}), without alias. */
function providerNameOf(type: string, config: TfConfig): string | undefined {
  return providerAddressOf(type, config)?.split('.')[0];
}

/** The index an app's rule pack built, per app root, so other readers of the app (the access report) reuse it. */
const SHARED = new WeakMap<IConstruct, AppIndex>();

/** Offers `index`, built from every checked stack of the app of `root`, to the app's other readers. */
export function shareAppIndex(root: IConstruct, index: AppIndex): void {
  SHARED.set(root, index);
}

/** The index shared for the app of `root` (see {@link shareAppIndex}), if any. */
export function sharedAppIndex(root: IConstruct): AppIndex | undefined {
  return SHARED.get(root);
}

/** Appends `value` to the list of `key`. */
export function appendTo<K, T>(target: Map<K, T[]>, key: K, value: T): void {
  const list = target.get(key);
  if (list) list.push(value);
  else target.set(key, [value]);
}
