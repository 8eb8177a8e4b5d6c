import { isObject, literalNumber, soleExpression, TfConfig } from './terraform-values';

/**
 * What the final `cdk.tf.json` holds beyond the elements' own configuration: the stack-level overrides
 * (`stack.addOverride('resource.TYPE.NAME', …)`), which cdktf merges in last, and the locals whose literal
 * values resources read through `${local.NAME}`. The app index reads the configuration as Terraform will,
 * so resources injected or changed this way are judged too. (The overrides themselves are read through
 * `stackOverrides` of cdktf-internals.ts.)
 */

/**
 * Merges `override` into `target` exactly as cdktf does when it writes cdk.tf.json: objects merge key by
 * key (into a list too, where a numeric key names an element), lists append to lists, `undefined`
 * deletes, anything else replaces.
 */
export function mergeOverride(target: { [key: string]: unknown }, override: TfConfig): void {
  for (const [key, value] of Object.entries(override)) {
    const existing = target[key];
    if (isObject(value)) {
      if (typeof existing !== 'object' || existing === null) target[key] = {};
      mergeOverride(target[key] as { [key: string]: unknown }, value);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(existing) ? [...existing, ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

const LOCAL_REFERENCE = /^local\.([A-Za-z0-9_-]+)$/;

/**
 * A copy of `value` where every value that is exactly `${local.NAME}` of a local with a literal value is
 * replaced by that value, at any depth (locals that reference other locals are followed, up to a depth
 * that stops cycles).
 */
export function withLocals(value: unknown, locals: ReadonlyMap<string, unknown>, depth = 0): unknown {
  if (locals.size === 0 || depth > 8) return value;
  const expression = soleExpression(value);
  if (expression !== undefined) {
    const name = LOCAL_REFERENCE.exec(expression)?.[1];
    return name !== undefined && locals.has(name) ? withLocals(locals.get(name), locals, depth + 1) : value;
  }
  if (Array.isArray(value)) return value.map((v) => withLocals(v, locals, depth));
  if (!isObject(value)) return value;
  const copy: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(value)) copy[key] = withLocals(v, locals, depth);
  return copy;
}

/**
 * Whether a resource creates no instance: a literal `count = 0`, or a literal empty `for_each`. Such
 * resources are written but never applied, so no rule judges them.
 */
export function createsNothing(config: TfConfig): boolean {
  if (literalNumber(config.count) === 0) return true;
  const forEach = config.for_each;
  return (Array.isArray(forEach) && forEach.length === 0) || (isObject(forEach) && Object.keys(forEach).length === 0);
}
