import { SchemaBlock, SchemaType } from './schema-catalog';
import { ValueProblem, isExpression, joinPath } from './value-conformance';
import { unknownNameHint } from './block-conformance';

// The meta-arguments Terraform reads itself: `depends_on` must name objects of the same configuration,
// `lifecycle` takes only its own settings, and each `lifecycle.ignore_changes` entry must be a path that exists
// in the resource type's schema (as Terraform's static traversal validation checks it).

/** The meta-arguments Terraform allows in a resource body. */
export const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);
/** The meta-arguments Terraform allows in a data block. */
export const DATA_META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle']);
/** The meta-arguments Terraform allows in a provider block. */
export const PROVIDER_META_ARGUMENTS: ReadonlySet<string> = new Set(['alias', 'version']);

const LIFECYCLE_SETTINGS = ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition'];

/** The names a stack defines that `depends_on` may refer to: `type.name`, `data.type.name`, `module.name`. */
export function addressesOf(json: Record<string, unknown>): Set<string> {
  const result = new Set<string>();
  const add = (prefix: string, section: unknown) => {
    for (const [type, byName] of Object.entries((section as Record<string, object> | undefined) ?? {})) {
      for (const name of Object.keys(byName ?? {})) result.add(`${prefix}${type}.${name}`);
    }
  };
  add('', json.resource);
  add('data.', json.data);
  for (const name of Object.keys((json.module as object | undefined) ?? {})) result.add(`module.${name}`);
  return result;
}

/** The problems of a `depends_on` value: every entry must be a resource, data source or module of the stack. */
export function dependsOnProblems(value: unknown, known: ReadonlySet<string>): ValueProblem[] {
  if (!Array.isArray(value)) return [{ path: 'depends_on', message: 'expects a list of references' }];
  return value.flatMap((entry, i) => {
    const path = joinPath('depends_on', i);
    if (typeof entry !== 'string') return [{ path, message: `expects a reference, got ${typeof entry}` }];
    const reference = entry.replace(/^\$\{(.*)\}$/, '$1');
    const match = /^(module\.[\w-]+|data\.[\w-]+\.[\w-]+|[\w-]+\.[\w-]+)(\[[^\]]*\])?$/.exec(reference);
    if (!match) return [{ path, message: `${JSON.stringify(entry)} is not a reference to a resource, data source or module` }];
    return known.has(match[1]) ? [] : [{ path, message: `${JSON.stringify(entry)}: no such resource, data source or module in this stack` }];
  });
}

type Step = { name: string } | { index: string };

function traversalSteps(text: string): Step[] | undefined {
  const steps: Step[] = [];
  const pattern = /\.?([A-Za-z_][\w-]*)|\[(\d+|"(?:[^"\\]|\\.)*"|\*)\]/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index === 0 && text.startsWith('.')) return undefined;
    steps.push(match[1] !== undefined ? { name: match[1] } : { index: match[2] });
    end = pattern.lastIndex;
  }
  return end === text.length && steps.length > 0 && 'name' in steps[0] ? steps : undefined;
}

/** Applies the steps after an attribute to a value of its type, as Terraform applies them to an unknown value. */
function typeTraversalProblem(type: SchemaType, steps: Step[], where: string): string | undefined {
  if (steps.length === 0 || type === 'dynamic') return undefined;
  const [step, ...rest] = steps;
  if (typeof type === 'string') return `${where} is a ${type}: it has no ${'name' in step ? `attribute "${step.name}"` : 'elements'}`;
  const [kind, inner] = type;
  const key = 'name' in step ? step.name : step.index.startsWith('"') ? (JSON.parse(step.index) as string) : undefined;
  if (kind === 'map') return key !== undefined || 'index' in step ? typeTraversalProblem(inner as SchemaType, rest, where) : undefined;
  if (kind === 'object') {
    const attributes = inner as Record<string, SchemaType>;
    if (key === undefined || !(key in attributes)) return `${where} has no attribute ${JSON.stringify(key ?? step)}; ${unknownNameHint(String(key), Object.keys(attributes))}`;
    return typeTraversalProblem(attributes[key], rest, `${where}.${key}`);
  }
  if ('name' in step || !/^\d+$/.test(step.index)) return `${where} is a ${kind}: index it with a number, like [0]`;
  return kind === 'tuple' ? undefined : typeTraversalProblem(inner as SchemaType, rest, `${where}[${step.index}]`);
}

/** Why an `ignore_changes` path does not exist in `block`, or undefined when it does. */
export function ignoreChangesProblem(text: string, block: SchemaBlock, resourceType: string): string | undefined {
  const steps = traversalSteps(text);
  if (!steps) return `${JSON.stringify(text)} is not an attribute path (write it like "labels" or "metadata[0].annotations")`;
  let current = block;
  let where = resourceType;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!('name' in step)) return `${where} is a block: its attributes are named, not indexed`;
    const attribute = current.attributes?.[step.name];
    if (attribute) return typeTraversalProblem(attribute.type ?? 'dynamic', steps.slice(i + 1), `${where}.${step.name}`);
    const blockType = current.block_types?.[step.name];
    if (!blockType) {
      return `${where} has no attribute or block "${step.name}"; ${unknownNameHint(step.name, [...Object.keys(current.attributes ?? {}), ...Object.keys(current.block_types ?? {})])}`;
    }
    where = `${where}.${step.name}`;
    current = blockType.block;
    if (blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group' || i === steps.length - 1) continue;
    if (blockType.nesting_mode === 'set') return `${where} is a set of blocks: set elements have no address, ignore the whole "${step.name}"`;
    const next = steps[i + 1];
    const keyed = 'index' in next && (blockType.nesting_mode === 'map' ? next.index.startsWith('"') : /^\d+$/.test(next.index));
    if (!keyed) return `${where} is a ${blockType.nesting_mode} of blocks: index it, like ${step.name}${blockType.nesting_mode === 'map' ? '["key"]' : '[0]'}`;
    i++;
  }
  return undefined;
}

/** The problems of a `lifecycle` block: known settings only, and `ignore_changes` paths that exist. */
export function lifecycleProblems(value: unknown, block: SchemaBlock | undefined, resourceType: string): ValueProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ path: 'lifecycle', message: 'expects a block (an object)' }];
  const problems: ValueProblem[] = [];
  for (const [name, setting] of Object.entries(value as Record<string, unknown>)) {
    if (name === '//') continue;
    if (!LIFECYCLE_SETTINGS.includes(name)) {
      problems.push({ path: joinPath('lifecycle', name), message: `not a lifecycle setting; ${unknownNameHint(name, LIFECYCLE_SETTINGS)}` });
    } else if (name === 'ignore_changes' && block && setting !== 'all' && !isExpression(setting)) {
      if (!Array.isArray(setting)) {
        problems.push({ path: 'lifecycle.ignore_changes', message: 'expects "all" or a list of attribute paths' });
        continue;
      }
      setting.forEach((entry, i) => {
        const problem = typeof entry === 'string' ? ignoreChangesProblem(entry, block, resourceType) : 'expects an attribute path (a string)';
        if (problem) problems.push({ path: joinPath('lifecycle.ignore_changes', i), message: problem });
      });
    }
  }
  return problems;
}
