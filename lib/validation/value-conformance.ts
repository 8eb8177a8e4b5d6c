import { SchemaType } from './schema-catalog';

// Whether a literal JSON value converts to an attribute's Terraform type, by Terraform's own conversion rules
// (those of its type system, cty): a number or a bool converts to a string; a string converts to a number when
// it is a number's decimal text, and to a bool when it is "true", "false", "1" or "0"; a JSON array converts
// to a list, set or tuple, a JSON object to a map or object (extra object attributes are discarded, missing
// ones must be optional). Expressions and templates (`${...}`, `%{...}`) are unknown until plan: they pass.

/** One value that does not conform: where (relative path) and what the type allows. */
export interface ValueProblem {
  readonly path: string;
  readonly message: string;
}

/** Whether a JSON value is, or holds at its top, a Terraform expression rather than a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('${') || value.includes('%{'));
}

/** A Terraform type in its HCL spelling, for messages: `list(string)`, `object({...})`. */
export function typeName(type: SchemaType): string {
  if (typeof type === 'string') return type === 'dynamic' ? 'any' : type;
  const [kind, inner] = type;
  if (kind === 'object') return `object({${Object.keys(inner as object).join(', ')}})`;
  if (kind === 'tuple') return `tuple([${(inner as SchemaType[]).map(typeName).join(', ')}])`;
  return `${kind}(${typeName(inner as SchemaType)})`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const numberText = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function primitiveProblem(value: unknown, type: string): string | undefined {
  const fail = `expects ${type}, got ${describe(value)}`;
  switch (type) {
    case 'string':
      return ['string', 'number', 'boolean'].includes(typeof value) ? undefined : fail;
    case 'number':
      if (typeof value === 'number') return undefined;
      return typeof value === 'string' && numberText.test(value) ? undefined : fail;
    case 'bool':
      if (typeof value === 'boolean') return undefined;
      return typeof value === 'string' && ['true', 'false', '1', '0'].includes(value) ? undefined : fail;
    default:
      return undefined;
  }
}

/** Joins an attribute path: `a.b`, `a[0]`, `a["key"]`. */
export function joinPath(base: string, step: string | number): string {
  if (typeof step === 'number') return `${base}[${step}]`;
  if (base === '') return step;
  return step.startsWith('[') ? `${base}${step}` : `${base}.${step}`;
}

/** The problems of `value` against `type`, with paths relative to `at`. */
export function valueProblems(value: unknown, type: SchemaType, at: string): ValueProblem[] {
  if (value === null || value === undefined || isExpression(value) || type === 'dynamic') return [];
  if (typeof type === 'string') {
    const problem = primitiveProblem(value, type);
    return problem ? [{ path: at, message: problem }] : [];
  }
  const [kind, inner, optional] = type;
  const fail = [{ path: at, message: `expects ${typeName(type)}, got ${describe(value)}` }];
  switch (kind) {
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return fail;
      return value.flatMap((item, i) => valueProblems(item, inner as SchemaType, joinPath(at, i)));
    case 'tuple': {
      const types = inner as SchemaType[];
      if (!Array.isArray(value) || value.length !== types.length) return fail;
      return value.flatMap((item, i) => valueProblems(item, types[i], joinPath(at, i)));
    }
    case 'map':
      if (Array.isArray(value) || typeof value !== 'object') return fail;
      return Object.entries(value as object).flatMap(([key, item]) => valueProblems(item, inner as SchemaType, joinPath(at, `[${JSON.stringify(key)}]`)));
    case 'object': {
      if (Array.isArray(value) || typeof value !== 'object') return fail;
      const record = value as Record<string, unknown>;
      const optionalNames = new Set((optional as string[] | undefined) ?? []);
      return Object.entries(inner as Record<string, SchemaType>).flatMap(([name, attributeType]) => {
        if (name in record) return valueProblems(record[name], attributeType, joinPath(at, name));
        return optionalNames.has(name) ? [] : [{ path: joinPath(at, name), message: `missing: ${typeName(type)} requires attribute "${name}"` }];
      });
    }
    default:
      return [];
  }
}
