import { SchemaAttribute, SchemaBlock, SchemaBlockType } from './schema-catalog';
import { isExpression, joinPath, typeName, ValueProblem, valueProblems } from './value-conformance';

// Checks one block body of Terraform JSON (a resource, data source or provider block, or a nested block)
// against its block schema: unknown names, missing required attributes and blocks, computed-only attributes
// that are set, value types, enum values, and the nesting and count of nested blocks. In Terraform's JSON
// syntax a nested block is an object, or an array of objects (a map-nested block: an object of labelled
// objects); `dynamic` generates blocks at plan time, and `//` keys are comments.

const enumPattern = /Possible values: (\[[^\]]*\])/;

/** The values an attribute's description lists as "Possible values: [...]", if it does. */
export function enumValues(attribute: SchemaAttribute): string[] | undefined {
  const match = enumPattern.exec(attribute.description ?? '');
  if (!match) return undefined;
  try {
    const values = JSON.parse(match[1]) as unknown;
    return Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined;
  } catch {
    return undefined;
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** What to say about a name the schema does not have: the closest known name, or the known names. */
export function unknownNameHint(name: string, known: string[]): string {
  const closest = known.map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
  if (closest && closest.d <= Math.max(2, Math.floor(name.length / 3))) return `did you mean "${closest.k}"?`;
  const shown = known.slice().sort();
  return `known: ${shown.slice(0, 15).join(', ')}${shown.length > 15 ? ` and ${shown.length - 15} more` : ''}`;
}

function enumProblems(value: unknown, attribute: SchemaAttribute, at: string): ValueProblem[] {
  const allowed = enumValues(attribute);
  if (!allowed) return [];
  const literals = Array.isArray(value) ? value.map((v, i) => [v, joinPath(at, i)] as const) : [[value, at] as const];
  return literals
    .filter(([v]) => typeof v === 'string' && !isExpression(v) && !allowed.includes(v) && !(v === '' && !attribute.required))
    .map(([v, path]) => ({ path, message: `${JSON.stringify(v)} is not allowed: possible values are ${allowed.map((a) => JSON.stringify(a)).join(', ')}` }));
}

function attributeProblems(value: unknown, attribute: SchemaAttribute, at: string): ValueProblem[] {
  if (attribute.computed && !attribute.optional && !attribute.required) {
    return [{ path: at, message: 'computed-only: the provider sets this attribute, the configuration may not; remove it' }];
  }
  if (attribute.nested_type) return nestedAttributeProblems(value, attribute, at);
  return [...valueProblems(value, attribute.type ?? 'dynamic', at), ...enumProblems(value, attribute, at)];
}

function nestedAttributeProblems(value: unknown, attribute: SchemaAttribute, at: string): ValueProblem[] {
  const nested = attribute.nested_type!;
  if (value === null || isExpression(value)) return [];
  const inner: SchemaBlock = { attributes: nested.attributes };
  if (nested.nesting_mode === 'single') return blockProblems(value, inner, at);
  if (nested.nesting_mode === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) return [{ path: at, message: `expects a map of objects, got ${Array.isArray(value) ? 'a list' : typeof value}` }];
    return Object.entries(value as object).flatMap(([key, item]) => blockProblems(item, inner, joinPath(at, `[${JSON.stringify(key)}]`)));
  }
  if (!Array.isArray(value)) return [{ path: at, message: `expects a ${nested.nesting_mode} of objects, got ${typeof value}` }];
  return value.flatMap((item, i) => blockProblems(item, inner, joinPath(at, i)));
}

/** The block bodies a JSON value writes for one block type, with their paths; undefined when it is not block syntax. */
function blockInstances(value: unknown, blockType: SchemaBlockType, at: string): { body: unknown; path: string }[] | undefined {
  if (blockType.nesting_mode === 'map') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return Object.entries(value as object).map(([key, body]) => ({ body, path: joinPath(at, `[${JSON.stringify(key)}]`) }));
  }
  const single = blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group';
  if (Array.isArray(value)) return value.map((body, i) => ({ body, path: single ? at : joinPath(at, i) }));
  if (value !== null && typeof value === 'object') return [{ body: value, path: single ? at : joinPath(at, 0) }];
  return undefined;
}

function nestedBlockProblems(value: unknown, blockType: SchemaBlockType, at: string): ValueProblem[] {
  if (value === null || isExpression(value)) return [];
  const instances = blockInstances(value, blockType, at);
  if (!instances) {
    return [{ path: at, message: `is a nested block (${blockType.nesting_mode}): write an object${blockType.nesting_mode === 'map' ? ' of labelled objects' : ' or a list of objects'}, not ${typeof value}` }];
  }
  const problems: ValueProblem[] = [];
  const max = blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group' ? 1 : blockType.max_items;
  if (max !== undefined && max > 0 && instances.length > max) {
    problems.push({ path: at, message: `${instances.length} blocks, the schema allows at most ${max}` });
  }
  if (blockType.min_items !== undefined && instances.length < blockType.min_items) {
    problems.push({ path: at, message: `${instances.length} blocks, the schema requires at least ${blockType.min_items}` });
  }
  for (const instance of instances) problems.push(...blockProblems(instance.body, blockType.block, instance.path));
  return problems;
}

function dynamicProblems(value: unknown, block: SchemaBlock, at: string): ValueProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path: joinPath(at, 'dynamic'), message: 'expects an object of dynamic blocks by block type name' }];
  }
  const blockTypes = block.block_types ?? {};
  return Object.entries(value as Record<string, unknown>).flatMap(([name, spec]) => {
    const path = joinPath(at, name);
    const blockType = blockTypes[name];
    if (!blockType) return [{ path, message: `dynamic block of an unknown block type; ${unknownNameHint(name, Object.keys(blockTypes))}` }];
    const content = (spec as { content?: unknown } | null)?.content;
    if (content === undefined) return [{ path, message: 'dynamic block without "content"' }];
    return blockProblems(content, blockType.block, path);
  });
}

/**
 * The problems of one block body against its schema, with paths below `at`. `metaArguments` are further names
 * the body may hold (a resource's `count`, `provider`, `lifecycle`...); they are checked elsewhere.
 */
export function blockProblems(body: unknown, block: SchemaBlock, at: string, metaArguments: ReadonlySet<string> = new Set()): ValueProblem[] {
  if (isExpression(body)) return [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: at, message: `expects a block (an object), got ${Array.isArray(body) ? 'a list' : typeof body}` }];
  }
  const record = body as Record<string, unknown>;
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  const dynamicNames = new Set(Object.keys((record.dynamic as object | null) ?? {}));
  const problems: ValueProblem[] = [];
  for (const [name, value] of Object.entries(record)) {
    const path = joinPath(at, name);
    if (name === '//' || metaArguments.has(name)) continue;
    if (name === 'dynamic' && !attributes.dynamic) problems.push(...dynamicProblems(value, block, at));
    else if (attributes[name]) problems.push(...attributeProblems(value, attributes[name], path));
    else if (blockTypes[name]) problems.push(...nestedBlockProblems(value, blockTypes[name], path));
    else problems.push({ path, message: `not in the schema; ${unknownNameHint(name, [...Object.keys(attributes), ...Object.keys(blockTypes)])}` });
  }
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.required && (record[name] === undefined || record[name] === null)) {
      problems.push({ path: joinPath(at, name), message: `required attribute is missing (${attribute.type ? typeName(attribute.type) : 'nested object'})` });
    }
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    if ((blockType.min_items ?? 0) > 0 && record[name] === undefined && !dynamicNames.has(name)) {
      problems.push({ path: joinPath(at, name), message: `required block is missing: the schema requires at least ${blockType.min_items}` });
    }
  }
  return problems;
}
