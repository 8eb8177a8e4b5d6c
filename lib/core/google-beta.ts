import { IConstruct } from 'constructs';
import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';

/** The provider type (local name) of hashicorp/google-beta, as its generated `GoogleBetaProvider` records it. */
export const GOOGLE_BETA = 'google-beta';

/**
 * Binds a resource whose type only hashicorp/google-beta has to a google-beta provider.
 *
 * Terraform routes a block without a `provider` meta-argument by its type's prefix: every `google_*` type goes
 * to the provider with the local name `google`, which is hashicorp/google, whatever package the binding class
 * came from. A beta-only type must therefore name its provider. The provider is `betaProvider` when given,
 * else the one `GoogleBetaProvider` created directly in the resource's stack, looked up whenever the resource is
 * written (so the provider may be added after the construct). When neither settles it, `owner` fails validation with an
 * error that names the resource type and the fix.
 *
 * @param owner the library construct that creates the resource (named in errors)
 * @param resource the resource of a google-beta-only type
 * @param betaProvider the google-beta provider to use, or undefined for the stack's only one
 */
export function bindToGoogleBeta(owner: IConstruct, resource: TerraformResource, betaProvider?: TerraformProvider): void {
  const stack = TerraformStack.of(resource);
  if (betaProvider !== undefined) checkBetaProvider(owner, resource.terraformResourceType, betaProvider);
  let chosen = betaProvider;
  Object.defineProperty(resource, 'provider', {
    configurable: true,
    enumerable: true,
    get: () => chosen ?? onlyBetaProviderOf(stack),
    set: (value: TerraformProvider | undefined) => { chosen = value; },
  });
  owner.node.addValidation({
    validate: () => (chosen !== undefined ? [] : missingProviderErrors(owner, resource, stack)),
  });
}

/** Whether `provider` is a hashicorp/google-beta provider. */
export function isGoogleBetaProvider(provider: TerraformProvider): boolean {
  return provider.terraformResourceType === GOOGLE_BETA;
}

/**
 * Throws unless `provider` is a google-beta provider in `owner`'s stack, where Terraform can bind a block of
 * `type` to it.
 */
export function checkBetaProvider(owner: IConstruct, type: string, provider: TerraformProvider): void {
  const stack = TerraformStack.of(owner);
  if (!isGoogleBetaProvider(provider)) {
    throw new Error(`${owner.node.path}: invalid betaProvider ${JSON.stringify(provider.node.path)}: ` +
      `${type} exists only in hashicorp/google-beta, but this provider is "${provider.terraformResourceType}"; ` +
      `pass a GoogleBetaProvider (new GoogleBetaProvider(stack, 'google-beta', {...}))`);
  }
  if (TerraformStack.of(provider) !== stack) {
    throw new Error(`${owner.node.path}: invalid betaProvider ${JSON.stringify(provider.node.path)}: ` +
      `it belongs to stack "${TerraformStack.of(provider).node.path}", but Terraform binds ${type} only to a provider ` +
      `of its own stack "${stack.node.path}"; create the GoogleBetaProvider in "${stack.node.path}" and pass that one`);
  }
}

/** The google-beta providers found per stack, with the number of the stack's children they were found among. */
const betaProvidersCache = new WeakMap<TerraformStack, { readonly children: number; readonly providers: TerraformProvider[] }>();

/**
 * The google-beta providers created directly in `stack`, as `new GoogleBetaProvider(stack, …)` creates them
 * (a provider nested in another construct is passed as `betaProvider`). Every bound resource asks when it is
 * written, so the answer is kept until a construct is added to the stack: a whole-tree search per resource
 * made synthesis quadratic in the number of beta resources.
 */
function betaProvidersOf(stack: TerraformStack): TerraformProvider[] {
  const children = stack.node.children;
  const cached = betaProvidersCache.get(stack);
  if (cached !== undefined && cached.children === children.length) return cached.providers;
  const providers = children.filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && isGoogleBetaProvider(c));
  betaProvidersCache.set(stack, { children: children.length, providers });
  return providers;
}

function onlyBetaProviderOf(stack: TerraformStack): TerraformProvider | undefined {
  const found = betaProvidersOf(stack);
  return found.length === 1 ? found[0] : undefined;
}

function missingProviderErrors(owner: IConstruct, resource: TerraformResource, stack: TerraformStack): string[] {
  const found = betaProvidersOf(stack);
  if (found.length === 1) return [];
  const type = resource.terraformResourceType;
  if (found.length === 0) {
    return [`${owner.node.path}: ${type} exists only in hashicorp/google-beta, and stack "${stack.node.path}" has no google-beta provider among its top-level constructs ` +
      '(without one Terraform would bind it to hashicorp/google, which has no such type); ' +
      `add new GoogleBetaProvider(stack, 'google-beta', {...}) to stack "${stack.node.path}", or pass betaProvider`];
  }
  return [`${owner.node.path}: ${type} exists only in hashicorp/google-beta, and stack "${stack.node.path}" has ${found.length} google-beta ` +
    `providers (${found.map((p) => p.node.path).join(', ')}); pass the one to use as betaProvider`];
}
