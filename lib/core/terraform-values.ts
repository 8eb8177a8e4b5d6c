/**
 * Readers over resolved Terraform JSON (snake_case, as in cdk.tf.json). A value is unknown at synth
 * time when it is a string holding a Terraform expression (`${...}`); every reader keeps unknown values
 * distinguishable from absent ones, so rules can skip what cannot be known.
 */
import { ipv4CidrContains } from './names';

/** A resolved configuration object (attributes and nested blocks). */
export type TfConfig = { readonly [key: string]: unknown };

/** Whether a value holds a Terraform expression, so its value is only known at plan or apply time. */
export function isUnknown(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(isUnknown);
  return false;
}

/** The nested block `key` of a config: single blocks are objects, list blocks arrays (first element). */
export function block(config: TfConfig | undefined, key: string): TfConfig | undefined {
  const value = config?.[key];
  if (Array.isArray(value)) return isObject(value[0]) ? value[0] : undefined;
  return isObject(value) ? value : undefined;
}

/** Every element of the list block `key` (a single object counts as a one-element list). */
export function blocks(config: TfConfig | undefined, key: string): TfConfig[] {
  const value = config?.[key];
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The raw value at a dotted path through nested blocks (`a.b.c`); undefined when a level is absent. */
export function read(config: TfConfig | undefined, path: string): unknown {
  const parts = path.split('.');
  let current: TfConfig | undefined = config;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = current?.[part];
    if (typeof next === 'string') return next; // an expression stands for the whole block
    current = block(current, part);
    if (current === undefined) return undefined;
  }
  return current?.[parts[parts.length - 1]];
}

/** Reads an attribute path such as `metadata.0.name` (list indices and single blocks alike). */
export function readPath(config: TfConfig, path: string[]): unknown {
  let current: unknown = config;
  for (const part of path) {
    if (Array.isArray(current)) current = /^\d+$/.test(part) ? current[Number(part)] : undefined;
    else if (isObject(current)) current = part === '0' && !('0' in current) ? current : current[part]; // [0] of a single block
    else return undefined;
  }
  return current;
}

/** A literal string, or undefined when the value is absent, not a string, or unknown. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !isUnknown(value) ? value : undefined;
}

/** A literal boolean (Terraform also accepts "true"/"false"), or undefined. */
export function literalBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A literal number (numeric strings included), or undefined. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** The elements of a list attribute, or undefined when absent or the whole list is an expression. */
export function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A string-to-value map attribute (labels, annotations, metadata), or undefined. */
export function map(value: unknown): TfConfig | undefined {
  return isObject(value) ? value : undefined;
}

/** Whether a value is a plain object (a block or a map). */
export function isObject(value: unknown): value is TfConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parsed Terraform reference such as `google_service_account.nodes.email`. */
export interface TfReference {
  /** Whether it names a data source (`data.` prefix). */
  readonly isData: boolean;
  /** The resource type, such as `google_service_account`. */
  readonly type: string;
  /** The resource name (the construct's logical id). */
  readonly name: string;
  /** The attribute path after the name: `["metadata", "0", "name"]`. */
  readonly attributePath: string[];
}

const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)$/;

/** Parses a Terraform expression that is a plain reference; undefined for anything else (functions, operators). */
export function parseReference(expression: string): TfReference | undefined {
  const match = REFERENCE.exec(expression);
  if (!match) return undefined;
  const attributePath = match[4].split(/\.|\[|\]/).filter((part) => part !== '');
  return { isData: match[1] !== undefined, type: match[2], name: match[3], attributePath };
}

/** The expression of a value that is exactly one `${...}`, or undefined. */
export function soleExpression(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([^{}]*)\}$/.exec(value);
  return match ? match[1] : undefined;
}

/** Every `${...}` expression inside a string. */
export function expressionsIn(value: string): string[] {
  return [...value.matchAll(/\$\{([^{}]*)\}/g)].map((m) => m[1]);
}

/** Whether `ip` (a.b.c.d) lies inside the IPv4 CIDR block (false when the block is not a literal IPv4 CIDR). */
export function cidrContains(cidr: string, ip: string): boolean {
  return ipv4CidrContains(cidr.trim(), ip);
}

/** The value that stands for an attribute Terraform does not manage (`lifecycle.ignore_changes`). */
export const IGNORED_ATTRIBUTE = '${lifecycle.ignore_changes}';

/**
 * Marks the attributes a resource lists in `lifecycle.ignore_changes` as unknown where the configuration
 * leaves them unset: Terraform does not manage them (typically an adopted resource), so their absence
 * says nothing about their value. Set values stay: they are what the configuration states.
 */
export function markIgnoredAttributes(config: { [key: string]: unknown }): void {
  const ignored = isObject(config.lifecycle) ? config.lifecycle.ignore_changes : undefined;
  for (const path of Array.isArray(ignored) ? ignored.filter((p): p is string => typeof p === 'string') : []) {
    const parts = path.replace(/\[\d+\]/g, '').split('.').map((part) => part.split('[')[0]);
    let target: { [key: string]: unknown } = config;
    for (const part of parts.slice(0, -1)) {
      const existing = Array.isArray(target[part]) ? (target[part] as unknown[])[0] : target[part];
      if (existing !== undefined && !isObject(existing)) break;
      const next: { [key: string]: unknown } = existing === undefined ? {} : existing as { [key: string]: unknown };
      if (existing === undefined) target[part] = next;
      target = next;
    }
    const last = parts[parts.length - 1];
    if (target[last] === undefined) target[last] = IGNORED_ATTRIBUTE;
  }
}
