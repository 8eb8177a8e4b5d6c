import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformStack, Token } from 'cdktf';

const SHOWN_CHARACTERS = 80;

/**
 * A value as error messages show it: as JSON (long text cut, with its length), but unresolved tokens as
 * "(an unresolved token)" and circular or token-holding objects by their kind, so that a message never shows
 * a raw token string and never fails on a circular object.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if ((typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value)) return '(an unresolved token)';
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (a number)`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return kindOf(value); // circular
  }
  if (json === undefined) return kindOf(value);
  if (/[$#]\{TfToken\[|TfToken\[TOKEN/.test(json)) return `${kindOf(value)} holding an unresolved token`;
  return json.length > SHOWN_CHARACTERS ? `${json.slice(0, SHOWN_CHARACTERS)}… (${typeof value === 'string' ? `${value.length} characters` : `${json.length} characters as JSON`})` : json;
}

/** The JavaScript kind of a value in words: "a string", "a number", "an object", "an array", "null", "missing". */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor && value.constructor !== Object ? `an object of class ${value.constructor.name}` : 'an object';
  return typeof value === 'number' ? 'a number' : typeof value === 'string' ? 'a string' : typeof value === 'boolean' ? 'a boolean' : `a ${typeof value}`;
}

function pathOf(scope: IConstruct | string): string {
  return typeof scope === 'string' ? scope : scope.node.path || scope.node.id || '<app>';
}

/**
 * The one shape of every input error the library raises: which construct (its path), which field, what
 * value, and what is allowed. Errors reported earlier in the same app (see {@link reportInputError}) are
 * listed with it, so one run shows every problem.
 */
export function inputError(scope: IConstruct | string, field: string, value: unknown, rule: string): Error {
  const message = `${pathOf(scope)}: invalid ${field} ${describeValue(value)}: ${rule}`;
  const earlier = typeof scope === 'string' ? [] : takeReported(scope);
  if (earlier.length === 0) return new Error(message);
  return new Error(`${earlier.length + 1} input errors:\n- ${[...earlier, message].join('\n- ')}`);
}

/** An input error for a value that a list holds more than once. */
export function repeatedValueError(scope: IConstruct | string, field: string, value: unknown): Error {
  return inputError(scope, field, value, 'is listed twice: each value must appear once. Fix: remove the repeat');
}

/** Throws {@link repeatedValueError} when `values[index]` already stands earlier in `values`. */
export function checkListedOnce(scope: IConstruct | string, field: string, values: readonly unknown[], index: number): void {
  if (values.indexOf(values[index]) !== index) throw repeatedValueError(scope, field, values[index]);
}

/**
 * Throws when `value` is an unresolved token in a field that cannot be a Terraform value, because the library
 * needs it at synth time (see docs/input-errors.md, "Fields that take no tokens"); `why` says what uses it.
 */
export function refuseToken(scope: IConstruct | string, field: string, value: unknown, why: string): void {
  if (!Token.isUnresolved(value)) return;
  throw inputError(scope, field, value, `takes no tokens and must be a literal value: ${why}`);
}

const REPORTED = new WeakMap<IConstruct, string[]>();
const REPORTING_STACKS = new WeakSet<TerraformStack>();

/** Throws every reported input error of an app when synthesis reaches a stack, before any other check runs on it. */
class ReportedInputErrors implements IAspect {
  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) throwReported(node);
  }
}
const REPORTER = new ReportedInputErrors();

/**
 * Records an input error of a construct whose remaining setup does not depend on the value, and goes on:
 * synthesis (and any later immediate input error) then reports every recorded error of the app together.
 */
export function reportInputError(scope: IConstruct, field: string, value: unknown, rule: string): void {
  const root = scope.node.root;
  const errors = REPORTED.get(root) ?? [];
  errors.push(`${pathOf(scope)}: invalid ${field} ${describeValue(value)}: ${rule}`);
  REPORTED.set(root, errors);
  const stack = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
  if (stack && !REPORTING_STACKS.has(stack)) {
    REPORTING_STACKS.add(stack);
    Aspects.of(stack).add(REPORTER);
  }
}

/** The input errors recorded in the app of `scope` and not yet thrown; they count as thrown after this. */
export function takeReported(scope: IConstruct): string[] {
  const root = scope.node.root;
  const errors = REPORTED.get(root) ?? [];
  REPORTED.delete(root);
  return errors;
}

/** Throws the input errors recorded in the app of `scope`, if any (for checks that must see valid input). */
export function throwReported(scope: IConstruct): void {
  const errors = takeReported(scope);
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`${errors.length} input errors:\n- ${errors.join('\n- ')}`);
}
