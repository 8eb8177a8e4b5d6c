import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { describeValue, inputError } from './errors';

/** A field's JavaScript shape; a trailing `!` marks it required. */
export type ShapeKind = 'string' | 'number' | 'boolean' | 'strings' | 'numbers' | 'map' | 'object' | 'function';
/** One of the named constant values of an enum-like class or an enum. */
export interface MemberOf { readonly memberOf: object; readonly typeName: string; readonly required?: boolean }
/** A nested shape or list of shapes that must be given. */
export interface RequiredShape { readonly requiredShape: PropShape | [PropShape] }
/** The expected shape of a props object: a kind, a nested shape, a list of shapes (`[shape]`), an enum member or a required shape. */
export interface PropShape { readonly [field: string]: `${ShapeKind}` | `${ShapeKind}!` | PropShape | [PropShape] | MemberOf | RequiredShape }

/** A nested options object (or list of them) that must be given. */
export function required(shape: PropShape | [PropShape]): RequiredShape {
  return { requiredShape: shape };
}

/** A field holding an instance of a class whose factories make values (such as `WorkloadMetadata.of`). */
export function instanceOf(type: { readonly prototype: object }, typeName: string, required = false): MemberOf {
  return { memberOf: { [`(an instance of ${typeName})`]: type }, typeName, required };
}

/** A field holding a member of an enum or an enum-like class such as `ReleaseChannel`. */
export function memberOf(values: object, typeName: string, required = false): MemberOf {
  return { memberOf: values, typeName, required };
}

const KIND_WORDS: Record<ShapeKind, string> = {
  string: 'a string', number: 'a number', boolean: 'a boolean (true or false, not a string)', strings: 'a list of strings',
  numbers: 'a list of numbers', map: 'a map of strings to strings', object: 'an object', function: 'a function',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function matches(kind: ShapeKind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'strings': return Array.isArray(v) && v.every((e) => typeof e === 'string');
    case 'numbers': return Array.isArray(v) && v.every((e) => typeof e === 'number');
    case 'map': return isPlainObject(v) && Object.values(v).every((e) => typeof e === 'string');
    case 'object': return typeof v === 'object' && v !== null;
    case 'function': return typeof v === 'function';
  }
}

/**
 * Checks the JavaScript shape of props before a construct reads them: required fields present, every
 * field of the expected type, nested options complete, enum members real. Unresolved tokens pass. Throws
 * at once: the construct cannot be built from props of the wrong shape.
 */
export function checkProps(scope: IConstruct | string, props: unknown, shape: PropShape, prefix = ''): void {
  if (!isPlainObject(props)) {
    throw inputError(scope, prefix.replace(/\.$/, '') || 'props', props, 'must be an object of options');
  }
  for (const [field, expected] of Object.entries(shape)) {
    checkField(scope, `${prefix}${field}`, props[field], expected);
  }
}

function checkField(scope: IConstruct | string, name: string, value: unknown, given: PropShape[string]): void {
  const expected = typeof given === 'object' && 'requiredShape' in given ? (given as RequiredShape).requiredShape : given;
  const isRequired = typeof given === 'string' ? given.endsWith('!') : 'requiredShape' in given || ('memberOf' in given && given.required === true);
  if (value === undefined) {
    if (isRequired) throw inputError(scope, name, value, `is required: set ${name}`);
    return;
  }
  if (Token.isUnresolved(value)) return;
  if (typeof expected === 'string') {
    const kind = expected.replace('!', '') as ShapeKind;
    if (!matches(kind, value)) throw inputError(scope, name, value, `must be ${KIND_WORDS[kind]}, not ${kindOfValue(value)}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(value)) throw inputError(scope, name, value, `must be a list of objects, not ${kindOfValue(value)}`);
    value.forEach((item, i) => checkProps(scope, item, expected[0], `${name}[${i}].`));
  } else if ('memberOf' in expected) {
    checkMember(scope, name, value, expected as MemberOf);
  } else {
    checkProps(scope, value, expected as PropShape, `${name}.`);
  }
}

function checkMember(scope: IConstruct | string, name: string, value: unknown, expected: MemberOf): void {
  const classes = Object.values(expected.memberOf).filter((v): v is { prototype: object } => typeof v === 'function');
  if (classes.some((type) => typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(type.prototype, value))) return;
  const members = Object.entries(expected.memberOf).filter(([, v]) => typeof v !== 'function');
  if (members.some(([, v]) => v === value)) return;
  if (members.length === 0) {
    throw inputError(scope, name, value, `must be a ${expected.typeName}, made by its constants or factories, not ${kindOfValue(value)}`);
  }
  const names = members.filter(([, v]) => typeof v === 'object' || typeof v === 'string').map(([k]) => `${expected.typeName}.${k}`);
  throw inputError(scope, name, value, `must be one of ${names.join(', ')}` +
    (typeof value === 'string' ? ` (the constant, not the string ${describeValue(value)})` : ''));
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.some((e) => typeof e !== 'string') ? 'a list holding other values' : 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value === 'number' ? 'a number' : `a ${typeof value}`} ${describeValue(value)}`;
}

/**
 * {@link checkProps} for a construct not yet created (in the arguments of `super`): errors name the path
 * the construct `id` gets under `scope`. Returns the props.
 */
export function checkedProps<T>(scope: IConstruct, id: string, props: T, shape: PropShape): T {
  checkProps(scope.node.path ? `${scope.node.path}/${id}` : id, props, shape);
  return props;
}
